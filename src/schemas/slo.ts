import { z } from 'zod';
import { isTimeZone } from '../core/zoned-periods.ts';
import { date, duration, id, parseDuration, percent } from './common.ts';

/** Window placeholders accepted in PromQL: sitrep's `{{window}}` and Sloth's `{{.window}}`. */
export const WINDOW_PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;

const promql = () => z.string().min(1);
const placeholderMessage = (what: string) =>
  `${what} query must contain the {{window}} placeholder, e.g. sum(increase(http_requests_total[{{window}}])) (or set per_step: true when it already returns one step's events)`;

/**
 * Ratio indicator: events counted by two PromQL queries, `good` or `bad`, and `total`. Each query
 * holds `{{window}}`, unless `per_step` says the queries already return one step's events
 * (a recording rule of 5-minute increases fetched at 5-minute steps, OpenSLO `counter: false`).
 */
const ratioIndicator = z
  .strictObject({
    kind: z.literal('ratio'),
    good: promql().optional(),
    bad: promql().optional(),
    total: promql(),
    /** True: the queries return the events of one step as they are, without `{{window}}`. Default false. */
    per_step: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.good === undefined) === (v.bad === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of good or bad (with total)', path: [v.good === undefined ? 'good' : 'bad'] });
    }
    if (v.per_step) return;
    for (const what of ['good', 'bad', 'total'] as const) {
      const q = v[what];
      if (q !== undefined && !new RegExp(WINDOW_PLACEHOLDER.source).test(q)) ctx.addIssue({ code: 'custom', message: placeholderMessage(what), path: [what] });
    }
  });

/** Latency indicator: the share of requests faster than `threshold`, from a Prometheus histogram. */
const latencyIndicator = z.strictObject({
  kind: z.literal('latency'),
  /** Histogram bucket selector, e.g. `http_request_duration_seconds_bucket{job="checkout"}`. */
  bucket: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*_bucket(\{.*\})?$/, 'must be a histogram _bucket selector, e.g. http_request_duration_seconds_bucket{job="api"}'),
  /** Seconds; must equal one of the histogram's `le` bucket bounds. */
  threshold: z.number().positive('must be a positive number of seconds'),
});

export const indicatorSchema = z.discriminatedUnion('kind', [ratioIndicator, latencyIndicator], {
  error: 'indicator.kind must be "ratio" or "latency"',
});

/** The calendar periods an SLO window may be (src/core/periods.ts computes them). */
export const CALENDAR_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
/** Weekdays as `Date.getUTCDay()` numbers them: sunday = 0 .. saturday = 6. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `30d`-style rolling window, or the calendar `day` / `week` / `month` / `quarter` / `year`. */
export const windowSchema = z.union([
  z.enum(CALENDAR_KINDS),
  z
    .string()
    .regex(/^\d+[dwh]$/, 'must be a rolling window such as 30d, 4w or 24h, or a calendar day, week, month, quarter or year')
    .refine((s) => parseDuration(s) !== undefined, 'must be longer than 0, e.g. 30d'),
]);

/** Budgeting methods, as OpenSLO defines them. */
export const BUDGETING_METHODS = ['occurrences', 'timeslices', 'ratio-timeslices'] as const;

const budgetingSchema = z
  .strictObject({
    method: z.enum(BUDGETING_METHODS).default('occurrences'),
    /** Length of one time slice (timeslices methods), default 5m. */
    slice: duration().prefault('5m'),
    /** Percent of good events a slice needs to count as good (timeslices), default the objective. */
    slice_target: percent().optional(),
  })
  .prefault({});

/** Error-budget policy: status from the share of the budget that remains (percent). */
const policySchema = z
  .strictObject({
    /** Green while more than this percent of the budget remains. Default 50. */
    green: z.number().min(0).max(100).default(50),
    /** Yellow while more than this percent remains; red at or below. Default 10. */
    yellow: z.number().min(0).max(100).default(10),
  })
  .refine((p) => p.green >= p.yellow, { message: 'green must be at least yellow', path: ['green'] })
  .prefault({});

/**
 * The Google SRE Workbook's multi-window, multi-burn-rate alerts, defined by the share of the
 * SLO window's error budget they let go before firing: page when 2% is spent in 1 h (checked
 * again over 5 m) or 5% in 6 h (30 m); ticket when 10% is spent in 1 d (2 h) or in 3 d (6 h).
 * The burn-rate threshold follows from the window length W: share x W / long window, so a 30-day
 * SLO pages at 2% x 720 h / 1 h = 14.4x and a 28-day one at 13.44x (as Sloth generates).
 */
export const ALERT_WINDOWS = {
  page_fast: { severity: 'page', budgetPercent: 2, long: 3_600, short: 300 },
  page_slow: { severity: 'page', budgetPercent: 5, long: 21_600, short: 1_800 },
  ticket_fast: { severity: 'ticket', budgetPercent: 10, long: 86_400, short: 7_200 },
  ticket_slow: { severity: 'ticket', budgetPercent: 10, long: 259_200, short: 21_600 },
} as const;
export type AlertKey = keyof typeof ALERT_WINDOWS;

/**
 * Burn-rate alert thresholds (multiples of the sustainable burn rate), per SLO. Each is optional:
 * left out, it follows from the alert's budget share and the SLO window (ALERT_WINDOWS); `false`
 * turns the alert off (it is neither replayed nor written as a rule), as Sloth's `disable: true`.
 */
