/**
 * The root causes nncheck can name: one typed table shared by the property suites, the
 * gradient checker, the training diagnostics and the diagnosis (which groups findings that
 * share a cause into one defect). A finding's `cause` is one of these ids; the sentence shown
 * to a user is `what`, the place to look is `where`, the remedy is `fix`.
 * Add a cause here (never a free-text cause in a check) and give it a mutant that shows it.
 */
export interface Cause {
  /** What is wrong, in one phrase a reviewer would say. */
  what: string;
  /** Where in the user's code to look. */
  where: string;
  /** How to fix it. */
  fix: string;
}

export const CAUSES = {
  'missing-mean': {
    what: 'gradient not divided by the batch size N (missing 1/N)',
    where: 'gradients / backward pass',
    fix: 'divide the output delta by N: dZ2 = (P − Y) / N, as the loss is a mean over rows',
  },
  'double-mean': {
    what: 'gradient divided by N twice',
    where: 'gradients / backward pass',
    fix: 'divide by N once, at the output delta (P − Y) / N, not again in dW = aᵀ·δ / N',
  },
  'bce-on-softmax': {
    what: 'binary cross-entropy cost on a softmax output',
    where: 'loss / cost function',
    fix: 'use categorical cross-entropy from the logits, −(1/N)·Σ log p_y with log p = z − m − log Σ exp(z − m)',
  },
  'leaky-forward-hard-gradient': {
    what: 'leaky-ReLU forward with a hard-ReLU gradient (0 below zero)',
    where: 'activation derivative',
    fix: 'the derivative below zero is the leaky slope, not 0',
  },
  'global-max-softmax': {
    what: 'softmax subtracts one max for the whole batch',
    where: 'softmax',
    fix: 'subtract each row its own max: z − z.max(axis=1, keepdims=True)',
  },
  'no-max-softmax': {
    what: 'softmax without subtracting the row max (exp overflows)',
    where: 'softmax',
    fix: 'subtract each row its own max before exp',
  },
  'log-after-shift': {
    what: '−log p taken after the softmax (p underflows to 0 and the loss to Inf)',
    where: 'loss / cost function',
    fix: 'compute log-softmax by log-sum-exp: −log p_y = log Σ exp(z − m) − (z_y − m)',
  },
  'clipped-log': {
    what: 'probabilities clipped (or an epsilon added) inside the log',
    where: 'loss / cost function',
    fix: 'compute the loss from logits by log-sum-exp; clipping changes the value at large margins',
  },
  'l2-gradient-mismatch': {
    what: 'the L2 term of the gradient does not match the L2 term of the loss',
    where: 'gradients: regularisation term',
    fix: 'differentiate the penalty the loss adds (λ/(2N)·ΣW² gives λ/N·W; reg·ΣW² gives 2·reg·W)',
  },
  'sign-flip': {
    what: 'gradient with the wrong sign',
    where: 'gradients / backward pass',
    fix: 'the output delta is P − Y, not Y − P',
  },
  'tensor-sign-flip': {
    what: 'gradient with the wrong sign in some tensors, while the others agree',
    where: "gradients: where the named tensors' gradients are formed",
    fix:
      'remove the extra minus where those gradients are formed (e.g. db1 = dz1.sum(axis=0)); ' +
      'the output delta P − Y is right, as the tensors that agree show',
  },
  'relu-mask-mismatch': {
    what: "the ReLU mask in backward is not the forward's (z = X·W1 + b1 > 0)",
    where: "gradients: the hidden layer's ReLU derivative (its mask)",
    fix: 'mask with the pre-activation the forward uses, bias included: dz1 = da1 * (X @ W1 + b1 > 0)',
  },
  'transposed-gradient': {
    what: 'gradient transposed or taken with the operands swapped',
    where: 'gradients / backward pass',
    fix: 'dW = aᵀ·δ has the shape of W',
  },
  'lr-too-high': {
    what: 'learning rate too high for the input scale',
    where: 'training: learning rate / input scaling',
    fix: 'lower the learning rate or standardise the inputs',
  },
  'params-never-updated': {
    what: 'training never updates some parameter tensors',
    where: 'training loop: the update step',
    fix: 'update every tensor: W1 -= lr·dW1 and b1 -= lr·db1 and so on',
  },
  'dead-relu': {
    what: 'ReLU units die (never activate) during training',
    where: 'training: learning rate, input scale or initialisation',
    fix: 'lower the learning rate, standardise the inputs, or use He initialisation',
  },
  'saturated-units': {
    what: 'sigmoid/tanh units saturate and pass almost no gradient',
    where: 'training: input scale or initialisation',
    fix: 'standardise the inputs or scale the initial weights down',
  },
  'symmetric-init': {
    what: 'identical initial weights make identical units',
    where: 'init_params',
    fix: 'initialise weights randomly (Glorot or He)',
  },
  'exploding-gradients': {
    what: 'gradient norms explode during training',
    where: 'training: learning rate',
    fix: 'lower the learning rate or standardise the inputs',
  },
  'vanishing-gradients': {
    what: 'gradient norms vanish during training',
    where: 'training: activation, initialisation or input scale',
    fix: 'use ReLU or a better initialisation; standardise the inputs',
  },
  'training-collapse': {
    what: 'training collapses to near-chance accuracy',
    where: 'training',
    fix: 'see the learning-rate probe: lower the rate or standardise the inputs',
  },
  'mutates-inputs': {
    what: 'a call writes into its arguments',
    where: 'the function named in the finding',
    fix: 'copy before writing (x = x.copy()); never update parameters inside loss()',
  },
  'loss-not-mean': {
    what: 'the loss is summed over the rows instead of averaged',
    where: 'loss / cost function',
    fix: 'divide the summed cross-entropy by N, as the gradient (P − Y)/N assumes',
  },
  'unknown-loss': {
    what: 'the reported loss is not categorical cross-entropy of the outputs',
    where: 'loss / cost function',
    fix: 'with a softmax output report −(1/N) Σ y·log p, the cost the gradient (P − Y)/N descends',
  },
  'derivative-mismatch': {
    what: 'the activation derivative is not the derivative of the forward it is paired with',
    where: 'activation derivative',
    fix: 'differentiate the forward you use (and call the derivative with z or a = f(z), as it expects)',
  },
  'call-timeout': {
    what: 'a call did not return within --timeout',
    where:
      'the function named in the finding: an endless loop, a wait on input, a lock or a promise that never settles',
    fix: 'make it return; if it is only slow, raise the limit with --timeout SECONDS',
  },
  'process-crashed': {
    what: 'the process running the implementation died during a call',
    where: 'the function named in the finding: exit(), os._exit, a native crash or running out of memory',
    fix: "never exit from library code; read the process's last output in the finding",
  },
  'layer-backward': {
    what: "a layer's backward disagrees with its own forward",
    where: 'the class named in the finding: backward()',
    fix: 'derive backward from forward: dinputs = dvalues · ∂output/∂inputs (and dweights, dbiases likewise)',
  },
  'softmax-jvp': {
    what: 'the softmax backward is not the Jacobian-vector product (diag(p) − p·pᵀ)·dvalues',
    where: 'the softmax activation class: backward()',
    fix: 'per row: dinputs = p ⊙ (dvalues − Σ_j p_j·dvalues_j)',
  },
  'label-format-branch': {
    what: 'sparse and one-hot labels give different results: only one branch is handled',
    where: 'the loss or fused softmax + loss class: forward() / backward() label handling',
    fix: 'convert once at the top (if y.ndim == 2: y = y.argmax(axis=1)) and use one code path',
  },
  'fused-vs-pair': {
    what: 'the fused softmax + cross-entropy backward differs from the softmax and loss backward chained',
    where: 'the fused class or the separate softmax / loss classes',
    fix: 'the fused gradient is (p − y)/N; check which side also fails its own finite-difference check',
  },
  'optimizer-rule': {
    what: "the optimizer's update follows none of the rules it could claim",
    where: 'the optimizer class named in the finding: update_params()',
    fix: 'compare one step by hand with the rule (the finding gives the step, the entry, the expected value)',
  },
  'lr-decay-step': {
    what: 'learning-rate decay applied at the wrong step (the rate for step t uses t ± 1)',
    where: 'the optimizer: pre_update_params() / post_update_params()',
    fix: 'in pre_update_params: lr_t = lr / (1 + decay·iterations), with iterations incremented in post_update_params',
  },
  'lr-decay-compounded': {
    what: 'learning-rate decay compounded onto the already decayed rate',
    where: 'the optimizer: pre_update_params()',
    fix: 'decay from the initial rate: current_learning_rate = learning_rate / (1 + decay·iterations)',
  },
  'lr-decay-ignored': {
    what: 'the decay argument never changes the learning rate',
    where: 'the optimizer: pre_update_params() or update_params() using learning_rate instead of current_learning_rate',
    fix: 'update with current_learning_rate, set in pre_update_params',
  },
  'momentum-sign': {
    what: 'momentum applied with the wrong sign',
    where: 'the SGD optimizer: update_params()',
    fix:
      'weight_updates = momentum·weight_momentums − lr·dweights; ' +
      'weight_momentums = weight_updates; weights += weight_updates',
  },
  'momentum-not-kept': {
    what: 'the momentum is never kept between steps (plain SGD)',
    where: 'the SGD optimizer: update_params()',
    fix: 'store the update on the layer (layer.weight_momentums = weight_updates) and use it at the next step',
  },
  'adam-no-bias-correction': {
    what: "Adam's moments used without bias correction",
    where: 'the Adam optimizer: update_params()',
    fix: 'divide m by (1 − β1^(t+1)) and v by (1 − β2^(t+1)), t the steps already taken',
  },
  'adam-bias-correction-step': {
    what: "Adam's bias correction uses the wrong step count",
    where: 'the Adam optimizer: update_params()',
    fix: 'use iterations + 1 in 1 − β^(iterations + 1) when iterations counts the steps already taken',
  },
  'training-nan': {
    what: 'the loss or the parameters become NaN/Inf during training',
    where: 'training: learning rate, or an exp/log that overflows',
    fix: 'lower the learning rate or standardise the inputs; compute softmax and its log stably',
  },
  'large-init': {
    what: 'initial weights too large (the initial loss is far above log K)',
    where: 'init_params',
    fix: 'scale the initial weights by √(2/fan_in) (He) or √(6/(fan_in+fan_out)) (Glorot)',
  },
  'activation-mismatch': {
    what: 'the declared activation is not the one the hidden layer computes',
    where: 'the ACTIVATION constant (or --activation) and the forward pass',
    fix: 'declare the function the code computes, or make the forward pass compute the declared one',
  },
  'train-raises': {
    what: 'train() raises before it finishes',
    where: 'train(): the traceback points at the line',
    fix: 'finish the training loop so that it runs to the end (see the traceback)',
  },
  'train-signature-unmapped': {
    what: 'train() asks for an argument nncheck cannot supply',
    where: 'the signature of train()',
    fix:
      'give that parameter a default, or name it as the classic ones ' +
      '(X, y, X_val, y_val, learning_rate, num_iters or epochs)',
  },
  'loss-rises': {
    what: 'the training loop ends with a higher loss than it started with',
    where: 'train(): the update step (its sign) or the learning rate',
    fix: 'step against the gradient (p -= lr·grad) with a rate the loss falls under',
  },
  'lr-too-low': {
    what: 'learning rate too low for the training budget',
    where: 'training: the default learning rate',
    fix: 'raise the default learning rate (the probe shows one that works) or train for longer',
  },
} as const satisfies Record<string, Cause>;

export type CauseId = keyof typeof CAUSES;

export const isCauseId = (s: string): s is CauseId => Object.hasOwn(CAUSES, s);
