/** The outage-minutes table of /incidents/: full outage and partial degradation per service and month. */
import { compareNames, type IncidentMetricsReport } from '../core/index.ts';

export interface OutageTableRow {
  service: string;
  /** Per month, in the order of `months`: rounded minutes, or null for none. */
  cells: { full: number | null; partial: number | null }[];
}

/** The rows by service name (`name`, the id by default), numbers in names by value. */
export function outageTable(m: Pick<IncidentMetricsReport, 'outageMinutes' | 'partialMinutes'>, name: (id: string) => string = (id) => id): { months: string[]; rows: OutageTableRow[] } {
  const all = [m.outageMinutes, m.partialMinutes];
  const months = [...new Set(all.flatMap((x) => Object.values(x).flatMap((byMonth) => Object.keys(byMonth))))].sort();
  const services = [...new Set(all.flatMap((x) => Object.keys(x)))].sort((a, b) => compareNames(name(a), name(b)) || compareNames(a, b));
  const cell = (v: number | undefined) => (v ? Math.round(v) : null);
  return {
    months,
    rows: services.map((service) => ({
      service,
      cells: months.map((mo) => ({ full: cell(m.outageMinutes[service]?.[mo]), partial: cell(m.partialMinutes[service]?.[mo]) })),
    })),
  };
}
