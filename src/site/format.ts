/** Display formatting shared by pages. Pure; no Astro. */
import { boundedMemo } from '../core/memo.ts';

/** Most digits a percentage gets when more are needed to keep it off 100% or 0%. */
const MAX_PCT_DIGITS = 6;

/**
 * A fraction as a percentage with enough digits to tell 99.9% from 99.95%: 0.99912 -> "99.912%"
 * (`digits` between 90% and 100%, one digit elsewhere). A share that is not exactly 100% (or 0%)
 * never shows as such: digits are added until it differs, 0.99997 at one digit -> "99.997%", and
 * past six digits it reads "<100%" or ">0%". A negative one has a minus sign (−), as the
 * durations and the charts' axes do, not a hyphen.
 */
export function pct(fraction: number | null | undefined, digits = 3): string {
  if (fraction === null || fraction === undefined) return '—';
  const p = fraction * 100;
  let d = Math.abs(p) >= 90 && Math.abs(p) < 100 ? digits : 1;
  const misleading = (text: string) => (p !== 100 && Number(text) === 100) || (p !== 0 && Number(text) === 0);
  while (misleading(p.toFixed(d)) && d < MAX_PCT_DIGITS) d++;
  const text = p.toFixed(d);
  if (misleading(text)) return p < 100 && p > 0 ? (p > 50 ? '<100%' : '>0%') : p > 100 ? '>100%' : '<0%';
  return `${text.replace(/^-/, '−')}%`;
}

/** Data coverage, everywhere it is shown: two decimals in the nineties (99.88%), so two SLOs' coverage compare at a glance. */
export const coveragePct = (fraction: number | null | undefined): string => pct(fraction, 2);

/** An objective in percent as written: 99.9 -> "99.9%". */
export function objectivePct(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/** Seconds as a short human duration: 5400 -> "1h 30m", 43.2*60 -> "43m 12s". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '−' : '';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = d ? [`${d}d`, h ? `${h}h` : ''] : h ? [`${h}h`, m ? `${m}m` : ''] : m ? [`${m}m`, sec ? `${sec}s` : ''] : [`${sec}s`];
  return sign + parts.filter(Boolean).join(' ');
}

const formatters = new Map<string, Intl.DateTimeFormat[]>();

/** Formatters of a zone: en-US names American zones (EDT), en-GB European ones (CEST); others stay an offset (GMT+5:30). */
function zoneFormatters(zone: string): Intl.DateTimeFormat[] {
  let f = formatters.get(zone);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
    f = [new Intl.DateTimeFormat('en-US', opts), new Intl.DateTimeFormat('en-GB', opts)];
    formatters.set(zone, f);
  }
  return f;
}

/**
 * A time in a zone, with the zone's name: 1791018720 in Europe/Berlin -> "2026-10-03 11:12 CEST",
 * in UTC -> "2026-10-03 09:12 UTC". Minutes are cut, not rounded, as in the ISO text.
 */
export function timeIn(iso: string | number | null | undefined, zone: string): string {
  if (iso === null || iso === undefined) return '—';
  let memo = zoneTimes.get(zone);
  if (!memo) zoneTimes.set(zone, (memo = boundedMemo((t: string | number) => formatTimeIn(t, zone), MAX_TIMES)));
  return memo(iso);
}

/** Times formatted per zone, memoized: pages show the same incident times many times (lists, trackers, reports). */
const zoneTimes = new Map<string, (t: string | number) => string>();
const MAX_TIMES = 200_000;

function formatTimeIn(iso: string | number, zone: string): string {
  const d = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
  if (zone === 'UTC') return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const [us, gb] = zoneFormatters(zone).map((f) => Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value])));
  const name = [us!.timeZoneName, gb!.timeZoneName].find((n) => n && !n.startsWith('GMT')) ?? us!.timeZoneName;
  return `${us!.year}-${us!.month}-${us!.day} ${us!.hour}:${us!.minute} ${name}`;
}

let siteZone = 'UTC';

/** Set the zone pages show times in (content/site.yaml `time_zone`); the site model does, once per build. */
export function setTimeZone(zone: string): void {
  siteZone = zone;
}

/** The zone pages show times in: `UTC` unless content/site.yaml sets `time_zone`. */
export const timeZone = (): string => siteZone;

/**
 * A time as shown on pages, in the site's zone with its name: `2026-10-03 09:12 UTC` by default.
 * (Named for that default; with `time_zone: Europe/Berlin` it gives `2026-10-03 11:12 CEST`.)
 */
export function utc(iso: string | number | null | undefined): string {
  return timeIn(iso, siteZone);
}

/** One formatter for every count (Number#toLocaleString with a locale sets one up per call). */
const COUNT = new Intl.NumberFormat('en-US');

/** Month names, January first: `MONTH_NAMES[Number('MM') - 1]`. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A count with thousands separators. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : COUNT.format(Math.round(n));
}

/** `1 incident`, `3 incidents`, `1,204 incidents`: a count and its noun. */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Burn rate as `2.4×`. */
export function burn(b: number | null | undefined): string {
  return b === null || b === undefined ? '—' : `${b < 10 ? b.toFixed(2) : b.toFixed(1)}×`;
}
