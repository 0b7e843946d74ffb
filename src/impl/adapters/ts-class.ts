import type { Matrix } from '../../core/matrix.ts';
import { softmax } from '../../ops/softmax.ts';
import { settleActivation } from './infer-activation.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { toMatrix } from './arrays.ts';
import { HandedOut, lossValue } from './handed-out.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from './setup-error.ts';
import { withContractChecks } from './contract.ts';
import type { LoadOptions } from './load-options.ts';
import { PROBE } from './infer-layout.ts';
import { tsClassTrainer } from './ts-class-train.ts';

type Instance = { params: Record<string, unknown>; loss: (X: unknown, y?: unknown, reg?: number) => unknown };
type Ctor = new (D: number, H: number, K: number) => Instance;

const ORDER = ['W1', 'b1', 'W2', 'b2'];
const labelsOf = (Y: Matrix) =>
  Array.from({ length: Y.rows }, (_, i) => {
    let best = 0;
    for (let j = 1; j < Y.cols; j++) if (Y.data[i * Y.cols + j] > Y.data[i * Y.cols + best]) best = j;
    return best;
  });

/**
 * The course-solution shape: a class whose instances hold `params` (W1, b1, W2, b2) and whose
 * loss(X, y, reg) returns scores when y is missing and [loss, grads] otherwise.
 */
export async function classAdapter(
  path: string,
  exports: Record<string, unknown>,
  classes: [string, unknown][],
  opts: LoadOptions,
  declared: unknown,
): Promise<NetworkImplementation> {
  let entry = classes[0];
  if (opts.className) {
    const hit = classes.find(([n]) => n === opts.className);
    if (!hit)
      throw new SetupError(
        `${path} has no class ${opts.className}`,
        `use one of: ${classes.map(([n]) => n).join(', ') || '(none)'}`,
      );
    entry = hit;
  } else if (classes.length > 1) {
    throw new SetupError(
      `${path} exports several classes (${classes.map(([n]) => n).join(', ')})`,
      'name the one to check with --class NAME',
    );
  }
  const [className, Cls] = entry as [string, Ctor];
  const act = declared ?? (Cls as unknown as { activation?: unknown }).activation;
  const notes = [`class ${className}: forward probabilities are nncheck's softmax of the scores loss(X) returns`];
  let keys: string[] = [];
  let biasIs1d: boolean[] = [];
  const make = (D: number, H: number, K: number) => new Cls(D, H, K);
  // The arrays handed to the instance are tracked: what loss() writes into them is written back.
  const setParams = (net: Instance, params: Matrix[], h: HandedOut) => {
    keys.forEach((k, i) => {
      net.params[k] = biasIs1d[i] ? h.flat(params[i]) : h.nested(params[i]);
    });
  };
  const lossAndGrads = async (params: Matrix[], X: Matrix, Y: Matrix, lam: number) => {
    const net = make(X.cols, params[0].cols, Y.cols);
    const h = new HandedOut();
    setParams(net, params, h);
    let out: unknown;
    try {
      out = await net.loss(h.nested(X), labelsOf(Y), lam);
    } finally {
      h.writeBack();
    }
    if (out === undefined)
      throw new ImplementationFault('returned-none', `${className}.loss(X, y, reg) returned nothing on this input`);
    if (!Array.isArray(out) || out.length !== 2)
      throw new ImplementationFault(
        'shape',
        `${className}.loss(X, y, reg) returned ${typeof out}: return [loss, grads] when labels are given`,
      );
    const [loss, grads] = out as [unknown, Record<string, unknown>];
    return { loss: lossValue(loss, `${className}.loss`), grads: keys.map((k) => toMatrix(grads?.[k], `grads.${k}`)) };
  };
  const impl: NetworkImplementation = {
    name: `${path}:${className}`,
    activation: 'relu',
    layout: 'separate',
    notes,
    // Each call builds its own instance for its sizes: calls depend on their arguments alone.
    statelessCalls: true,
    async initParams(D, H, K) {
      const net = make(D, H, K);
      const names = Object.keys(net.params ?? {});
      keys = ORDER.every((k) => names.includes(k)) ? ORDER : names;
      biasIs1d = keys.map((k) => Array.isArray(net.params[k]) && typeof (net.params[k] as unknown[])[0] === 'number');
      return keys.map((k) => toMatrix(net.params[k], `params.${k}`));
    },
    async forward(params, X) {
      const net = make(X.cols, params[0].cols, params[params.length - 1].cols);
      const h = new HandedOut();
      setParams(net, params, h);
      let scores: unknown;
      try {
        scores = await net.loss(h.nested(X));
      } finally {
        h.writeBack();
      }
      if (scores === undefined)
        throw new ImplementationFault(
          'returned-none',
          `${className}.loss(X) returned nothing on this input (it must return the scores when y is not given)`,
        );
      return softmax(toMatrix(scores, 'scores'));
    },
    loss: async (params, X, Y, lam) => (await lossAndGrads(params, X, Y, lam)).loss,
    gradients: async (params, X, Y, lam) => (await lossAndGrads(params, X, Y, lam)).grads,
    ownTrainer: tsClassTrainer(
      make as never,
      () => keys,
      (Cls as unknown as { prototype: { train?: unknown } }).prototype.train,
    ),
  };
  await impl.initParams(PROBE.D, PROBE.H, PROBE.K, 0); // learns the parameter names and forms
  await settleActivation(impl, act, opts.activation ? 'flag' : 'file');
  return withContractChecks(impl);
}
