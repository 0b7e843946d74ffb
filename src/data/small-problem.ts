import { type Matrix, zeros } from '../core/matrix.ts';
import { oneHot } from './dataset.ts';
import { createRng } from '../random/rng.ts';

/**
 * A seeded small problem: N rows of D standard-normal features (or integers in −2..2, which
 * put ReLU pre-activations exactly on 0), labels cycling through K classes.
 */
export function smallProblem(seed: number, N: number, D: number, K: number, integer = false): { X: Matrix; Y: Matrix } {
  const rng = createRng(`problem/${seed}`);
  const X = zeros(N, D);
  for (let i = 0; i < X.data.length; i++) X.data[i] = integer ? rng.int(5) - 2 : rng.normal();
  return {
    X,
    Y: oneHot(
      Array.from({ length: N }, (_, i) => (i + seed) % K),
      K,
    ),
  };
}
