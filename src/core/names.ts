/**
 * Names and ids in the order a reader expects: numbers by their value ("Service 2" before
 * "Service 10", "team-9" before "team-10"), letters regardless of case and accents ("api" beside
 * "API"); ties between such equals are broken by code units, so the order is total and a build's
 * output never depends on the input's order. Plain `sort()` and `localeCompare` put "Service 10"
 * before "Service 2": at 100 services the outage tracker and the reports read as shuffled.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
