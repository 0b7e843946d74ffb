/**
 * What the gradient checker checks: anything that, for a flat parameter vector θ (named
 * float64 tensors laid end to end), returns a scalar loss and its gradient. Every call may be
 * asynchronous and loss evaluations come in batches, so a subprocess (the Python bridge) can
 * answer many perturbed points in one round trip.
 */
import type { Probe } from './probes.ts';

/** A point near a base: base + step·v for a probe v (formed as along() forms it), or the base itself. */
export interface Move {
  probe: Probe | null;
  step: number;
}
export interface TensorSpec {
  name: string;
  rows: number;
  cols: number;
  /** Weights are regularised, biases are not: used to name "confined to ..." patterns. */
  kind: 'weight' | 'bias' | 'other';
}

export interface Objective {
  tensors: TensorSpec[];
  /** The point to check. The checker never writes into it. */
  theta: Float64Array;
  /** Loss at each point, in order. */
  losses(points: Float64Array[]): Promise<number[]>;
  /**
   * Optional: the loss at each move from base, equal bit for bit to losses() at the points
   * along() forms. A subprocess then receives the base and directions, not every point.
   */
  lossesAlong?(base: Float64Array, moves: Move[]): Promise<number[]>;
  lossAndGradient(theta: Float64Array): Promise<{ loss: number; grad: Float64Array }>;
  /**
   * Optional: the values whose sign decides a kink (ReLU pre-activations) at each point. When
   * present, kink crossings are detected exactly; otherwise by curvature tests.
   */
  kinkValues?(points: Float64Array[]): Promise<Float64Array[]>;
  /** Optional: other losses at each point (e.g. categorical CE of the same outputs), by name. */
  alternativeLosses?(points: Float64Array[]): Promise<Record<string, number[]>>;
  /** Arithmetic precision of the implementation; float32 widens the error model. */
  precision?: 'float64' | 'float32';
  /** Context for naming patterns: batch size N, L2 strength λ, hidden activation. */
  meta?: { batchSize?: number; lam?: number; activation?: string };
}

export function tensorOffsets(tensors: readonly TensorSpec[]): number[] {
  const out: number[] = [];
  let o = 0;
  for (const t of tensors) {
    out.push(o);
    o += t.rows * t.cols;
  }
  return out;
}

export const totalSize = (tensors: readonly TensorSpec[]): number => tensors.reduce((s, t) => s + t.rows * t.cols, 0);
