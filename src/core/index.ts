/** sitrep's pure SLO engine: no I/O, no clock. All times are Unix seconds, UTC. */
export * from './intervals.ts';
export * from './periods.ts';
export * from './series.ts';
export * from './budget.ts';
export * from './budget-history.ts';
export * from './compliance.ts';
export * from './methods.ts';
export * from './burn-rate.ts';
export * from './alerts.ts';
export * from './stats.ts';
export * from './response-targets.ts';
export * from './outage.ts';
export * from './incident-metrics.ts';
export * from './incident-span.ts';
export * from './incident-budget.ts';
export * from './incidents-as-of.ts';
export * from './report.ts';
