"""Writes fixtures/layers/mutants/*.py: the correct layer-style file with one classic bug each.
Run from the repository root: python3 scripts/layer-mutants.py (the outputs are committed)."""
import os

HERE = "fixtures/layers"
MUTANTS = {
    # name: (source, [(old, new)], the class and the cause nncheck must name)
    "relu_inplace": ("nnfs_correct.py", [("        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs <= 0] = 0",
                                          "        self.dinputs = dvalues\n        self.dinputs[self.inputs <= 0] = 0")]),
    "softmax_jvp": ("nnfs_correct.py", [("            single_output = single_output.reshape(-1, 1)\n", "")]),
    "fused_no_mean": ("nnfs_correct.py", [("        self.dinputs[range(samples), y_true] -= 1\n        self.dinputs = self.dinputs / samples",
                                           "        self.dinputs[range(samples), y_true] -= 1")]),
    "fused_sparse_only": ("nnfs_correct.py", [("        if len(y_true.shape) == 2:\n            y_true = np.argmax(y_true, axis=1)\n        self.dinputs = dvalues.copy()",
                                               "        self.dinputs = dvalues.copy()")]),
    "loss_onehot_only": ("nnfs_correct.py", [("        if len(y_true.shape) == 1:\n            y_true = np.eye(labels)[y_true]\n", "")]),
    "dense_double_mean": ("nnfs_correct.py", [("        self.dweights = np.dot(self.inputs.T, dvalues)\n",
                                               "        self.dweights = np.dot(self.inputs.T, dvalues) / len(dvalues)\n")]),
    "float32_softmax_jvp": ("nnfs_float32.py", [("            single_output = single_output.reshape(-1, 1)\n", "")]),
    "float32_relu_inplace": ("nnfs_float32.py", [("        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs <= 0] = 0",
                                                  "        self.dinputs = dvalues\n        self.dinputs[self.inputs <= 0] = 0")]),
}

if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "mutants"), exist_ok=True)
    for name, (source, edits) in MUTANTS.items():
        text = open(os.path.join(HERE, source)).read()
        for old, new in edits:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        text = text.replace('Correct. Declares nothing', 'Mutant "%s" of %s. Declares nothing' % (name, source), 1)
        with open(os.path.join(HERE, "mutants", name + ".py"), "w") as fh:
            fh.write(text)
        print("wrote", name)
