/**
 * Incidents as they stood at a report time, so a report "as of" a past time shows what was known
 * then: incidents that had not started are left out, and lifecycle steps that came later are
 * removed (an incident resolved after asOf is reported as still open at asOf).
 */
import type { Incident } from '../schemas/incident.ts';
import { INCIDENT_TIMESTAMPS } from '../schemas/incident.ts';
import { secondsOf } from './periods.ts';

/**
 * E.g. an incident started 10:00 and resolved 12:00, seen as of 11:00: kept, without
 * `resolved_at`, with the status of its last update at or before 11:00 (else `monitoring` when
 * mitigated by then, else `investigating`).
 */
export function incidentsAsOf<T extends Incident>(incidents: readonly T[], asOf: number): T[] {
  const out: T[] = [];
  for (const incident of incidents) {
    if (secondsOf(incident.started_at) > asOf) continue;
    const later = INCIDENT_TIMESTAMPS.filter((k) => incident[k] !== undefined && secondsOf(incident[k]!) > asOf);
    const laterUpdates = incident.updates.filter((u) => secondsOf(u.at) > asOf);
    if (later.length === 0 && laterUpdates.length === 0) {
      out.push(incident);
      continue;
    }
    const copy: T = { ...incident, updates: incident.updates.filter((u) => secondsOf(u.at) <= asOf) };
    for (const k of later) delete copy[k];
    if (copy.resolved_at === undefined && copy.status === 'resolved') {
      const lastStatus = [...copy.updates].reverse().find((u) => u.status !== undefined && u.status !== 'resolved')?.status;
      copy.status = lastStatus ?? (copy.mitigated_at !== undefined ? 'monitoring' : 'investigating');
    }
    out.push(copy);
  }
  return out;
}
