/** The runbooks' view model on the bundled sample and on fixtures: what points at each, orphans, stale ones. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/site/model.ts';
import { runbookViews } from '../../src/site/runbooks.ts';
import { PROJECT } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';

describe('what points at a runbook', () => {
  it('in the sample, checkout-errors is pointed at by its SLO, that SLO’s four burn-rate alerts and its service; checkout-db-failover by nothing', async () => {
    const site = await buildModel(PROJECT, {}, { history: false });
    const views = runbookViews(site, '/');
    const errors = views.find((v) => v.id === 'checkout-errors')!;
    expect(errors.refs.slos.map((s) => s.id)).toEqual(['checkout-availability']);
    expect(errors.refs.alerts).toEqual([{ name: 'ErrorBudgetBurn', slo: 'checkout-availability', severities: ['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow'] }]);
    expect(errors.refs.services).toEqual([{ id: 'checkout-api', name: 'Checkout API', url: '/services/checkout-api/', via: 'slo' }]);
    expect(errors.refs.summary).toBe('1 SLO, 4 alerts, 1 service');
    expect(errors.covers.alerts).toEqual(['CheckoutErrorBudgetBurn', 'CheckoutHigh5xxRate']);
    // An OpenSLO file names its runbook in the sitrep.dev/runbook annotation.
    expect(views.find((v) => v.id === 'identity-login')!.refs.slos.map((s) => s.id)).toEqual(['identity-login']);
    expect(views.filter((v) => v.refs.orphaned).map((v) => v.id)).toEqual(['checkout-db-failover']);
  });

  it('an SLO with its own alerts points at its runbook with those alerts, under its alerting name', async () => {
    const fx = await fixture({
      'content/slos/api-availability.yaml': (t) => `${t}alerting:\n  name: ApiBurn\n  alerts:\n    - { name: fast, severity: page, burn_rate: 10, window: 1h }\n    - { name: slow, severity: ticket, burn_rate: 2, window: 1d }\n`,
    });
    const site = await buildModel(fx.root, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    await fx.cleanup();
    const v = runbookViews(site, '/')[0]!;
    expect(v.refs.alerts).toEqual([{ name: 'ApiBurn', slo: 'api-availability', severities: ['fast', 'slow'] }]);
    expect(v.refs.summary).toBe('1 SLO, 2 alerts, 1 service');
  });

  it('a service whose links go to a runbook’s page points at it, so it is no longer orphaned', async () => {
    const fx = await fixture({
      'content/slos/api-availability.yaml': (t) => t.replace(/^runbook: .*\n/m, ''),
      'content/services/db.yaml': (t) => `${t.trimEnd()}\nlinks:\n  - title: Errors runbook\n    url: https://sre.example.com/runbooks/api-errors/\n`,
    });
    const site = await buildModel(fx.root, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    await fx.cleanup();
    const v = runbookViews(site, '/')[0]!;
    expect(v.refs.slos).toEqual([]);
    expect(v.refs.services).toEqual([{ id: 'db', name: 'Database', url: '/services/db/', via: 'link' }]);
    expect(v.refs.orphaned).toBe(false);
  });
});

describe('stale runbooks', () => {
  it('a runbook last reviewed 2026-08-01 is due for review on 2026-11-01 after 90 days, not with review_after_days: 120', async () => {
    const edit = { 'content/runbooks/api-errors.md': (t: string) => t.replace(/last_reviewed: .*/, 'last_reviewed: 2026-08-01') };
    const fx = await fixture(edit);
    const site = await buildModel(fx.root, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    await fx.cleanup();
    const v = runbookViews(site, '/')[0]!;
    expect(v.lastReviewed).toBe('2026-08-01 (marked reviewed)');
    expect(v.stale).toBe('due for review: 92 days since the last review (every 90 days)');
    const relaxed = await fixture({ ...edit, 'content/site.yaml': 'title: Test\nreview_after_days: 120\n' });
    const later = await buildModel(relaxed.root, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    await relaxed.cleanup();
    expect(runbookViews(later, '/')[0]!.stale).toBeNull();
  });
});
