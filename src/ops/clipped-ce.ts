import type { Matrix } from '../core/matrix.ts';

/**
 * The clipping constants user code puts inside the log of cross-entropy (the from-scratch
 * material clips p to [1e-7, 1 − 1e-7]; others add 1e-8 … 1e-15). Such a loss is categorical
 * cross-entropy made slightly inaccurate (a warning), not another loss.
 */
export const LOG_EPSILONS = [1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15] as const;

/** Mean −Σ y·log(clip(p, eps, 1 − eps)) and mean −Σ y·log(p + eps), for one eps. */
export function clippedCrossEntropies(p: Matrix, y: Matrix, eps: number): { clipped: number; shifted: number } {
  let clipped = 0,
    shifted = 0;
  for (let i = 0; i < p.data.length; i++) {
    const yi = y.data[i];
    if (yi === 0) continue;
    const pi = p.data[i];
    clipped -= yi * Math.log(Math.min(1 - eps, Math.max(eps, pi)));
    shifted -= yi * Math.log(pi + eps);
  }
  const n = Math.max(1, p.rows);
  return { clipped: clipped / n, shifted: shifted / n };
}

/** True when `loss` is categorical cross-entropy of p with one of the usual epsilons in the log. */
export function isClippedCrossEntropy(
  loss: number,
  p: Matrix,
  y: Matrix,
  close: (a: number, b: number) => boolean,
): boolean {
  return LOG_EPSILONS.some((eps) => {
    const c = clippedCrossEntropies(p, y, eps);
    return close(loss, c.clipped) || close(loss, c.shifted);
  });
}

/** The name of categorical cross-entropy with eps in its log, as a candidate loss: `ce+eps:1e-12`, `ce-clip:1e-15`. */
export const logEpsilonName = (form: 'shifted' | 'clipped', eps: number): string =>
  `${form === 'shifted' ? 'ce+eps' : 'ce-clip'}:${eps}`;

/** Reads a name logEpsilonName wrote: the form and its eps, or null for another candidate. */
export function parseLogEpsilonName(name: string): { form: 'shifted' | 'clipped'; eps: number } | null {
  const m = /^(ce\+eps|ce-clip):(.+)$/.exec(name);
  return m ? { form: m[1] === 'ce+eps' ? 'shifted' : 'clipped', eps: Number(m[2]) } : null;
}

/** Every LOG_EPSILONS form of categorical cross-entropy at p, by logEpsilonName. */
export function logEpsilonForms(p: Matrix, y: Matrix): Record<string, number> {
  const out: Record<string, number> = {};
  for (const eps of LOG_EPSILONS) {
    const c = clippedCrossEntropies(p, y, eps);
    out[logEpsilonName('shifted', eps)] = c.shifted;
    out[logEpsilonName('clipped', eps)] = c.clipped;
  }
  return out;
}
