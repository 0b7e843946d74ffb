import { sigmoid } from '../../ops/sigmoid.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import { allClose } from '../../core/allclose.ts';

/**
 * The known elementwise shapes: which activation a map is, and which activation's derivative
 * (given z, or given a = f(z)). Read on a grid away from 0, where the ReLU family has its kink.
 */
export const GRID = [-3, -1.7, -0.9, -0.35, -0.05, 0.05, 0.35, 0.9, 1.7, 3];

export type ActivationKind = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu';

export interface ActivationShape {
  kind: ActivationKind;
  slope?: number;
  label: string;
}

const close = (a: readonly number[], b: readonly number[]) => allClose(a, b, TOLERANCES.opIdentification);

/** The slope below zero of a map that is the identity above zero and linear below, if it is one. */
function slopeBelowZero(xs: readonly number[], ys: readonly number[]): number | undefined {
  if (
    !close(
      xs.filter((x) => x > 0),
      ys.filter((_, i) => xs[i] > 0),
    )
  )
    return undefined;
  const neg = xs.map((x, i) => [x, ys[i]]).filter(([x]) => x < 0);
  const slope = neg[0][1] / neg[0][0];
  return close(
    neg.map(([, y]) => y),
    neg.map(([x]) => slope * x),
  )
    ? slope
    : undefined;
}

/** Which activation the values ys = f(GRID) are, or undefined. */
export function identifyActivation(ys: readonly number[]): ActivationShape | undefined {
  if (close(ys, GRID.map(sigmoid))) return { kind: 'sigmoid', label: 'sigmoid' };
  if (close(ys, GRID.map(Math.tanh))) return { kind: 'tanh', label: 'tanh' };
  const slope = slopeBelowZero(GRID, ys);
  if (slope === undefined || slope < 0 || slope >= 1) return undefined;
  return slope === 0
    ? { kind: 'relu', label: 'ReLU' }
    : { kind: 'leaky_relu', slope, label: `leaky ReLU (slope ${Number(slope.toPrecision(3))})` };
}

export const forwardOf =
  (a: ActivationShape) =>
  (x: number): number =>
    a.kind === 'sigmoid' ? sigmoid(x) : a.kind === 'tanh' ? Math.tanh(x) : x > 0 ? x : (a.slope ?? 0) * x;

export const derivativeOf =
  (a: ActivationShape) =>
  (x: number): number => {
    if (a.kind === 'sigmoid') {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    if (a.kind === 'tanh') return 1 - Math.tanh(x) ** 2;
    return x > 0 ? 1 : (a.slope ?? 0);
  };

export interface DerivativeShape {
  of: ActivationShape;
  expects: 'z' | 'a' | 'z or a';
  label: string;
}

const KNOWN: ActivationShape[] = [
  { kind: 'sigmoid', label: 'sigmoid' },
  { kind: 'tanh', label: 'tanh' },
  { kind: 'relu', label: 'hard-ReLU' },
];

/**
 * Which activation's derivative g is, from gz = g(GRID) and, per activation, ga = g(f(GRID)).
 * A leaky slope is read off the values themselves.
 */
export function identifyDerivative(
  gz: readonly number[],
  gOfA: (a: ActivationShape) => readonly number[],
): DerivativeShape | undefined {
  const neg = gz[0];
  const candidates = [
    ...KNOWN,
    ...(neg > 0 && neg < 1
      ? [{ kind: 'leaky_relu' as const, slope: neg, label: `leaky-ReLU (slope ${Number(neg.toPrecision(3))})` }]
      : []),
  ];
  for (const a of candidates) {
    const want = GRID.map(derivativeOf(a));
    const byZ = close(gz, want),
      byA = close(gOfA(a), want);
    if (byZ || byA) {
      const expects = byZ && byA ? 'z or a' : byZ ? 'z' : 'a';
      return {
        of: a,
        expects,
        label: `${a.label} derivative${expects === 'a' ? ' given the activation a = f(z)' : ''}`,
      };
    }
  }
  return undefined;
}
