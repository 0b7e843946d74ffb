/**
 * A network whose loss adds an epsilon inside the log (the book's −log(p + 1e-7)) reports a
 * value that differs from cross-entropy by about ε/p, and its finite differences differ from the
 * exact cross-entropy gradient by as much: far above the gradient checker's rounding bound. Its
 * gradient is then checked against what the loss stands for: exact categorical cross-entropy of
 * the network's own forward probabilities, plus its own L2 term (loss at λ minus loss at 0). A
 * backward that is wrong still disagrees; the epsilon itself is the cross-entropy suite's warning.
 */
import type { Matrix } from '../src/core/matrix.ts';
import type { Objective } from '../src/gradcheck/objective.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';
import { networkObjective, unflatten } from '../src/impl/objective.ts';
import { candidateLosses } from '../src/ops/candidate-losses.ts';

async function lossesAt(impl: NetworkImplementation, lists: Matrix[][], X: Matrix, Y: Matrix, lam: number) {
  if (impl.lossMany) return impl.lossMany(lists, X, Y, lam);
  const out: number[] = [];
  for (const l of lists) out.push(await impl.loss(l, X, Y, lam));
  return out;
}

export function exactCrossEntropyObjective(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  Y: Matrix,
  lam: number,
): Objective {
  const base = networkObjective(impl, params, X, Y, lam);
  const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
  const losses = async (points: Float64Array[]) => {
    const lists = points.map((t) => unflatten(t, shapes));
    const probs = impl.forwardMany
      ? await impl.forwardMany(lists, X)
      : await Promise.all(lists.map((l) => impl.forward(l, X)));
    const ce = probs.map((p) => candidateLosses(p, Y)['categorical-ce']);
    if (lam === 0) return ce;
    const [withL2, without] = [await lossesAt(impl, lists, X, Y, lam), await lossesAt(impl, lists, X, Y, 0)];
    return ce.map((v, i) => v + withL2[i] - without[i]);
  };
  return {
    ...base,
    losses,
    lossesAlong: undefined,
    alternativeLosses: undefined,
    async lossAndGradient(theta) {
      const { grad } = await base.lossAndGradient(theta);
      return { loss: (await losses([theta]))[0], grad };
    },
  };
}
