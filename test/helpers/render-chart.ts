/** Print the SVG of a fixed 45-day budget chart with two incidents: to compare builds in other time zones (TZ). */
import { budgetSpec } from '../../src/charts/specs.ts';
import { renderSvg } from '../../src/charts/render.ts';

const days = Array.from({ length: 46 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 - i / 100 }));
const marks = [{ t: '2026-10-05T23:30:00Z', label: 'SEV2' }, { t: '2026-10-20T01:00:00Z', label: 'SEV3' }];
process.stdout.write(await renderSvg(budgetSpec(days, { green: 50, yellow: 25 }, 'Budget', marks)));
