/**
 * The shape of the sample organisation's traffic: per-SLO volumes and baselines, how incidents
 * map onto SLOs, bad periods nobody declared an incident for, and scrape gaps. Everything that
 * is a judgement call about the story the sample tells lives here; the mechanics are in traffic.ts.
 */
import type { Severity } from '../../../src/schemas/severity.ts';
import type { Slo } from '../../../src/schemas/slo.ts';

/** The sample covers step ends from START + STEP to END (inclusive). */
export const STEP = 300;
export const START = Date.UTC(2026, 4, 1) / 1000; // 2026-05-01T00:00:00Z
export const END = Date.UTC(2026, 10, 15) / 1000; // 2026-11-15T00:00:00Z
export const FETCHED_AT = '2026-11-15T00:00:00Z';
export const DEFAULT_SEED = 20261115;

export interface TrafficProfile {
  /** Mean events per 5-minute step at the evening peak on a weekday. */
  peak: number;
  /** Traffic at the quietest hour, as a share of the peak. */
  floor: number;
  /** Saturday/Sunday traffic relative to a weekday. */
  weekend: number;
  /** Office-hours traffic only (internal tools): near zero outside 07:00-19:00 UTC on weekdays. */
  office?: boolean;
  /** Share of the error budget the steady background of errors uses (0.2 = a fifth). */
  baseline: number;
  /** Unix seconds of the first step with data (a launch inside the sample period). */
  launch?: number;
  /** Seconds over which traffic ramps up from the launch (a feature-flag roll-out). */
  rampSeconds?: number;
}

const iso = (s: string) => Date.parse(s) / 1000;

/** Per-SLO traffic. An SLO not listed gets `defaultProfile`, so adding an SLO file just works. */
export const PROFILES: Record<string, TrafficProfile> = {
  'storefront-availability': { peak: 1800, floor: 0.12, weekend: 1.15, baseline: 0.35 },
  'storefront-latency': { peak: 1800, floor: 0.12, weekend: 1.15, baseline: 0.3 },
  'checkout-availability': { peak: 260, floor: 0.06, weekend: 1.1, baseline: 0.3 },
  'checkout-latency': { peak: 260, floor: 0.06, weekend: 1.1, baseline: 0.3 },
  'payments-authorisation': { peak: 240, floor: 0.06, weekend: 1.1, baseline: 0.25 },
  'payments-pay-by-bank': {
    peak: 28, floor: 0.05, weekend: 1.0, baseline: 0.25,
    launch: iso('2026-10-05T06:00:00Z'), rampSeconds: 30 * 3600,
  },
  'search-availability': { peak: 1100, floor: 0.1, weekend: 1.1, baseline: 0.1 },
  'search-query-success': { peak: 900, floor: 0.1, weekend: 1.1, baseline: 0.3 },
  'identity-login': { peak: 380, floor: 0.08, weekend: 1.05, baseline: 0.35 },
  'identity-admin-api': { peak: 1.6, floor: 0.01, weekend: 0.08, office: true, baseline: 0.25 },
};

export function defaultProfile(slo: Slo): TrafficProfile {
  return { peak: 200, floor: 0.1, weekend: 1, baseline: slo.objective >= 99.9 ? 0.3 : 0.25 };
}

/** Bad ratio during an incident, by severity: an absolute floor and a multiple of the SLO's error rate budget. */
export const SEVERITY_IMPACT: Record<Severity, { ratio: number; budgetMultiple: number }> = {
  SEV1: { ratio: 0.45, budgetMultiple: 150 },
  SEV2: { ratio: 0.12, budgetMultiple: 40 },
  SEV3: { ratio: 0.035, budgetMultiple: 12 },
  SEV4: { ratio: 0.008, budgetMultiple: 3 },
};

/**
 * Incidents whose effect on SLOs is narrower than "every SLO of every listed service":
 * `slos` restricts the SLOs hit ([] = no SLO-visible impact), `scale` multiplies the bad ratio,
 * `sloScale` multiplies it for one SLO only (a secondary service that was only grazed).
 */
export const INCIDENT_OVERRIDES: Record<string, { slos?: string[]; scale?: number; sloScale?: Record<string, number> }> = {
  '2026-05-17-storefront-sitemap-errors': { slos: [] },
  '2026-06-08-search-index-lag': { slos: [] },
  '2026-06-19-identity-admin-api-unavailable': { slos: ['identity-admin-api'], scale: 20 },
  '2026-07-11-payments-refund-queue-backlog': { slos: [] },
  '2026-08-04-storefront-recommendations-widget': { slos: [] },
  '2026-08-11-search-synonyms-bad-results': { slos: [] },
  '2026-08-14-checkout-webhook-retries': { slos: [] },
  '2026-09-09-identity-admin-api-timeouts': { slos: ['identity-admin-api'], scale: 6 },
  '2026-10-06-payments-pay-by-bank-launch-errors': { slos: ['payments-pay-by-bank'] },
  '2026-10-13-payments-pay-by-bank-gateway-errors': { slos: ['payments-pay-by-bank'], scale: 4 },
  // Only basket pages (a few percent of page views) failed on the storefront.
  '2026-10-27-checkout-db-failover': { sloScale: { 'storefront-availability': 0.12, 'storefront-latency': 0.2 } },
  '2026-10-30-identity-admin-api-deploy': { slos: ['identity-admin-api'], scale: 12 },
  '2026-11-04-search-cluster-yellow': { slos: [] },
  '2026-11-12-checkout-order-emails-delayed': { slos: [] },
  '2026-11-13-payments-pay-by-bank-bank-outage': { slos: ['payments-pay-by-bank'], scale: 1.5 },
  '2026-11-14-search-autocomplete-degraded': { slos: ['search-availability', 'search-query-success'] },
};

/** Bad periods with no incident declared: the "alert fired, nobody opened an incident" cases. */
export const UNDECLARED: { slo: string; from: string; to: string; ratio: number }[] = [
  { slo: 'storefront-latency', from: '2026-10-28T11:55:00Z', to: '2026-10-28T13:10:00Z', ratio: 0.22 },
  { slo: 'search-query-success', from: '2026-10-23T19:50:00Z', to: '2026-10-23T20:35:00Z', ratio: 0.1 },
  { slo: 'identity-login', from: '2026-11-12T02:40:00Z', to: '2026-11-12T03:25:00Z', ratio: 0.12 },
  { slo: 'payments-authorisation', from: '2026-08-08T21:05:00Z', to: '2026-08-08T21:30:00Z', ratio: 0.06 },
];

/** Scrape gaps: `null` in every series. `slos` undefined = all SLOs (Prometheus itself was down). */
export const GAPS: { from: string; steps: number; slos?: string[] }[] = [
  { from: '2026-06-21T03:10:00Z', steps: 4 },
  { from: '2026-08-02T01:40:00Z', steps: 9 },
  { from: '2026-10-19T11:00:00Z', steps: 3 },
  { from: '2026-07-30T14:20:00Z', steps: 2, slos: ['checkout-availability', 'checkout-latency'] },
  { from: '2026-09-18T09:05:00Z', steps: 6, slos: ['search-availability', 'search-query-success'] },
  { from: '2026-11-08T16:00:00Z', steps: 2, slos: ['identity-login', 'identity-admin-api'] },
];

/** Short traffic surges (sales), multiplying the volume of the listed services' SLOs. */
export const SURGES: { services: string[]; from: string; to: string; factor: number }[] = [
  { services: ['storefront', 'search', 'checkout-api', 'payments'], from: '2026-07-24T16:00:00Z', to: '2026-07-26T22:00:00Z', factor: 1.9 },
];
