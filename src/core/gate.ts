/**
 * The deploy gate: the error-budget policy decision for one SLO or a whole service, from the
 * SLO reports (buildSloReport) at the report time.
 *
 * | status | decision | what ships                                       |
 * | green  | normal   | normal work                                      |
 * | yellow | caution  | extra caution: smaller changes, more review       |
 * | red    | freeze   | feature freeze: only fixes and reliability work   |
 *
 * A service takes the worst status of its SLOs: checkout-availability red and checkout-latency
 * green -> the checkout-api service is frozen.
 */
import type { PolicyStatus } from './budget.ts';
import type { SloReport } from './report.ts';

export const GATE_SCHEMA = 'sitrep-gate/v1';

export type GateDecision = 'normal' | 'caution' | 'freeze';

export const DECISIONS: Record<PolicyStatus, { decision: GateDecision; meaning: string }> = {
  green: { decision: 'normal', meaning: 'normal work' },
  yellow: { decision: 'caution', meaning: 'extra caution: smaller changes, more review' },
  red: { decision: 'freeze', meaning: 'feature freeze: only fixes and reliability work ship' },
};

const RANK: Record<PolicyStatus, number> = { green: 0, yellow: 1, red: 2 };

export interface GateSlo {
  id: string;
  service: string;
  status: PolicyStatus;
  decision: GateDecision;
  /** Policy thresholds in percent of the budget left: green above `green`, yellow above `yellow`. */
  policy: { green: number; yellow: number };
  /** The budget behind the status (see BudgetReport): fractions, and units of the budgeting method. */
  budget: SloReport['budget'];
  objective: number;
  window: string;
  from: string;
  to: string;
  /** True when the last fetch of this SLO failed: the figures are as of an older snapshot. */
  stale: boolean;
}

export interface GateResult {
  schema: typeof GATE_SCHEMA;
  target: { kind: 'service' | 'slo'; id: string };
  asOf: string;
  status: PolicyStatus;
  decision: GateDecision;
  meaning: string;
  slos: GateSlo[];
}

export interface GateInput {
  report: SloReport;
  policy: { green: number; yellow: number };
  stale: boolean;
}

/**
 * The decision over the given SLOs (one, or every SLO of a service), worst status first. Every
 * report must have a status (data in its window); the caller reports SLOs without one as errors.
 */
export function gateDecision(target: GateResult['target'], asOf: string, inputs: readonly GateInput[]): GateResult {
  if (!inputs.length) throw new Error(`no SLO to decide on for ${target.kind} "${target.id}"`);
  const slos = inputs.map(({ report: r, policy, stale }): GateSlo => {
    if (r.status === null) throw new Error(`SLO "${r.id}" has no status: no events in its window`);
    return { id: r.id, service: r.service, status: r.status, decision: DECISIONS[r.status].decision, policy, budget: r.budget, objective: r.objective, window: r.window, from: r.from, to: r.to, stale };
  });
  slos.sort((a, b) => RANK[b.status] - RANK[a.status] || a.id.localeCompare(b.id));
  const status = slos[0]!.status;
  return { schema: GATE_SCHEMA, target, asOf, status, decision: DECISIONS[status].decision, meaning: DECISIONS[status].meaning, slos };
}