const alertThreshold = z.union([z.number().positive(), z.literal(false)]).optional();
const labels = z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name'), z.string()).optional();

/** Comparisons a burn-rate alert condition may use, as OpenSLO writes them. */
export const BURN_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export type BurnOp = (typeof BURN_OPS)[number];

/**
 * One burn-rate alert condition, written as OpenSLO's `AlertCondition` says it: fire while the
 * burn rate over `window` compares true with `burn_rate` (`op`), once it has done so for `for`.
 * `{ name: fast, severity: page, op: gt, burn_rate: 10, window: 1h, for: 5m }` fires 5 minutes after
 * the 1-hour burn rate first went above 10x, if it stayed above it all that time.
 */
const customAlertSchema = z.strictObject({
  name: z.string().min(1),
  severity: z.enum(['page', 'ticket'], { message: 'must be page or ticket' }),
  op: z.enum(BURN_OPS, { message: `must be one of ${BURN_OPS.join(', ')}` }).default('gt'),
  burn_rate: z.number().min(0, 'must be a burn rate of 0 or more, e.g. 14.4'),
  /** The lookback window of the burn rate. */
  window: duration(),
  /** How long the condition must hold before the alert fires (OpenSLO alertAfter, Prometheus `for`). Default 0. */
  for: z.union([z.string().regex(/^0[smhdw]$/).transform((text) => ({ text, seconds: 0 })), duration()]).optional(),
});
export type CustomAlert = z.output<typeof customAlertSchema>;

const alertingSchema = z
  .strictObject({
    page_fast: alertThreshold,
    page_slow: alertThreshold,
    ticket_fast: alertThreshold,
    ticket_slow: alertThreshold,
    /** The alert name in `npm run rules` (default ErrorBudgetBurn), as Sloth's `alerting.name`. */
    name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus alert name, e.g. CheckoutHighErrorRate').optional(),
    /** Labels added to the SLO's alert rules: all of them, the page alerts, the ticket alerts. */
    labels,
    page_labels: labels,
    ticket_labels: labels,
    /** Burn-rate conditions replayed instead of the four alerts above (OpenSLO alert conditions map here). */
    alerts: z.array(customAlertSchema).min(1, 'must list at least one alert, or be left out').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.alerts) return;
    const names = new Set<string>();
    v.alerts.forEach((a, i) => {
      if (names.has(a.name)) ctx.addIssue({ code: 'custom', path: ['alerts', i, 'name'], message: `is used twice: each alert needs its own name` });
      names.add(a.name);
    });
    for (const key of Object.keys(ALERT_WINDOWS) as AlertKey[]) {
      if (v[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `alerts replaces the four default alerts: remove ${key}, or add it to alerts` });
    }
  })
  .prefault({});

/** `content/slos/*.yaml` in sitrep's own format. OpenSLO and Sloth files are converted to this. */
export const sloSchema = z.strictObject({
  id: id(),
  /** Id of the service in `content/services/`. */
  service: id(),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Target in percent, e.g. 99.9. */
  objective: percent().refine((v) => v >= 50, 'is a percentage: write 99.9 for 99.9%, not 0.999'),
  window: windowSchema.default('30d'),
  /** IANA time zone of a calendar window (`day` .. `year`), e.g. America/New_York. Default UTC. */
  time_zone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin or America/New_York').optional(),
  /** The weekday a calendar `week` window starts on, at local midnight. Default monday. */
  week_start: z.enum(WEEKDAYS).optional(),
  indicator: indicatorSchema,
  budgeting: budgetingSchema,
  /** Id of the runbook in `content/runbooks/` that covers this SLO. */
  runbook: id().optional(),
  policy: policySchema,
  alerting: alertingSchema,
  /** The date the definition was last reviewed without a change (a change in git counts as a review too). */
  last_reviewed: date().optional(),
  /**
   * When true, the steps inside the service's maintenance windows (content/maintenance/) count
   * neither good nor bad events: they neither spend nor earn budget. Default false.
   */
  exclude_maintenance: z.boolean().default(false),
  /** Windows with fewer events than this are flagged as low traffic. Default 100. */
  min_events: z.number().int().min(0).default(100),
}).superRefine((v, ctx) => {
  if (v.time_zone !== undefined && !isCalendarWindow(v.window)) {
    ctx.addIssue({ code: 'custom', path: ['time_zone'], message: 'only a calendar window (day, week, month, quarter or year) has a time zone' });
  }
  if (v.week_start !== undefined && v.window !== 'week') {
    ctx.addIssue({ code: 'custom', path: ['week_start'], message: `only a calendar week window has a week_start (the window is ${v.window})` });
  }
});

export type SloInput = z.input<typeof sloSchema>;
export type Slo = z.output<typeof sloSchema>;
export type Indicator = Slo['indicator'];
export type SloWindow = Slo['window'];

/** Whether a window is a calendar period (`day`, `week`, `month`, `quarter`, `year`) rather than rolling. */
export function isCalendarWindow(window: string): window is CalendarKind {
  return (CALENDAR_KINDS as readonly string[]).includes(window);
}

/** Length of a rolling window in seconds, or undefined for calendar windows. */
export function rollingWindowSeconds(window: SloWindow): number | undefined {
  return isCalendarWindow(window) ? undefined : parseDuration(window);
}

/** Where an SLO came from: sitrep's own format, OpenSLO v1, Sloth (prometheus/v1 or the CRD) or Pyrra. */
export type SloFormat = 'sitrep' | 'openslo' | 'sloth' | 'pyrra';
