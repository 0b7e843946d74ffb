import type { Matrix } from '../../core/matrix.ts';
import type { NetworkImplementation } from '../implementation.ts';
import type { PythonBridge } from '../python/bridge-client.ts';

export type LayerRole = 'dense' | 'activation' | 'softmax' | 'loss' | 'fused';
export type LabelForm = 'sparse' | 'onehot';

/** What the bridge found in a layer-style module (its hello frame): classes by role. */
export interface LayerInfo {
  roles: Record<LayerRole | 'optimizer', string[]>;
  /** Activation kind (relu, sigmoid...) or optimizer kind (sgd, adam...) by class name, null when unknown. */
  kinds: Record<string, string | null>;
  /** Each optimizer's constructor defaults for the hyperparameters nncheck knows. */
  optimizerHyper: Record<string, Record<string, number>>;
  activationClass: string;
  lossPath: 'fused' | 'pair';
}

export interface LayerRun {
  /** forward's output per set (a 1x1 loss value for loss and fused). */
  outputs: Matrix[];
  /** After backward: dinputs, then dweights and dbiases for a dense layer. */
  grads: Matrix[];
  /** Which of dvalues, inputs, output backward changed. */
  mutated: string[];
  dtype: string;
}

/** One user class at a time, through the Python bridge. */
export interface LayerModule {
  info: LayerInfo;
  run(role: LayerRole, cls: string, sets: Matrix[][], o?: { labels?: LabelForm; dvalues?: Matrix }): Promise<LayerRun>;
  optimizer(
    cls: string,
    hyper: Record<string, number>,
    W: Matrix,
    b: Matrix,
    grads: [Matrix, Matrix][],
  ): Promise<{ states: [Matrix, Matrix][]; hyper: Record<string, number>; dtype: string }>;
}

/** The layer module behind an implementation loaded from a layer-style Python file, else undefined. */
export function layerModuleOf(impl: NetworkImplementation): LayerModule | undefined {
  const bridge = (impl as { bridge?: PythonBridge }).bridge;
  const h = bridge?.hello;
  if (!bridge || !h || h.shape !== 'layers') return undefined;
  const info: LayerInfo = {
    roles: h.layerRoles as LayerInfo['roles'],
    kinds: h.layerKinds as LayerInfo['kinds'],
    optimizerHyper: h.optimizerHyper as LayerInfo['optimizerHyper'],
    activationClass: h.layerActivationClass as string,
    lossPath: h.layerLossPath as LayerInfo['lossPath'],
  };
  return {
    info,
    async run(role, cls, sets, o = {}) {
      const per = sets[0].length;
      const arrays = [...sets.flat(), ...(o.dvalues ? [o.dvalues] : [])];
      const f = await bridge.call(
        'layer_run',
        { role, cls, per, sets: sets.length, labels: o.labels ?? 'sparse', backward: !!o.dvalues },
        arrays,
        `${cls}.${o.dvalues ? 'backward' : 'forward'}()`,
      );
      return {
        outputs: f.arrays.slice(0, sets.length),
        grads: f.arrays.slice(sets.length),
        mutated: (f.header.mutated as string[] | undefined) ?? [],
        dtype: String(f.header.dtype ?? 'float64'),
      };
    },
    async optimizer(cls, hyper, W, b, grads) {
      const f = await bridge.call(
        'optimizer_run',
        { cls, hyper, steps: grads.length },
        [W, b, ...grads.flat()],
        `${cls}.update_params()`,
      );
      const states: [Matrix, Matrix][] = grads.map((_, t) => [f.arrays[2 * t], f.arrays[2 * t + 1]]);
      return {
        states,
        hyper: (f.header.hyper as Record<string, number>) ?? {},
        dtype: String(f.header.dtype ?? 'float64'),
      };
    },
  };
}

/** The note printed for a layer-style module: which class plays which role. */
export function layerNote(h: Record<string, unknown>): string {
  const roles = h.layerRoles as Record<string, string[]> | undefined;
  if (!roles) return 'layer-style classes';
  const list = Object.entries(roles)
    .filter(([, cs]) => cs.length)
    .map(([r, cs]) => `${r}: ${cs.join(', ')}`)
    .join('; ');
  const head = h.layerLossPath === 'fused' ? roles.fused[0] : `${roles.softmax[0]} + ${roles.loss[0]}`;
  const network = `${roles.dense[0]} -> ${String(h.layerActivationClass)} -> ${roles.dense[0]} -> ${head}`;
  return (
    `layer-style classes found by their methods (${list}); ` +
    `the network checked is ${network} (sparse labels; L2 λ/(2N)·ΣW² added by nncheck)`
  );
}
