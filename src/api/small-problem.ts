import { type Matrix, zeros } from '../core/matrix.ts';
import { oneHot } from '../data/dataset.ts';
import { createRng } from '../random/rng.ts';

/** A seeded small problem: N rows of D standard-normal features, K classes in turn. */
export function smallProblem(seed: number, N: number, D: number, K: number): { X: Matrix; Y: Matrix } {
  const rng = createRng(`small/${seed}`);
  const X = zeros(N, D);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return { X, Y: oneHot(Array.from({ length: N }, (_, i) => i % K), K) };
}
