/** The notes saying how the bridge read a network that is not in the contract shape (so a misreading shows). */

/** How the bridge read a network kept in a class's attributes (nncheck_attr_net.py). */
export interface AttrNetDescription {
  className: string;
  weights: string[];
  forward: string;
  cost: string;
  backward: string;
  labels: 'one-hot' | 'indices';
  /** What runs before the backward method: a forward pass, and the cost when backward takes no labels. */
  after?: string;
}

/** The note saying which methods and attributes stand for what, so a misreading shows. */
export function attributesNote(d: AttrNetDescription): string {
  return (
    `class ${d.className} read as a network kept in attributes: weights ${d.weights.join(', ')}; ` +
    `forward ${d.forward}(X), cost ${d.cost}(), gradients ${d.backward}() after ${d.after ?? 'a forward pass'}, ` +
    `labels ${d.labels}; nncheck adds its own L2 (λ/2N·ΣW²) on top`
  );
}

/** How the bridge read init/forward/loss-and-gradients functions as one network (nncheck_fn_net.py). */
export interface FnNetDescription {
  init: string;
  forward: string;
  lossGrads: string;
  output: 'probabilities' | 'log-probabilities' | 'scores';
  labels: 'one-hot' | 'indices';
  reg: string | null;
  seeded: boolean;
}

export function functionsNote(d: FnNetDescription): string {
  const l2 = d.reg ? `λ passed as its ${d.reg} argument` : 'nncheck adds its own L2 (λ/2N·ΣW²), the function has none';
  const probabilities =
    d.output === 'probabilities'
      ? 'probabilities'
      : d.output === 'log-probabilities'
        ? 'log-probabilities (nncheck takes exp)'
        : 'scores (nncheck takes the softmax)';
  return (
    `functions read as one network: ${d.init}(D, H, K${d.seeded ? ', seed' : ''}), ` +
    `${d.forward}(params, X) giving ${probabilities}, ` +
    `${d.lossGrads}(params, X, y) giving (loss, grads) with ${d.labels} labels; ${l2}`
  );
}

/** What the first init_params taught the bridge about the functional contract (nncheck_functional.py). */
export interface FunctionalState {
  keys?: unknown[] | null;
}

/** A note when the functional contract's params are the dict init_params returns. */
export function functionalNote(s: FunctionalState | undefined): string | undefined {
  if (!Array.isArray(s?.keys) || s.keys.length === 0) return undefined;
  return `functional contract read with params as the dict init_params returns (${s.keys.join(', ')})`;
}
