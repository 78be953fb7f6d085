/** Display formatting shared by pages. Pure; no Astro. */

/** A fraction as a percentage with enough digits to tell 99.9% from 99.95%: 0.99912 -> "99.912%". */
export function pct(fraction: number | null | undefined, digits = 3): string {
  if (fraction === null || fraction === undefined) return '—';
  const p = fraction * 100;
  return `${p.toFixed(Math.abs(p) >= 99 && Math.abs(p) < 100 ? digits : 1)}%`;
}

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

/** ISO time as `2026-10-03 09:12 UTC`. */
export function utc(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A count with thousands separators. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : Math.round(n).toLocaleString('en-US');
}

/** Burn rate as `2.4×`. */
export function burn(b: number | null | undefined): string {
  return b === null || b === undefined ? '—' : `${b < 10 ? b.toFixed(2) : b.toFixed(1)}×`;
}
