/**
 * Axis scales for the report's charts: "nice" linear ticks (steps of 1, 2 or 5 × 10^k, the
 * domain widened to whole steps) and decade ticks on a log axis, chosen when a positive series
 * spans more than three decades (an exploding loss). Small on purpose: no chart library needed.
 */
export interface Scale {
  /** Domain after rounding out to whole ticks. */
  lo: number;
  hi: number;
  ticks: number[];
  log: boolean;
  /** Where a value falls in [0, 1] along the axis (log10 on a log axis). */
  fraction(v: number): number;
  format(v: number): string;
}

/** A decade spread above which a positive series is drawn on a log axis. */
export const LOG_DECADES = 3;

export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Round numbers with as few digits as the step needs (0.25, 1e-4, 2000). */
function formatter(step: number): (v: number) => string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return (v) => {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3)
      return v.toExponential(Math.max(0, Math.round(-Math.log10(step) + Math.log10(a)))).replace('e+', 'e');
    return v.toFixed(Math.min(digits, 6));
  };
}

export function linearScale(min: number, max: number, count = 5): Scale {
  let lo = min,
    hi = max;
  if (!(hi > lo)) {
    lo -= Math.abs(lo) / 2 || 1;
    hi += Math.abs(hi) / 2 || 1;
  }
  const step = niceStep(hi - lo, count);
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return { lo, hi, ticks, log: false, fraction: (v) => (v - lo) / (hi - lo), format: formatter(step) };
}

export function logScale(min: number, max: number): Scale {
  const a = Math.floor(Math.log10(min)),
    b = Math.max(a + 1, Math.ceil(Math.log10(max)));
  const every = Math.max(1, Math.ceil((b - a) / 6));
  const ticks: number[] = [];
  for (let k = a; k <= b; k += every) ticks.push(10 ** k);
  return {
    lo: 10 ** a,
    hi: 10 ** b,
    ticks,
    log: true,
    fraction: (v) => (Math.log10(v) - a) / (b - a),
    format: (v) => {
      const k = Math.round(Math.log10(v));
      return k >= 0 && k <= 4 ? String(10 ** k) : `1e${k}`;
    },
  };
}

/** Log when every value is positive and they span more than LOG_DECADES decades; else linear. */
export function autoScale(values: readonly number[], fixed?: { lo?: number; hi?: number }): Scale {
  const finite = values.filter(Number.isFinite);
  const min = fixed?.lo ?? Math.min(...finite),
    max = fixed?.hi ?? Math.max(...finite);
  if (fixed?.lo === undefined && min > 0 && Math.log10(max / min) > LOG_DECADES) return logScale(min, max);
  return linearScale(min, max);
}

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
];

/** One colour per series name, the same in every chart of a report (first come, first served). */
export function colourMap(labels: readonly string[]): (label: string) => string {
  const map = new Map<string, string>();
  for (const l of labels) if (!map.has(l)) map.set(l, PALETTE[map.size % PALETTE.length]);
  return (l) => map.get(l) ?? PALETTE[map.size % PALETTE.length];
}
