/**
 * On a phone an SLO chart scrolls sideways in its box and opens on its latest weeks, far from its
 * y axis. The axis is pinned to the box's left edge instead: a small SVG that shows the chart's own
 * drawing (an SVG `<use>` of it, so no byte of the chart is written twice) through a window as wide
 * as the space left of the plot, which holds the axis, its labels and its title. The chart's
 * drawing gets an id for the `<use>`; the window's width is the plot's left offset, read from the
 * SVG vega wrote (`<g ... transform="translate(68,30)">` after its background).
 */

/** The chart SVG with its drawing named `id`, and the pinned axis's width and height; no pin when the SVG is not as vega writes it. */
export function pinnedAxis(svg: string, id: string): { svg: string; pin: { width: number; height: number } | null } {
  const size = /^<svg [^>]*\bwidth="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg);
  const group = /(<rect [^>]*\/>)<g (fill="none" stroke-miterlimit="4" transform="translate\((\d+(?:\.\d+)?),\d+(?:\.\d+)?\)")>/.exec(svg);
  if (!size || !group || !/^[a-z][a-z0-9-]*$/.test(id)) return { svg, pin: null };
  // One pixel past the plot's left edge, so the axis line itself shows.
  const width = Math.ceil(Number(group[3])) + 1;
  return { svg: svg.replace(group[0], `${group[1]}<g id="${id}" ${group[2]}>`), pin: { width, height: Number(size[2]) } };
}
