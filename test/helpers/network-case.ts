import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { createRng } from '../../src/random/rng.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';
import { networkObjective } from '../../src/impl/objective.ts';

/** A seeded small problem: N rows of D features (optionally integers), K classes. */
export function smallProblem(seed: number, N: number, D: number, K: number, integer = false): { X: Matrix; Y: Matrix } {
  const rng = createRng(`problem/${seed}`);
  const X = zeros(N, D);
  for (let i = 0; i < X.data.length; i++) X.data[i] = integer ? rng.int(5) - 2 : rng.normal();
  return { X, Y: oneHot(Array.from({ length: N }, (_, i) => (i + seed) % K), K) };
}

export async function objectiveFor(impl: NetworkImplementation, seed: number, N: number, D: number, H: number, K: number, lam: number, integer = false) {
  const { X, Y } = smallProblem(seed, N, D, K, integer);
  const params = await impl.initParams(D, H, K, seed);
  return networkObjective(impl, params, X, Y, lam);
}
