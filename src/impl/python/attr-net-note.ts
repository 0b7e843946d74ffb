/** How the bridge read a network kept in a class's attributes (nncheck_attr_net.py). */
export interface AttrNetDescription {
  className: string;
  weights: string[];
  forward: string;
  cost: string;
  backward: string;
  labels: 'one-hot' | 'indices';
}

/** The note saying which methods and attributes stand for what, so a misreading shows. */
export function attributesNote(d: AttrNetDescription): string {
  return (
    `class ${d.className} read as a network kept in attributes: weights ${d.weights.join(', ')}; ` +
    `forward ${d.forward}(X), cost ${d.cost}(), gradients ${d.backward}() after a forward pass, ` +
    `labels ${d.labels}; nncheck adds its own L2 (λ/2N·ΣW²) on top`
  );
}
