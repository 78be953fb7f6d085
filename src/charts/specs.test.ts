import { describe, expect, it } from 'vitest';
import { renderSvg } from './render.ts';
import { budgetSpec, burnSpec, dailySliSpec, labelRows } from './specs.ts';

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
    expect(layers(spec).find((l) => l.mark.type === 'rect')!.data!.values).toEqual([{ ...alerts[0], top: 0 }]);
    expect(texts(spec)).toEqual(expect.arrayContaining(['page fast above 14.4×', 'SEV2']));
    const svg = await renderSvg(spec);
    expect(svg).toContain('aria-label="Burn"');
    expect(svg).toContain('page fast above 14.4×');
    expect(svg).toContain('page (full height)');
  });

  it('incident labels that would touch take the next row down; one far enough away goes back to the top row', async () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 - i / 100 }));
    const marks = [
      { t: '2026-11-09T10:00:00.000Z', label: 'SEV2' },
      { t: '2026-11-09T14:00:00.000Z', label: 'SEV3' },
      { t: '2026-11-10T08:00:00.000Z', label: 'SEV4' },
      { t: '2026-10-05T00:00:00.000Z', label: 'SEV1' },
    ];
    const domain = [Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 29)] as const;
    expect(labelRows(marks, domain)).toEqual([0, 1, 2, 0]);
    // Four close together: the fourth finds every row taken and takes the one that frees up first, the top one.
    expect(labelRows([...marks.slice(0, 3), { t: '2026-11-09T16:00:00.000Z', label: 'SEV2' }], domain)).toEqual([0, 1, 0, 2]);
    const spec = budgetSpec(days(60), { green: 60, yellow: 25 }, 'Budget', marks);
    const rows = layers(spec).filter((l) => l.mark.type === 'text' && l.data?.values?.[0]?.label?.toString().startsWith('SEV'));
    expect(rows.map((l) => [(l.mark as unknown as { y: number }).y, l.data!.values!.map((v) => v.label)])).toEqual([
      [2, ['SEV2', 'SEV1']],
      [14, ['SEV3']],
      [26, ['SEV4']],
    ]);
    // Drawn: the two labels of the same day stand on two lines.
    const svg = await renderSvg(spec);
    const yOf = (label: string) => [...svg.matchAll(new RegExp(`transform="translate\\(([\\d.]+),([\\d.]+)\\)"[^>]*>${label}<`, 'g'))].map((m) => Number(m[2]));
    expect(yOf('SEV3')[0]! - yOf('SEV2')[0]!).toBeGreaterThanOrEqual(12);
  });
});
