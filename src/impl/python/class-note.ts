/** How a Python network class was read (bridge.py's hello: className, classContract), for the notes. */
export function classNote(h: Record<string, unknown>): string {
  const name = String(h.className);
  if (h.classContract === 'book')
    return (
      `class ${name} read as the "Deep Learning from Scratch" contract (params, predict(x), loss(x, t), ` +
      "gradient(x, t), t one-hot): forward probabilities are nncheck's softmax of the scores predict(x) returns; " +
      (h.ownL2
        ? 'L2 through its weight_decay_lambda'
        : 'the class has no L2 (no weight_decay_lambda), so λ/(2N)·ΣW² is added by nncheck')
    );
  const reg = h.regOnInstance
    ? "; λ set as the instance's reg attribute (its loss(X, y=None) takes no reg): the L2 is the class's own"
    : '';
  return `class ${name}: forward probabilities are nncheck's softmax of the scores loss(X) returns${reg}`;
}
