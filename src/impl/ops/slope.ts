import { TOLERANCES, U32, U64 } from '../../core/tolerances.ts';
import type { FreeFunctions } from './free-functions.ts';
import { callAt } from './probe.ts';

/** The slope of the user's own forward at x, with what its error model allows. */
export interface Slope {
  x: number;
  fd: number;
  h: number;
  fMax: number;
  richardsonGap: number;
  kink: boolean;
  eps: number;
}

/**
 * Central differences of an elementwise function at each x (steps h and h/2, all in one call),
 * with h = ε^(1/3)·max(1, |x|). A kink inside [x − h, x + h] shows as one-sided slopes that
 * disagree: such points are marked, not judged.
 */
export async function slopesOf(
  ff: FreeFunctions,
  name: string,
  xs: readonly number[],
  float32: boolean,
): Promise<Slope[]> {
  const eps = float32 ? U32 : U64;
  const hs = xs.map((x) => Math.cbrt(eps) * Math.max(1, Math.abs(x)));
  const pts = xs.flatMap((x, i) => [x - hs[i], x, x + hs[i], x - hs[i] / 2, x + hs[i] / 2]);
  const f = await callAt(ff, name, pts);
  return xs.map((x, i) => {
    const [m, c, p, m2, p2] = f.slice(5 * i, 5 * i + 5);
    const h = hs[i],
      fd = (p - m) / (2 * h),
      fd2 = (p2 - m2) / h;
    const left = (c - m) / h,
      right = (p - c) / h;
    const fMax = Math.max(Math.abs(m), Math.abs(p), Math.abs(c));
    const noise = (4 * eps * fMax) / h;
    const gap = (Math.abs(fd - fd2) * 4) / 3;
    // Smooth maps: one-sided slopes differ by ~h·|f''| and the two steps by ~h²·|f'''|, far below these.
    const k = TOLERANCES.kink.rtol;
    const kink = Math.abs(left - right) > k * (1 + Math.abs(fd)) + 4 * noise || gap > k * Math.abs(fd) + 8 * noise;
    return { x, fd, h, fMax, richardsonGap: gap, kink, eps };
  });
}

/** Does g agree with the slope (within the error model of TOLERANCES.derivativeVsForward)? */
export function agrees(s: Slope, g: number): boolean {
  return Number.isFinite(g) && Math.abs(g - s.fd) <= TOLERANCES.derivativeVsForward({ ...s, g });
}
