import { describe, expect, it } from 'vitest';
import { compareNames } from './names.ts';

describe('compareNames', () => {
  it('orders numbers inside names by value: Service 2 before Service 10, team-9 before team-10', () => {
    expect(['Service 10', 'Service 2', 'Service 1', 'Service 100'].sort(compareNames)).toEqual(['Service 1', 'Service 2', 'Service 10', 'Service 100']);
    expect(['team-10', 'team-9', 'team-1'].sort(compareNames)).toEqual(['team-1', 'team-9', 'team-10']);
  });

  it('puts names that differ only in case or accents side by side, in one fixed order whatever the input order', () => {
    const names = ['payments', 'Payments API', 'café', 'API', 'api', 'Cafe'];
    const once = [...names].sort(compareNames);
    expect(once).toEqual(['API', 'api', 'Cafe', 'café', 'payments', 'Payments API']);
    expect([...names].reverse().sort(compareNames)).toEqual(once);
  });

  it('is zero only for the same text', () => {
    expect(compareNames('a', 'a')).toBe(0);
    expect(compareNames('a', 'A')).not.toBe(0);
    expect(Math.sign(compareNames('a', 'A'))).toBe(-Math.sign(compareNames('A', 'a')));
  });
});
