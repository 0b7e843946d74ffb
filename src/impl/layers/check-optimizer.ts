import { type Matrix, zeros } from '../../core/matrix.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import { LEARNING_RATES } from '../../nn/learning-rates.ts';
import { createRng } from '../../random/rng.ts';
import type { LayerModule } from './layer-module.ts';
import { RULES, SCHEDULES, simulate, type Hyper, type OptimizerKind } from './optimizer-rules.ts';
import { precisionUnit } from './vjp.ts';

/** Values nncheck passes to the constructor (when it takes them): large enough to tell variants apart. */
const CHOSEN: Partial<Hyper> = { learning_rate: LEARNING_RATES.optimizerCheck, decay: 0.1, momentum: 0.9 };
const FALLBACK: Hyper = {
  learning_rate: 1,
  decay: 0,
  momentum: 0,
  epsilon: 1e-7,
  beta_1: 0.9,
  beta_2: 0.999,
  rho: 0.9,
};
export const OPTIMIZER_STEPS = 4;

export interface OptimizerVerdict {
  /** 'rule' (passes), a convention (info) or a defect (cause), or 'unknown' when no variant fits. */
  verdict: 'pass' | 'convention' | 'defect' | 'unknown';
  part: 'weights' | 'biases';
  rule: string;
  schedule: string;
  cause: string | null;
  hyper: Hyper;
  /** The first entry where the user's θ left the rule: step, index, got, expected. */
  first?: { step: number; index: number; got: number; expected: number; tolerance: number };
}

const flat = (W: Matrix, b: Matrix) => Float64Array.from([...W.data, ...b.data]);

/** One run of update_params (with pre/post where present) over OPTIMIZER_STEPS generated gradients. */
export async function checkOptimizer(
  mod: LayerModule,
  cls: string,
  kind: OptimizerKind,
  size: { D: number; K: number; seed: number },
): Promise<OptimizerVerdict> {
  const rng = createRng(`optimizers/${cls}/${size.seed}`);
  const m = (r: number, c: number, s: number) => {
    const x = zeros(r, c);
    x.data.forEach((_, i) => {
      x.data[i] = s * rng.normal();
    });
    return x;
  };
  const W = m(size.D, size.K, 1),
    b = m(1, size.K, 0.3);
  const grads: [Matrix, Matrix][] = Array.from({ length: OPTIMIZER_STEPS }, () => [
    m(size.D, size.K, 1),
    m(1, size.K, 1),
  ]);
  const defaults = mod.info.optimizerHyper[cls] ?? {};
  const sent = Object.fromEntries(
    Object.entries(CHOSEN).filter(([k]) => k in defaults && !(k === 'momentum' && kind !== 'sgd')),
  );
  const run = await mod.optimizer(cls, sent, W, b, grads);
  const hyper: Hyper = { ...FALLBACK, ...defaults, ...run.hyper };
  const got = run.states.map(([w, bb]) => flat(w, bb));
  const theta0 = flat(W, b),
    g = grads.map(([gw, gb]) => flat(gw, gb));
  const u = precisionUnit(run.dtype);
  const part = (name: 'weights' | 'biases', lo: number, hi: number) =>
    judge(
      name,
      hyper,
      kind,
      theta0.slice(lo, hi),
      g.map((x) => x.slice(lo, hi)),
      got.map((x) => x.slice(lo, hi)),
      u,
    );
  const parts = [part('weights', 0, W.data.length), part('biases', W.data.length, theta0.length)];
  const rank = { unknown: 0, defect: 1, convention: 2, pass: 3 } as const;
  return parts.sort((a, b) => rank[a.verdict] - rank[b.verdict])[0];
}

/** The variant (rule × schedule) that explains one part's steps: the rule, a convention, a defect, or none. */
function judge(
  part: 'weights' | 'biases',
  hyper: Hyper,
  kind: OptimizerKind,
  theta0: Float64Array,
  g: Float64Array[],
  got: Float64Array[],
  u: number,
): OptimizerVerdict {
  const fits: OptimizerVerdict[] = [];
  let miss: OptimizerVerdict | undefined;
  for (const [rk, rule] of Object.entries(RULES[kind])) {
    for (const [sk, sch] of Object.entries(SCHEDULES)) {
      const first = firstDeparture(got, simulate(rule.step, sch.lr, hyper, theta0, g), theta0, u);
      if (first) {
        if (rk === 'rule' && sk === 'exact')
          miss = {
            verdict: 'unknown',
            part,
            rule: rule.name,
            schedule: sch.name,
            cause: 'optimizer-rule',
            hyper,
            first,
          };
        continue;
      }
      const cause = rule.cause ?? sch.cause;
      fits.push({
        verdict: cause ? 'defect' : rule.convention ? 'convention' : 'pass',
        part,
        rule: rule.name,
        schedule: sch.name,
        cause,
        hyper,
      });
    }
  }
  // The rule itself first, then a convention, then the defect that explains the numbers.
  return (
    fits.find((c) => c.verdict === 'pass') ??
    fits.find((c) => c.verdict === 'convention') ??
    fits.find((c) => c.verdict === 'defect') ??
    miss!
  );
}

function firstDeparture(got: Float64Array[], want: Float64Array[], theta0: Float64Array, u: number) {
  const travelled = new Float64Array(theta0.length);
  for (let t = 0; t < want.length; t++) {
    for (let i = 0; i < theta0.length; i++) {
      const prev = t === 0 ? theta0[i] : want[t - 1][i];
      travelled[i] += Math.abs(want[t][i] - prev);
      const tol = TOLERANCES.optimizerStep(u, t + 1, Math.abs(want[t][i]) + travelled[i]);
      const a = got[t]?.[i],
        e = want[t][i];
      const same = (Number.isNaN(a) && Number.isNaN(e)) || a === e || Math.abs(a - e) <= tol;
      if (!same) return { step: t, index: i, got: a, expected: e, tolerance: tol };
    }
  }
  return undefined;
}
