import { describe, expect, it } from 'vitest';
import { renderSvg, splitSpec } from './render.ts';
import { budgetSpec, burnSpec, burnTicks, dailySliSpec, labelRows, ruleLabelHeights, timeTicks } from './specs.ts';
import { textWidth } from './text-width.ts';

type Layer = { data?: { values?: Record<string, unknown>[] }; mark: { type: string }; encoding?: { y?: { scale?: { domain?: number[] } } } };
const layers = (spec: object) => (spec as { layer: Layer[] }).layer;
const texts = (spec: object) => layers(spec).filter((l) => l.mark.type === 'text').flatMap((l) => (l.data?.values ?? []).map((v) => v.label as string));

describe('chart specs', () => {
  it('the daily SLI axis is a log scale of errors, 100% at the top: the objective sits clear of it, labelled in words', () => {
    const spec = dailySliSpec([{ day: '2026-10-01', sli: 1, total: 10 }, { day: '2026-10-02', sli: 0.956, total: 10 }], 99.95, 'Daily SLI');
    const y = (layers(spec)[0]!.encoding!.y as { field: string; scale: { type: string; domain: number[]; reverse: boolean }; axis: { values: number[] } });
    expect(y.field).toBe('errors');
    expect(y.scale.type).toBe('log');
    expect(y.scale.reverse).toBe(true);
    // From a twentieth of the 0.05% budget (a day without errors, at the top) to below the worst day (4.4% errors).
    expect(y.scale.domain[0]).toBeCloseTo(0.0005 / 20, 12);
    expect(y.scale.domain[1]).toBeCloseTo(0.044 * 1.5, 9);
    expect(y.axis.values).toEqual([0.01, 0.001, 1e-4]);
    const rows = layers(spec)[0]!.data!.values!;
    expect(rows.map((r) => r.errors)).toEqual([expect.closeTo(0.0005 / 20, 12), expect.closeTo(0.044, 9)]);
    expect(texts(spec)).toContain('objective 99.95%');
  });

  it('the budget chart names its threshold lines and marks the incidents by severity', () => {
    const spec = budgetSpec([{ t: '2026-10-01T00:00:00.000Z', remaining: 0.5 }], { green: 60, yellow: 25 }, 'Budget', [{ t: '2026-10-01T06:00:00.000Z', label: 'SEV1' }]);
    expect(texts(spec)).toEqual(['green above 60%', 'red at or below 25%', 'budget spent', 'SEV1']);
    expect(texts(budgetSpec([], { green: 60, yellow: 25 }, 'Budget'))).not.toContain('SEV1');
  });

  it('the burn-rate chart shades the alerts by shape, names page and ticket in its legend, and renders to SVG', async () => {
    const points = [0, 1, 2, 3].map((h) => ({ t: `2026-10-01T0${h * 2}:00:00.000Z`, burn: [0.5, 20, 3, null][h]! }));
    const alerts = [{ from: '2026-10-01T02:00:00.000Z', to: '2026-10-01T03:00:00.000Z', severity: 'page', alert: 'Page: fast burn' }];
    const spec = burnSpec(points, { value: 14.4, label: 'page fast above 14.4×' }, alerts, [{ t: '2026-10-01T01:50:00.000Z', label: 'SEV2' }], 'Burn');
    // A page alert shades the full height (top 0); a ticket alert would shade a strip at the bottom.
    expect(layers(spec).find((l) => l.mark.type === 'rect')!.data!.values).toEqual([{ ...alerts[0], x0: alerts[0]!.from, x1: alerts[0]!.to, top: 0 }]);
    expect(texts(spec)).toEqual(expect.arrayContaining(['page fast above 14.4×', 'SEV2']));
    const svg = await renderSvg(spec);
    expect(svg).toContain('aria-label="Burn"');
    expect(svg).toContain('page fast above 14.4×');
    expect(svg).toContain('page (full height)');
  });

  it('the burn-rate axis is labelled up to its top however high the peak, a short alert still shows, and the legend stands right of the plot, clear of the incidents’ labels', async () => {
    const px = (top: number) => (b: number) => 180 * (1 - Math.log1p(b) / Math.log1p(top));
    expect(burnTicks(867.5 * 1.2, px(867.5 * 1.2))).toEqual([0, 1, 10, 100, 1000]);
    expect(burnTicks(14.4 * 1.2, px(14.4 * 1.2))).toEqual([0, 1, 2, 5, 10]);
    for (const top of [1.2, 3, 17, 80, 260, 1041, 25_000]) {
      const t = burnTicks(top, px(top));
      for (let k = 1; k < t.length; k++) expect(px(top)(t[k - 1]!) - px(top)(t[k]!)).toBeGreaterThanOrEqual(16);
      // The highest power of ten under the top is always labelled.
      expect(t).toContain(10 ** Math.floor(Math.log10(top)));
    }
    // 30 days of hourly points peaking at 867.5x, a one-hour page alert, two incidents a day apart.
    const start = Date.UTC(2026, 9, 16);
    const iso = (h: number) => new Date(start + h * 3_600_000).toISOString();
    const points = Array.from({ length: 720 }, (_, h) => ({ t: iso(h), burn: h === 300 ? 867.5 : 1 + (h % 5) }));
    const spec = burnSpec(points, { value: 14.4, label: 'page fast above 14.4×' }, [{ from: iso(300), to: iso(301), severity: 'page', alert: 'Page: fast burn' }], [
      { t: iso(299), label: 'SEV1' },
      { t: iso(310), label: 'SEV2' },
    ], 'Burn');
    const svg = await renderSvg(spec);
    // The burn-rate labels an axis draws (vega writes the ones it thins out at opacity 0).
    const burnLabels = (drawn: string) => [...drawn.matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/opacity="1"[^>]*>([^<]*×)</g)].map((m) => m[1]));
    expect(burnLabels(svg)).toEqual(expect.arrayContaining(['0×', '1×', '10×', '100×', '1000×']));
    // Six values (a peak of 68.7x): every one is drawn, none thinned out by vega's tick count.
    const lower = burnSpec(points.map((p) => ({ ...p, burn: p.burn === 867.5 ? 68.7 : p.burn })), { value: 14.4, label: 'page fast above 14.4×' }, [], [], 'Burn');
    expect(burnTicks(68.7 * 1.2, px(68.7 * 1.2))).toEqual([0, 1, 5, 10, 20, 50]);
    expect(burnLabels(await renderSvg(lower))).toEqual(['0×', '1×', '5×', '10×', '20×', '50×']);
    expect(svg).toContain('burn rate (1h, log scale)');
    // The alert keeps its own times in the chart's data; its band is drawn 3 px wide (an hour is 0.9 px on this axis).
    expect(layers(spec).find((l) => l.mark.type === 'rect')!.data!.values![0]).toMatchObject({ from: iso(300), to: iso(301) });
    const band = /<g class="mark-rect role-mark[^"]*"><path d="M([\d.]+),0h([\d.]+)v180/.exec(svg);
    expect(band, 'the page band').not.toBeNull();
    expect(Number(band![2])).toBeCloseTo(3, 1);
    // The legend's title stands below the plot and its axis, not among the labels above it.
    const legend = /<g class="mark-group role-legend"[^>]*><g transform="translate\(([\d.]+),([\d.]+)\)"/.exec(svg);
    expect(legend, 'the legend').not.toBeNull();
    expect(Number(legend![2])).toBeGreaterThan(180);
    // Right of the plot (640 px), in the column of the rules' labels: in view where a phone's chart
    // box opens (on the latest weeks), and inside the drawing, which is as wide as what it holds.
    expect(Number(legend![1])).toBeGreaterThan(640);
    const legendWidth = /<g class="mark-group role-legend"[^>]*><g transform="translate\([\d.]+,[\d.]+\)"><path class="background"[^>]*d="M0,0h([\d.]+)v/.exec(svg);
    expect(legendWidth, 'the legend box').not.toBeNull();
    const drawing = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    const [padding] = [...svg.matchAll(/<g transform="translate\(([\d.]+),[\d.]+\)"/g)].map((m) => Number(m[1]));
    expect(padding! + Number(legend![1]) + Number(legendWidth![1])).toBeLessThanOrEqual(drawing);
  });

  it('incident labels stand above the plot; a label with other incidents’ lines under it takes a row above theirs, so no line runs through a label', async () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 - i / 100 }));
    const marks = [
      { t: '2026-11-09T10:00:00.000Z', label: 'SEV2' },
      { t: '2026-11-09T14:00:00.000Z', label: 'SEV3' },
      { t: '2026-11-10T08:00:00.000Z', label: 'SEV4' },
      { t: '2026-10-05T00:00:00.000Z', label: 'SEV1' },
    ];
    const domain = [Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 29)] as const;
    // Placed from the right: SEV4 next to the plot; SEV3's label would cover SEV4's line, so it goes
    // above it; SEV2's covers both lines, so it goes above both. SEV1, alone, is next to the plot.
    expect(labelRows(marks, domain)).toEqual([2, 1, 0, 0]);
    // Four close together: the leftmost goes above the other three.
    expect(labelRows([...marks.slice(0, 3), { t: '2026-11-09T16:00:00.000Z', label: 'SEV2' }], domain)).toEqual([3, 2, 0, 1]);
    // A chain, each incident under the label of the one before though no three labels cover one point: a row each.
    const chain = [0, 2, 4, 6].map((d) => ({ t: new Date(Date.UTC(2026, 9, 21 + d)).toISOString(), label: 'SEV2' }));
    expect(labelRows(chain, domain)).toEqual([3, 2, 1, 0]);
    // Six in a chain: the sixth finds no free row of the five and takes the one where it touches the least.
    expect(labelRows([0, 2, 4, 6, 8, 10].map((d) => ({ t: new Date(Date.UTC(2026, 9, 21 + d)).toISOString(), label: 'SEV2' })), domain)).toEqual([0, 4, 3, 2, 1, 0]);
    const spec = budgetSpec(days(60), { green: 60, yellow: 25 }, 'Budget', marks);
    // One text layer holds every incident label, its row as a height in its data.
    const text = layers(spec).filter((l) => l.mark.type === 'text' && l.data?.values?.[0]?.label?.toString().startsWith('SEV'));
    expect(text).toHaveLength(1);
    expect(text[0]!.data!.values!.map((v) => [v.label, v.py])).toEqual([['SEV2', -27], ['SEV3', -15], ['SEV4', -3], ['SEV1', -3]]);
    // Drawn: the labels of the same day stand on three lines, all above the plot (its top is y 0),
    // where they can touch neither the data nor a threshold line.
    const svg = await renderSvg(spec);
    const at = (label: string) => [...svg.matchAll(new RegExp(`transform="translate\\(([-\\d.]+),([-\\d.]+)\\)"[^>]*>${label}<`, 'g'))].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    expect(at('SEV3')[0]!.y - at('SEV2')[0]!.y).toBeGreaterThanOrEqual(12);
    expect(at('SEV4')[0]!.y - at('SEV3')[0]!.y).toBeGreaterThanOrEqual(12);
    for (const label of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) for (const { y } of at(label)) expect(y).toBeLessThan(0);
    // Each incident's line runs from the plot's bottom (180) up to its label's top, 9 px over its
    // baseline, and stops below every label it would cross.
    const rules = [...svg.matchAll(/<line transform="translate\(([\d.]+),([-\d.]+)\)" x2="0" y2="([\d.]+)" stroke="#57606a" stroke-dasharray="2,2"/g)].map((m) => ({ x: Number(m[1]), top: Number(m[2]), bottom: Number(m[2]) + Number(m[3]) }));
    expect(rules.map((r) => r.top).sort((a, b) => a - b)).toEqual([-36, -24, -12, -12]);
    for (const r of rules) expect(r.bottom).toBe(180);
    for (const label of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) {
      for (const { x, y } of at(label)) {
        const right = x + textWidth(label, 10);
        for (const r of rules) if (r.x > x + 0.5 && r.x < right) expect(r.top, `the line at ${r.x} under ${label}`).toBeGreaterThan(y);
      }
    }
  });

  it('a label near the plot’s right edge runs on past it, into the free band above the rules’ labels; across random sets of up to five incidents no line runs through a label and no two labels touch', async () => {
    const domain = [Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 29)] as const;
    const marks = [
      { t: '2026-11-28T12:00:00.000Z', label: 'SEV1' },
      { t: '2026-11-25T00:00:00.000Z', label: 'SEV3' },
      { t: '2026-10-01T00:00:00.000Z', label: 'SEV2' },
    ];
    // SEV1 (x 635 of 640) starts at its line and runs past the plot; SEV3's label (x 597 to 631) covers no line.
    expect(labelRows(marks, domain)).toEqual([0, 0, 0]);
    const days = Array.from({ length: 60 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 }));
    const svg = await renderSvg(budgetSpec(days, { green: 60, yellow: 25 }, 'Budget', marks));
    const sev1 = svg.match(/<text text-anchor="start" transform="translate\(([\d.]+),(-[\d.]+)\)"[^>]*>SEV1</);
    expect(sev1, 'SEV1 drawn from its line').not.toBeNull();
    expect(Number(sev1![1])).toBeGreaterThan(635);
    // The SVG is wide enough for it.
    expect(Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1])).toBeGreaterThan(61 + 637 + textWidth('SEV1', 10));

    // Up to five incidents anywhere on the axis (uniformly, often within a label's width of one
    // another, sometimes at the same instant): no line under a label reaches its row, and labels in
    // one row never overlap.
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const px = (t: string) => ((Date.parse(t) - domain[0]) / (domain[1] - domain[0])) * 640;
    for (let n = 0; n < 2_000; n++) {
      const ms: { t: string; label: string }[] = [];
      // Half the sets crowd into a week, so chains are common.
      const span = rand() < 0.5 ? 7 : 58;
      for (let k = 1 + Math.floor(rand() * 5); k > 0; k--) {
        const t = ms.length > 0 && rand() < 0.1 ? ms.at(-1)!.t : new Date(domain[0] + rand() * span * 86_400_000).toISOString();
        ms.push({ t, label: `SEV${1 + Math.floor(rand() * 4)}` });
      }
      const rows = labelRows(ms, domain);
      ms.forEach((a, i) => {
        const [from, to] = [px(a.t), px(a.t) + textWidth(a.label, 10) + 6];
        ms.forEach((b, j) => {
          if (j === i) return;
          if (px(b.t) > from + 0.5 && px(b.t) < to) expect(rows[j]!, `${b.t} under ${a.t}`).toBeLessThan(rows[i]!);
          if (rows[j] === rows[i] && j > i) expect(px(b.t) >= to || px(b.t) + textWidth(b.label, 10) + 6 <= from, `${a.t} and ${b.t} overlap`).toBe(true);
        });
      });
    }
  });

  it('rule labels stand at their rules’ heights unless they would touch: then just far enough apart, kept beside the plot', () => {
    expect(ruleLabelHeights([72, 135, 180])).toEqual([72, 135, 180]);
    expect(ruleLabelHeights([10, 4, 6])).toEqual([30, 4, 17]);
    // Three at the very bottom: the stack moves up so the last still ends by the plot's bottom edge.
    const bottom = ruleLabelHeights([180, 180, 180]);
    expect(bottom.map((y, i) => y - (bottom[i - 1] ?? y - 13))).toEqual([13, 13, 13]);
    expect(bottom[2]).toBeLessThanOrEqual(180 + 6.5);
    for (const ys of [[0, 0, 0], [1, 2], [90, 91, 92, 93]]) {
      const h = ruleLabelHeights(ys).sort((a, b) => a - b);
      for (let k = 1; k < h.length; k++) expect(h[k]! - h[k - 1]!).toBeGreaterThanOrEqual(13);
    }
  });

  it('draws the rules’ labels right of the plot, level with their rules, and apart when the rules crowd together', async () => {
    const days = (f: (i: number) => number) => Array.from({ length: 60 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: f(i) }));
    const drawn = async (spec: object) => {
      const svg = await renderSvg(spec as Parameters<typeof renderSvg>[0]);
      const rules = [...svg.matchAll(/<g class="mark-rule role-mark[^"]*"><line transform="translate\(640,([\d.-]+)\)" x2="-640"/g)].map((m) => Number(m[1]));
      const labels = [...svg.matchAll(/<text[^>]*transform="translate\(([\d.-]+),([\d.-]+)\)"[^>]*>([^<]*)</g)]
        .filter((m) => /above|below|spent|objective|1×:/.test(m[3]!))
        .map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      return { rules, labels };
    };
    // A budget still in hand: each label level with its rule (its middle 3 px below its baseline point), right of the 640 px plot.
    const calm = await drawn(budgetSpec(days((i) => 1 - i / 100), { green: 60, yellow: 25 }, 'Budget'));
    expect(calm.rules).toHaveLength(3);
    expect(calm.labels.map((l) => l.x)).toEqual([646, 646, 646]);
    calm.labels.forEach((l, k) => expect(Math.abs(l.y - 3 - calm.rules[k]!)).toBeLessThan(0.5));
    // Overspent thirty times over: the three rules lie within 7 px, their labels 13 px apart.
    const crowded = await drawn(budgetSpec(days((i) => 1 - i / 2), { green: 60, yellow: 25 }, 'Budget'));
    expect(crowded.rules[2]! - crowded.rules[0]!).toBeLessThan(7);
    expect(crowded.labels[1]!.y - crowded.labels[0]!.y).toBeCloseTo(13, 5);
    expect(crowded.labels[2]!.y - crowded.labels[1]!.y).toBeCloseTo(13, 5);
    // The daily SLI's objective and the burn rate's two rules are level with their rules too.
    const daily = await drawn(dailySliSpec(Array.from({ length: 30 }, (_, i) => ({ day: `2026-10-${String(i + 1).padStart(2, '0')}`, sli: 1 - i / 10_000, total: 1 })), 99.9, 'Daily'));
    const burn = await drawn(burnSpec(Array.from({ length: 30 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), burn: i })), { value: 14.4, label: 'page fast above 14.4×' }, [], [], 'Burn'));
    for (const d of [daily, burn]) {
      expect(d.labels.length).toBe(d.rules.length);
      d.labels.forEach((l, k) => expect(Math.abs(l.y - 3 - d.rules[k]!)).toBeLessThan(0.5));
    }
  });

  it('keeps the time axis’s drawn labels apart, each date once, without thinning an axis that has room', async () => {
    // Spans of days from 1 October at :37 past the hour, as a report time may be (7 days: 12-hour
    // ticks before), and from midnight on a Monday (5 October), where a weekly tick falls on each end.
    for (const [n, hour, minute = 37, day = 1] of [[7, 14], [14, 14], [20, 0], [28, 12], [30, 12], [31, 0], [45, 0], [59, 12], [60, 0], [90, 0], [28, 0, 0, 5], [91, 0, 0, 5]] as const) {
      const days = Array.from({ length: n + 1 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, day + i, hour, minute)).toISOString(), remaining: 1 - i / 100 }));
      const svg = await renderSvg(budgetSpec(days, { green: 50, yellow: 25 }, 'Budget'));
      const axis = /role-axis-label([\s\S]*?)<\/g>/.exec(svg)![1]!;
      // Every label, and those drawn (vega writes the ones it thins out at opacity 0), as their left and right edges.
      const labels = [...axis.matchAll(/text-anchor="(\w+)" transform="translate\(([\d.-]+),[\d.-]+\)"[^>]*opacity="(\d)">([^<]*)</g)];
      const drawn = labels.filter((m) => m[3] === '1');
      const boxes = drawn.map((m) => {
        const [x, w] = [Number(m[2]), textWidth(m[4]!, 11)];
        const left = m[1] === 'start' ? x : m[1] === 'end' ? x - w : x - w / 2;
        return [left, left + w] as const;
      });
      expect(drawn.length, `${n} days`).toBeGreaterThanOrEqual(3);
      for (let k = 1; k < boxes.length; k++) expect(boxes[k]![0] - boxes[k - 1]![1], `${n} days, label ${k}`).toBeGreaterThanOrEqual(4);
      expect(new Set(drawn.map((m) => m[4])).size, `${n} days: a date twice`).toBe(drawn.length);
      // Every tick is labelled (vega thinned none), and the ticks are evenly spaced, across the end of a month too.
      expect(drawn.length, `${n} days`).toBe(labels.length);
      const xs = drawn.map((m) => Number(m[2]));
      for (let k = 2; k < xs.length; k++) expect(xs[k]! - xs[k - 1]!, `${n} days, label ${k}`).toBeCloseTo(xs[1]! - xs[0]!, 1);
    }
  });

  it('puts time ticks a fixed number of days apart, weekly ones on Mondays, never restarting at a month', () => {
    const at = (iso: string) => Date.parse(iso);
    const days = (ticks: number[]) => ticks.map((t) => new Date(t).toISOString().slice(0, 10));
    // 30 days: weekly, on Mondays (2026-10-05 is one).
    expect(days(timeTicks([at('2026-10-01T00:00:00Z'), at('2026-10-31T00:00:00Z')]))).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
    // 7 days ending at 14:37: every midnight, each date once.
    expect(days(timeTicks([at('2026-10-01T14:37:00Z'), at('2026-10-08T14:37:00Z')]))).toEqual(['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']);
    // 14 days across the end of October: every other day, Oct 31 and Nov 01 not both.
    const fortnight = timeTicks([at('2026-10-25T00:00:00Z'), at('2026-11-08T00:00:00Z')]);
    expect(days(fortnight)).toEqual(['2026-10-26', '2026-10-28', '2026-10-30', '2026-11-01', '2026-11-03', '2026-11-05', '2026-11-07']);
    // A year: four-weekly steps at least 48 px apart over 640 px, still on Mondays.
    const year = timeTicks([at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')]);
    const step = year[1]! - year[0]!;
    expect(step % (28 * 86_400_000)).toBe(0);
    expect((step / (365 * 86_400_000)) * 640).toBeGreaterThanOrEqual(48);
    expect(new Date(year[0]!).getUTCDay()).toBe(1);
    // Half a day with no midnight in it: one tick, at its start; no data: none.
    expect(timeTicks([at('2026-10-01T01:00:00Z'), at('2026-10-01T13:00:00Z')])).toEqual([at('2026-10-01T01:00:00Z')]);
    expect(timeTicks([Infinity, -Infinity])).toEqual([]);
  });

  it('measures text as DejaVu Sans draws it, not at vega’s 0.8 em a character', () => {
    // Chromium on these machines drew the strip axis's "1m" 17.5 px and "15m" 24.4 px wide at 11 px, "0" 7 px.
    expect(textWidth('1m', 11)).toBeCloseTo(17.5, 0);
    expect(textWidth('15m', 11)).toBeCloseTo(24.4, 0);
    expect(textWidth('0', 11)).toBeCloseTo(7, 0);
    expect(textWidth('SEV2', 10, true)).toBeGreaterThan(textWidth('SEV2', 10));
  });

  it('keeps every rule and its label on the burn-rate chart when the threshold lies below 1× or at 0, and with no data', async () => {
    const t = (i: number) => new Date(Date.UTC(2026, 9, 1 + i)).toISOString();
    for (const [threshold, burns] of [[0.5, [0.2, 0.1]], [0, [null, null]], [0, [0, 0]], [14.4, []]] as const) {
      const spec = burnSpec(burns.map((b, i) => ({ t: t(i), burn: b })), { value: threshold, label: `page above ${threshold}×` }, [], [], 'Burn');
      const text = layers(spec).find((l) => l.mark.type === 'text' && l.data?.values?.some((v) => String(v.label).startsWith('1×')))!;
      const heights = text.data!.values!.map((v) => v.py as number);
      expect(heights, `threshold ${threshold}`).toHaveLength(2);
      for (const h of heights) {
        expect(Number.isFinite(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(-6.5);
        expect(h).toBeLessThanOrEqual(186.5);
      }
    }
    expect(ruleLabelHeights([-40, -30])).toEqual([-6.5, 6.5]);
  });

  it('charts that differ only in their incidents’ rows and sides share one shape, compiled once', () => {
    const days = Array.from({ length: 60 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 - i / 100 }));
    const shapes = new Set(
      [[], [{ t: '2026-10-05T00:00:00.000Z', label: 'SEV1' }], [{ t: '2026-11-29T00:00:00.000Z', label: 'SEV2' }, { t: '2026-11-29T01:00:00.000Z', label: 'SEV3' }, { t: '2026-11-29T02:00:00.000Z', label: 'SEV4' }]]
        .filter((m) => m.length > 0)
        .map((marks) => JSON.stringify(splitSpec(budgetSpec(days, { green: 60, yellow: 25 }, 'B', marks)).shape)),
    );
    expect(shapes.size).toBe(1);
  });
});
