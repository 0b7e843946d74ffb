import { type Matrix, zeros } from '../core/matrix.ts';
import { fromLayout } from '../nn/layouts.ts';
import { getActivation } from '../ops/activations.ts';
import { candidateLosses } from '../ops/candidate-losses.ts';
import { logEpsilonForms } from '../ops/clipped-ce.ts';
import { gemmNN, addRowVector } from '../core/kernels.ts';
import type { Objective, TensorSpec } from '../gradcheck/objective.ts';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { tensorNames, type NetworkImplementation } from './implementation.ts';

/** Splits a flat θ into matrices shaped like `shapes` (copies, so the callee may keep them). */
export function unflatten(theta: Float64Array, shapes: readonly { rows: number; cols: number }[]): Matrix[] {
  let o = 0;
  return shapes.map(({ rows, cols }) => {
    const m = { rows, cols, data: theta.slice(o, o + rows * cols) };
    o += rows * cols;
    return m;
  });
}

export function flatten(params: readonly Matrix[]): Float64Array {
  const out = new Float64Array(params.reduce((s, m) => s + m.data.length, 0));
  let o = 0;
  for (const m of params) {
    out.set(m.data, o);
    o += m.data.length;
  }
  return out;
}

/**
 * Hidden pre-activations computed from the parameters in the implementation's layout: the
 * kink values for ReLU-family networks (null for smooth activations).
 */
function hiddenPreactivations(impl: NetworkImplementation, params: Matrix[], X: Matrix): Float64Array {
  const p = fromLayout(params, impl.layout);
  const parts: Float64Array[] = [];
  let a = X;
  const act = getActivation(impl.activation, impl.leakySlope);
  for (let l = 0; l < p.weights.length - 1; l++) {
    const z = zeros(X.rows, p.weights[l].cols);
    gemmNN(X.rows, z.cols, a.cols, a.data, p.weights[l].data, z.data);
    addRowVector(X.rows, z.cols, z.data, p.biases[l].data);
    parts.push(z.data);
    a = act.forward(z, zeros(z.rows, z.cols));
  }
  const out = new Float64Array(parts.reduce((s, x) => s + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** The gradient checker's view of a network implementation at fixed data (X, Y, λ). */
export function networkObjective(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  Y: Matrix,
  lam: number,
): Objective {
  const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
  const names = tensorNames(impl.layout, params.length);
  const tensors: TensorSpec[] = shapes.map((s, i) => ({ ...s, ...names[i] }));
  const along = impl.lossesAlong?.bind(impl);
  const kinked = impl.activation === 'relu' || impl.activation === 'leaky_relu';
  const many = async (points: Float64Array[]) => {
    const lists = points.map((t) => unflatten(t, shapes));
    if (impl.lossMany) return impl.lossMany(lists, X, Y, lam);
    const out: number[] = [];
    for (const l of lists) out.push(await impl.loss(l, X, Y, lam));
    return out;
  };
  return {
    tensors,
    theta: flatten(params),
    losses: many,
    lossesAlong: along ? (base, moves) => along(shapes, base, moves, X, Y, lam) : undefined,
    async lossAndGradient(theta) {
      const list = unflatten(theta, shapes);
      const grads = await impl.gradients(list, X, Y, lam);
      if (!Array.isArray(grads) || grads.length !== shapes.length) {
        throw new ImplementationFault(
          'shape',
          `gradients() returned ${Array.isArray(grads) ? grads.length : typeof grads} arrays ` +
            `for ${shapes.length} parameter arrays`,
        );
      }
      grads.forEach((g, i) => {
        if (g.rows !== shapes[i].rows || g.cols !== shapes[i].cols) {
          throw new ImplementationFault(
            'shape',
            `the gradient of ${tensors[i].name} has shape ${g.rows}x${g.cols}, ` +
              `the parameter has ${shapes[i].rows}x${shapes[i].cols}`,
          );
        }
      });
      const loss = await impl.loss(unflatten(theta, shapes), X, Y, lam);
      // Write back what the call did to its arguments, so in-place edits are visible.
      let o = 0;
      for (const m of list) {
        theta.set(m.data, o);
        o += m.data.length;
      }
      return { loss, grad: flatten(grads) };
    },
    kinkValues: kinked
      ? async (points) => points.map((t) => hiddenPreactivations(impl, unflatten(t, shapes), X))
      : undefined,
    async alternativeLosses(points) {
      const lists = points.map((t) => unflatten(t, shapes));
      const probs = impl.forwardMany
        ? await impl.forwardMany(lists, X)
        : await Promise.all(lists.map((l) => impl.forward(l, X)));
      const out: Record<string, number[]> = {};
      for (const p of probs) {
        // The usual losses, and cross-entropy with an epsilon or a clip in its log (a warning's cause).
        const forms = { ...candidateLosses(p, Y), ...logEpsilonForms(p, Y) };
        for (const [k, v] of Object.entries(forms)) (out[k] ??= []).push(v);
      }
      // The user's L2 convention is unknown here, so candidates are only comparable at λ = 0.
      return lam === 0 ? out : {};
    },
    meta: { batchSize: X.rows, lam, activation: impl.activation },
  };
}
