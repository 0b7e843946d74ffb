import type { Matrix } from '../core/matrix.ts';
import type { ActivationName } from '../ops/activation.ts';
import type { Layout } from '../nn/layouts.ts';
import type { Incident } from './incidents.ts';

/**
 * A one-hidden-layer classifier as nncheck sees it, whatever language it is written in:
 * parameters are a list of matrices in `layout`, labels are one-hot, calls may be async (a
 * subprocess). Adapters (reference, TypeScript module, Python bridge) all produce this.
 */
export interface NetworkImplementation {
  readonly name: string;
  readonly activation: ActivationName;
  layout: Layout;
  /** Notes about how the implementation was read (inferred layout, accepted shapes...). */
  readonly notes: string[];
  readonly leakySlope?: number;
  initParams(D: number, H: number, K: number, seed: number): Promise<Matrix[]>;
  forward(params: Matrix[], X: Matrix): Promise<Matrix>;
  loss(params: Matrix[], X: Matrix, Y: Matrix, lam: number): Promise<number>;
  gradients(params: Matrix[], X: Matrix, Y: Matrix, lam: number): Promise<Matrix[]>;
  /** Losses at many parameter sets in one call (one round trip for a subprocess). */
  lossMany?(paramsList: Matrix[][], X: Matrix, Y: Matrix, lam: number): Promise<number[]>;
  forwardMany?(paramsList: Matrix[][], X: Matrix): Promise<Matrix[]>;
  /** The user's own training loop, when provided. lr null means the user's default. */
  train?(X: Matrix, Y: Matrix, H: number, epochs: number, lr: number | null, lam: number, seed: number): Promise<Matrix[]>;
  close?(): Promise<void>;
  /** Crashes and timeouts of the process running user code, as they happened (subprocess adapters). */
  readonly incidents?: Incident[];
}

export function tensorNames(layout: Layout, count: number): { name: string; kind: 'weight' | 'bias' | 'other' }[] {
  if (layout === 'separate') {
    return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? { name: `W${i / 2 + 1}`, kind: 'weight' as const } : { name: `b${(i + 1) / 2}`, kind: 'bias' as const }));
  }
  return Array.from({ length: count }, (_, i) => ({ name: `theta${i + 1}`, kind: 'other' as const }));
}
