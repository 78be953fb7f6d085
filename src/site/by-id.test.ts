import { describe, expect, it } from 'vitest';
import { byId, sloViewById } from './by-id.ts';

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
