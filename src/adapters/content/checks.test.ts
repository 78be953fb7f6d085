import { describe, expect, it, vi } from 'vitest';
import { crossCheck } from './checks.ts';
import type { Entries } from './load.ts';
import type { Locator } from './documents.ts';
import { serviceSchema } from '../../schemas/service.ts';

/** Service entries whose locators count their calls: locating a field may read its file again. */
function services(ids: string[]): { entries: Entries; calls: ReturnType<typeof vi.fn>[] } {
  const calls: ReturnType<typeof vi.fn>[] = [];
  const list = ids.map((id, i) => {
    const at = vi.fn<Locator>(() => ({ line: 10 + i, column: 5 }));
    calls.push(at);
    return { value: serviceSchema.parse({ id, name: id, owner: 'team', tier: 2 }), file: `content/services/${i}/${id}.yaml`, at };
  });
  const invalid = { services: new Set<string>(), slos: new Set<string>(), incidents: new Set<string>(), postmortems: new Set<string>(), runbooks: new Set<string>() };
  return { entries: { services: list, slos: [], incidents: [], postmortems: [], runbooks: [], snapshots: new Map(), invalid, partial: [] }, calls };
}

describe('crossCheck: unique ids', () => {
  it('locates no field when every id is unique (a helper thread value would read its file again)', () => {
    const { entries, calls } = services(['checkout', 'search', 'payments']);
    expect(crossCheck(entries).filter((e) => e.message.startsWith('duplicate'))).toEqual([]);
    for (const at of calls) expect(at).not.toHaveBeenCalled();
  });

  it('names the first use, file and line, in the error of a duplicate', () => {
    const { entries } = services(['checkout', 'search', 'checkout']);
    const dup = crossCheck(entries).filter((e) => e.message.startsWith('duplicate'));
    expect(dup).toMatchObject([{ file: 'content/services/2/checkout.yaml', line: 12, column: 5, field: 'id', message: 'duplicate service id "checkout": already used in content/services/0/checkout.yaml:10' }]);
  });
});
