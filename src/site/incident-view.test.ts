import { describe, expect, it } from 'vitest';
import { makeIncident } from '../core/test-fixtures.ts';
import type { LoadedIncident } from '../adapters/content/load.ts';
import { incidentList } from './incident-view.ts';

const incident = (id: string, day: number, open = false): LoadedIncident => ({
  ...makeIncident({
    id,
    started_at: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`,
    ...(open ? { status: 'investigating', resolved_at: undefined } : { status: 'resolved', resolved_at: `2026-10-${String(day).padStart(2, '0')}T11:00:00Z` }),
  }),
  file: `content/incidents/${id}.yaml`,
}) as LoadedIncident;

describe('incidentList (/incidents/)', () => {
  const all = [incident('a', 1), incident('b', 5, true), incident('c', 3), incident('d', 9), incident('e', 7)];

  it('lists every unresolved incident, then the newest resolved ones, newest first, and counts the rest', () => {
    const list = incidentList(all, 2);
    expect(list.open.map((i) => i.id)).toEqual(['b']);
    expect(list.latest.map((i) => i.id)).toEqual(['d', 'e']);
    expect(list.more).toBe(2);
  });

  it('leaves nothing out when the resolved incidents fit', () => {
    const list = incidentList(all);
    expect(list.latest.map((i) => i.id)).toEqual(['d', 'e', 'c', 'a']);
    expect(list.more).toBe(0);
  });
});
