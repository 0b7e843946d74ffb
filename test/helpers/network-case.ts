import type { NetworkImplementation } from '../../src/impl/implementation.ts';
import { networkObjective } from '../../src/impl/objective.ts';
import { smallProblem } from '../../src/data/small-problem.ts';

export { smallProblem };

export async function objectiveFor(
  impl: NetworkImplementation,
  seed: number,
  N: number,
  D: number,
  H: number,
  K: number,
  lam: number,
  integer = false,
) {
  const { X, Y } = smallProblem(seed, N, D, K, integer);
  const params = await impl.initParams(D, H, K, seed);
  return networkObjective(impl, params, X, Y, lam);
}
