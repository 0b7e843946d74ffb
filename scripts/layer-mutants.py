"""Writes fixtures/layers/mutants/*.py: the correct layer-style file with one classic bug each.
Run from the repository root: python3 scripts/layer-mutants.py (the outputs are committed)."""
import os

HERE = "fixtures/layers"
MUTANTS = {
    # name: (source, [(old, new)], the class and the cause nncheck must name)
    "relu_inplace": ("nnfs_correct.py", [(
        "        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs <= 0] = 0",
        "        self.dinputs = dvalues\n        self.dinputs[self.inputs <= 0] = 0")]),
    "fused_inplace": ("nnfs_correct.py", [(
        "        self.dinputs = dvalues.copy()\n        self.dinputs[range(samples), y_true] -= 1",
        "        self.dinputs = dvalues\n        self.dinputs[range(samples), y_true] -= 1")]),
    "softmax_jvp": ("nnfs_correct.py", [("            single_output = single_output.reshape(-1, 1)\n", "")]),
    "fused_no_mean": ("nnfs_correct.py", [(
        "        self.dinputs[range(samples), y_true] -= 1\n        self.dinputs = self.dinputs / samples",
        "        self.dinputs[range(samples), y_true] -= 1")]),
    "fused_sparse_only": ("nnfs_correct.py", [(
        "        if len(y_true.shape) == 2:\n"
        "            y_true = np.argmax(y_true, axis=1)\n"
        "        self.dinputs = dvalues.copy()",
        "        self.dinputs = dvalues.copy()")]),
    "loss_onehot_only": ("nnfs_correct.py", [(
        "        if len(y_true.shape) == 1:\n            y_true = np.eye(labels)[y_true]\n", "")]),
    "dense_double_mean": ("nnfs_correct.py", [(
        "        self.dweights = np.dot(self.inputs.T, dvalues)\n",
        "        self.dweights = np.dot(self.inputs.T, dvalues) / len(dvalues)\n")]),
    "float32_softmax_jvp": ("nnfs_float32.py", [("            single_output = single_output.reshape(-1, 1)\n", "")]),
    "float32_relu_inplace": ("nnfs_float32.py", [(
        "        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs <= 0] = 0",
        "        self.dinputs = dvalues\n        self.dinputs[self.inputs <= 0] = 0")]),
}

PRE = ("    def pre_update_params(self):\n        if self.decay:\n"
       "            self.current_learning_rate = self.learning_rate * (1. / (1. + self.decay * self.iterations))\n")
POST = "    def post_update_params(self):\n        self.iterations += 1"
ADAM_CORRECTED = [("%s_corrected = layer.%s / (1 - self.beta_%d ** (self.iterations + 1))"
                   % (n, n.replace("weight_", "weight_").replace("bias_", "bias_"), k),
                   "%s_corrected = layer.%s" % (n, n)) for n, k in
                  [("weight_momentums", 1), ("bias_momentums", 1), ("weight_cache", 2), ("bias_cache", 2)]]
# Optimizer mutants: edits scoped to one class (text from "class NAME" to the next class).
SCOPED = {
    "sgd_decay_late": ("nnfs_correct.py", "Optimizer_SGD", [
        (PRE, "    def pre_update_params(self):\n        pass\n"),
        (POST, POST.replace("        self.iterations", PRE.split(":\n", 1)[1] + "        self.iterations"))]),
    "sgd_decay_compounded": ("nnfs_correct.py", "Optimizer_SGD", [
        ("self.current_learning_rate = self.learning_rate * (1.",
         "self.current_learning_rate = self.current_learning_rate * (1.")]),
    "sgd_momentum_sign": ("nnfs_correct.py", "Optimizer_SGD", [
        ("weight_updates = self.momentum * layer.weight_momentums",
         "weight_updates = -self.momentum * layer.weight_momentums")]),
    "sgd_momentum_forgotten": ("nnfs_correct.py", "Optimizer_SGD", [
        ("            layer.weight_momentums = weight_updates\n", "")]),
    "adam_no_bias_correction": ("nnfs_correct.py", "Optimizer_Adam", ADAM_CORRECTED),
    "adam_step_count": ("nnfs_correct.py", "Optimizer_Adam", [
        (a, a.replace("(self.iterations + 1))", "self.iterations)")) for a, _ in ADAM_CORRECTED]),
    "float32_adam_no_bias_correction": ("nnfs_float32.py", "Optimizer_Adam", ADAM_CORRECTED),
}

def scoped(text, cls, edits):
    start = text.index("class %s" % cls)
    end = text.find("\nclass ", start + 1)
    end = len(text) if end < 0 else end
    part = text[start:end]
    for old, new in edits:
        assert part.count(old) == 1, (cls, old)
        part = part.replace(old, new)
    return text[:start] + part + text[end:]


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
    for name, (source, cls, edits) in SCOPED.items():
        text = scoped(open(os.path.join(HERE, source)).read(), cls, edits)
        text = text.replace('Correct. Declares nothing', 'Mutant "%s" of %s. Declares nothing' % (name, source), 1)
        with open(os.path.join(HERE, "mutants", name + ".py"), "w") as fh:
            fh.write(text)
        print("wrote", name)
