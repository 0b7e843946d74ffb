/**
 * The update rules optimizers claim, elementwise on θ (weights and biases laid end to end), and
 * the classic ways code deviates from them. A variant is the rule (cause null), a different but
 * self-consistent convention (convention: true, info), or a named defect (a cause id).
 */
export type OptimizerKind = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';

export interface Hyper {
  learning_rate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  beta_1: number;
  beta_2: number;
  rho: number;
}

export interface Variant {
  name: string;
  cause: string | null;
  convention?: boolean;
}

/** Learning rate at step t (0-based), given the previous one. */
type Schedule = (lr: number, decay: number, t: number, prev: number) => number;

export const SCHEDULES: Record<string, Variant & { lr: Schedule }> = {
  exact: { name: 'lr/(1 + decay·t) with t the steps already taken', cause: null, lr: (lr, d, t) => lr / (1 + d * t) },
  early: {
    name: 'decay applied before the first step (t counted from 1)',
    cause: 'lr-decay-step',
    lr: (lr, d, t) => lr / (1 + d * (t + 1)),
  },
  late: {
    name: 'decay lagging one step (the rate for step t computed after it)',
    cause: 'lr-decay-step',
    lr: (lr, d, t) => lr / (1 + d * Math.max(0, t - 1)),
  },
  compounded: {
    name: 'decay compounded onto the already decayed rate',
    cause: 'lr-decay-compounded',
    lr: (_lr, d, t, prev) => prev / (1 + d * t),
  },
  none: { name: 'decay never applied', cause: 'lr-decay-ignored', lr: (lr) => lr },
};

/** Per-entry state and one step: θ, g, the rate for this step, t (0-based), hyperparameters. */
interface State {
  m: number;
  v: number;
  u: number;
}
type Step = (theta: number, g: number, lr: number, t: number, h: Hyper, s: State) => number;

const sqrtPlusEps = (v: number, h: Hyper) => Math.sqrt(v) + h.epsilon;
const sqrtOfEps = (v: number, h: Hyper) => Math.sqrt(v + h.epsilon);

export const RULES: Record<OptimizerKind, Record<string, Variant & { step: Step }>> = {
  sgd: {
    rule: {
      name: 'u = momentum·u − lr·g; θ += u',
      cause: null,
      step: (th, g, lr, _t, h, s) => {
        s.u = h.momentum * s.u - lr * g;
        return th + s.u;
      },
    },
    torch: {
      name: 'v = momentum·v + g; θ −= lr·v (the PyTorch form)',
      cause: null,
      convention: true,
      step: (th, g, lr, _t, h, s) => {
        s.v = h.momentum * s.v + g;
        return th - lr * s.v;
      },
    },
    sign: {
      name: 'momentum term subtracted: u = −momentum·u − lr·g',
      cause: 'momentum-sign',
      step: (th, g, lr, _t, h, s) => {
        s.u = -h.momentum * s.u - lr * g;
        return th + s.u;
      },
    },
    ascent: {
      name: 'gradient added: u = momentum·u + lr·g',
      cause: 'momentum-sign',
      step: (th, g, lr, _t, h, s) => {
        s.u = h.momentum * s.u + lr * g;
        return th + s.u;
      },
    },
    forgotten: {
      name: 'momentum never kept between steps',
      cause: 'momentum-not-kept',
      step: (th, g, lr) => th - lr * g,
    },
  },
  adagrad: {
    rule: {
      name: 'c += g²; θ −= lr·g/(√c + ε)',
      cause: null,
      step: (th, g, lr, _t, h, s) => {
        s.v += g * g;
        return th - (lr * g) / sqrtPlusEps(s.v, h);
      },
    },
    epsInside: {
      name: 'ε inside the square root',
      cause: null,
      convention: true,
      step: (th, g, lr, _t, h, s) => {
        s.v += g * g;
        return th - (lr * g) / sqrtOfEps(s.v, h);
      },
    },
  },
  rmsprop: {
    rule: {
      name: 'c = ρ·c + (1 − ρ)·g²; θ −= lr·g/(√c + ε)',
      cause: null,
      step: (th, g, lr, _t, h, s) => {
        s.v = h.rho * s.v + (1 - h.rho) * g * g;
        return th - (lr * g) / sqrtPlusEps(s.v, h);
      },
    },
    epsInside: {
      name: 'ε inside the square root',
      cause: null,
      convention: true,
      step: (th, g, lr, _t, h, s) => {
        s.v = h.rho * s.v + (1 - h.rho) * g * g;
        return th - (lr * g) / sqrtOfEps(s.v, h);
      },
    },
  },
  adam: {
    rule: {
      name: 'm̂ = m/(1 − β1^(t+1)), v̂ = v/(1 − β2^(t+1)); θ −= lr·m̂/(√v̂ + ε)',
      cause: null,
      step: adam((t) => t + 1, sqrtPlusEps),
    },
    epsInside: { name: 'ε inside the square root', cause: null, convention: true, step: adam((t) => t + 1, sqrtOfEps) },
    kingma: {
      name: 'the corrections folded into the rate: lr·√(1 − β2^(t+1))/(1 − β1^(t+1))·m/(√v + ε)',
      cause: null,
      convention: true,
      step: (th, g, lr, t, h, s) => {
        moments(g, h, s);
        return (
          th -
          (((lr * Math.sqrt(1 - h.beta_2 ** (t + 1))) / (1 - h.beta_1 ** (t + 1))) * s.m) / (Math.sqrt(s.v) + h.epsilon)
        );
      },
    },
    uncorrected: {
      name: 'no bias correction: m and v used as they are',
      cause: 'adam-no-bias-correction',
      step: adam(() => 0, sqrtPlusEps, true),
    },
    stepT: {
      name: 'bias correction with β^t (the step count before incrementing: 1 − β^0 = 0 at the first step)',
      cause: 'adam-bias-correction-step',
      step: adam((t) => t, sqrtPlusEps),
    },
    stepT2: {
      name: 'bias correction with β^(t+2) (the step count incremented twice)',
      cause: 'adam-bias-correction-step',
      step: adam((t) => t + 2, sqrtPlusEps),
    },
  },
};

function moments(g: number, h: Hyper, s: State): void {
  s.m = h.beta_1 * s.m + (1 - h.beta_1) * g;
  s.v = h.beta_2 * s.v + (1 - h.beta_2) * g * g;
}

function adam(power: (t: number) => number, denom: (v: number, h: Hyper) => number, raw = false): Step {
  return (th, g, lr, t, h, s) => {
    moments(g, h, s);
    const mHat = raw ? s.m : s.m / (1 - h.beta_1 ** power(t)),
      vHat = raw ? s.v : s.v / (1 - h.beta_2 ** power(t));
    return th - (lr * mHat) / denom(vHat, h);
  };
}

/** θ after each of grads.length steps under a rule variant and a learning-rate schedule. */
export function simulate(
  step: Step,
  schedule: Schedule,
  h: Hyper,
  theta0: Float64Array,
  grads: Float64Array[],
): Float64Array[] {
  const states: State[] = Array.from(theta0, () => ({ m: 0, v: 0, u: 0 }));
  let theta = theta0.slice(),
    lr = h.learning_rate;
  const out: Float64Array[] = [];
  grads.forEach((g, t) => {
    lr = schedule(h.learning_rate, h.decay, t, lr);
    const rate = lr;
    theta = theta.map((th, i) => step(th, g[i], rate, t, h, states[i]));
    out.push(theta);
  });
  return out;
}
