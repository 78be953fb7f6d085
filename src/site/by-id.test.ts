import { describe, expect, it } from 'vitest';
import { byId, runbookViewsByService, sloViewById, sloViewsByService } from './by-id.ts';

describe('byId', () => {
  it('finds an entry by its id (ids are unique once checked), with one index per list', () => {
    const list = [{ id: 'a', n: 1 }, { id: 'b', n: 2 }];
    expect(byId(list).get('b')).toBe(list[1]);
    expect(byId(list).get('c')).toBeUndefined();
    expect(byId(list)).toBe(byId(list));
    expect(byId([...list])).not.toBe(byId(list));
  });
});

describe('sloViewById', () => {
  it('finds an SLO view by its SLO id', () => {
    const views = [{ slo: { id: 'a' } }, { slo: { id: 'b' } }];
    expect(sloViewById(views).get('b')).toBe(views[1]);
    expect(sloViewById(views)).toBe(sloViewById(views));
  });
});

describe('sloViewsByService', () => {
  it('groups SLO views by service in list order, once per list; a service without SLOs has none', () => {
    const views = [{ slo: { id: 'a', service: 's1' } }, { slo: { id: 'b', service: 's2' } }, { slo: { id: 'c', service: 's1' } }];
    expect(sloViewsByService(views).get('s1')).toEqual([views[0], views[2]]);
    expect(sloViewsByService(views).get('s2')).toEqual([views[1]]);
    expect(sloViewsByService(views).get('s3')).toBeUndefined();
    expect(sloViewsByService(views)).toBe(sloViewsByService(views));
  });
});

describe('runbookViewsByService', () => {
  it('groups runbook views by service in list order, once per list, apart from any other grouping of the same list', () => {
    const views = [
      { id: 'r1', service: { id: 's1' }, slo: { service: 's2' } },
      { id: 'r2', service: { id: 's2' }, slo: { service: 's1' } },
      { id: 'r3', service: { id: 's1' }, slo: { service: 's1' } },
    ];
    expect(runbookViewsByService(views).get('s1')).toEqual([views[0], views[2]]);
    expect(runbookViewsByService(views).get('s3')).toBeUndefined();
    expect(runbookViewsByService(views)).toBe(runbookViewsByService(views));
    // The same list grouped another way keeps its own index.
    expect(sloViewsByService(views).get('s1')).toEqual([views[1], views[2]]);
    expect(runbookViewsByService(views).get('s2')).toEqual([views[1]]);
  });
});
