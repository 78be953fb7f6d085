/** Which incidents of the bundled sample count as an outage, from content/severities.yaml. */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { outageKind, outageMinutes } from '../../src/core/index.ts';
import { PROJECT } from '../helpers/build.ts';

const asOf = Date.parse('2026-11-15T00:00:00Z') / 1000;

describe('outage minutes on the bundled sample', () => {
  it('the SEV4 "emails delayed" incident is not an outage: checkout-api has no full outage in November and 145 partial minutes, not 380', async () => {
    const { content, errors } = await loadContent(PROJECT);
    expect(errors).toEqual([]);
    const emails = content.incidents.find((i) => i.id === '2026-11-12-checkout-order-emails-delayed')!;
    expect(emails.customer_facing).toBe(true);
    expect(outageKind(emails, content.severities)).toBe('none');
    const full = outageMinutes(content.incidents, content.severities, asOf)['checkout-api']!;
    const partial = outageMinutes(content.incidents, content.severities, asOf, 'partial')['checkout-api']!;
    expect(full['2026-11']).toBeUndefined();
    // SEV3 PSP latency 12:10–13:00 (50) + SEV2 promo engine 18:40–20:15 (95), which holds the SEV3 payment timeouts.
    expect(partial['2026-11']).toBe(145);
    // October's SEV1 database failover, 18:14–19:06, is a full outage.
    expect(full['2026-10']).toBe(52);
  });
});
