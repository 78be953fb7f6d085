import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('the src/core entry point', () => {
  it('exports the report builders and the building blocks', () => {
    for (const name of [
      'buildSloReport',
      'buildIncidentMetrics',
      'buildSeries',
      'rangeSums',
      'stepRange',
      'monthOf',
      'quarterOf',
      'periodsCovering',
      'sloWindowAt',
      'compliance',
      'errorBudget',
      'budgetSeconds',
      'policyStatus',
      'budgetingMethods',
      'burnRateSeries',
      'currentBurnRates',
      'timeToExhaustion',
      'replayAlerts',
      'relateAlerts',
      'lifecycleMetrics',
      'responseTargets',
      'nextBusinessDayDeadline',
      'outageMinutes',
      'incidentBudget',
      'distribution',
      'percentile',
      'mergeIntervals',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
