/**
 * Render a vega-lite spec to an SVG string at build time, so pages read without JavaScript.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const label = typeof spec.description === 'string' ? spec.description.replace(/"/g, '&quot;') : 'chart';
    return svg.replace('<svg ', `<svg role="img" aria-label="${label}" `);
  } finally {
    view.finalize();
  }
}
