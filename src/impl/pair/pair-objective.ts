import type { Matrix } from '../../core/matrix.ts';
import type { Objective, TensorSpec } from '../../gradcheck/objective.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { flatten, unflatten } from '../objective.ts';
import type { LoadOptions } from '../adapters/load-options.ts';

/** The file's functions by name, and how to run it (the interpreter and the call limit, as for a network). */
export interface PairOptions extends Pick<LoadOptions, 'python' | 'timeoutMs'> {
  /** Names of the loss function, the gradient function and the parameters in the file. */
  loss: string;
  grad: string;
  params?: string;
  /** Optional: a function of the parameters returning the values whose signs decide kinks (ReLU pre-activations). */
  kinks?: string;
}

/** What the gradient checker needs from a pair, plus how it was read and how to let go of it. */
export interface LoadedPair {
  objective: Objective;
  notes: string[];
  language: 'python' | 'typescript';
  close(): Promise<void>;
}

export interface PairFunctions {
  losses(sets: Matrix[][]): Promise<number[]>;
  lossAndGradient(params: Matrix[]): Promise<{ loss: number; grads: Matrix[]; dtype?: string }>;
  kinks?(sets: Matrix[][]): Promise<Float64Array[]>;
}

/** A tensor's kind from its name: W…/weight… are weights, b…/bias… biases (used to name patterns). */
export function kindOf(name: string): TensorSpec['kind'] {
  const base = name.replace(/^.*[[.]/, '').replace(/\W/g, '');
  if (/^(w\d*|weights?\w*|kernel\w*)$/i.test(base)) return 'weight';
  if (/^(b\d*|bias(es)?\w*)$/i.test(base)) return 'bias';
  return 'other';
}

/** The checker's view: θ is the parameters laid end to end; losses come in one batch per call. */
export function pairObjective(
  params: Matrix[],
  names: string[],
  fns: PairFunctions,
  precision: 'float64' | 'float32',
): Objective {
  const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
  return {
    tensors: shapes.map((s, i) => ({ ...s, name: names[i], kind: kindOf(names[i]) })),
    theta: flatten(params),
    precision,
    losses: (points) => fns.losses(points.map((t) => unflatten(t, shapes))),
    kinkValues: fns.kinks ? (points) => fns.kinks!(points.map((t) => unflatten(t, shapes))) : undefined,
    async lossAndGradient(theta) {
      const { loss, grads } = await fns.lossAndGradient(unflatten(theta, shapes));
      grads.forEach((g, i) => {
        if (g.data.length !== shapes[i].rows * shapes[i].cols)
          throw new ImplementationFault(
            'shape',
            `the gradient of ${names[i]} has ${g.data.length} entries, ` +
              `the parameter ${shapes[i].rows * shapes[i].cols}`,
          );
      });
      return { loss, grad: flatten(grads.map((g, i) => ({ ...shapes[i], data: g.data }))) };
    },
  };
}
