import type { Matrix } from '../core/matrix.ts';
import type { Dataset } from '../data/dataset.ts';
import { oneHot } from '../data/dataset.ts';
import { accuracyOf } from '../nn/train.ts';
import type { NetworkImplementation, OwnTrainer } from '../impl/implementation.ts';
import { THRESHOLDS } from '../diagnostics/thresholds.ts';

/** The data the user's own loop is judged on: a split, named, with the scaling said. */
export interface TrainData {
  /** e.g. "digits" or "my.csv". */
  name: string;
  scaling: 'raw' | 'standardised';
  train: Dataset;
  test: Dataset;
  K: number;
}

export type OwnRun =
  | {
      ok: true;
      budget: number | null;
      lr: number | null;
      ms: number;
      initial: Matrix[] | null;
      final: Matrix[];
      finite: boolean;
      loss: number;
      trainAccuracy: number;
      testAccuracy: number;
      sideEffects: string[];
    }
  | { ok: false; budget: number | null; lr: number | null; ms: number; error: Error & { detail?: string } };

/** Hidden units given to the user's loop (the class constructor's hidden_size, or train's H). */
export const OWN_HIDDEN = 64;
/** Budget for a module function whose budget has no default (the contract's epochs). */
export const FIRST_EPOCHS = 10;

/** The user's train() when written to the module contract train(X, Y, H, epochs, lr, lam, seed) in TS/JS. */
export function trainerOf(impl: NetworkImplementation): OwnTrainer | undefined {
  if (impl.ownTrainer) return impl.ownTrainer;
  const train = impl.train;
  if (!train) return undefined;
  return {
    signature: 'train(X, Y, H, epochs, lr, lam, seed)',
    budget: { name: 'epochs', default: null },
    rate: { name: 'lr', default: null },
    notes: [],
    run: async (c) => ({
      initial: null,
      final: await train(c.X, c.Y, c.H, c.budget ?? FIRST_EPOCHS, c.lr, 0, c.seed),
      sideEffects: [],
    }),
  };
}

const finiteAll = (ms: Matrix[]) => ms.every((m) => m.data.every(Number.isFinite));

/** One run of the user's loop from scratch, measured: its loss, accuracies and side effects. Never throws. */
export async function runOwn(
  impl: NetworkImplementation,
  trainer: OwnTrainer,
  d: TrainData,
  budget: number | null,
  lr: number | null,
  seed = 0,
): Promise<OwnRun> {
  const t0 = performance.now();
  const Y = oneHot(d.train.labels, d.K);
  try {
    const r = await trainer.run({
      X: d.train.X,
      Y,
      Xval: d.test.X,
      Yval: oneHot(d.test.labels, d.K),
      H: OWN_HIDDEN,
      budget,
      lr,
      seed,
    });
    const ms = performance.now() - t0;
    const ran = { ok: true as const, budget, lr, ms, initial: r.initial, final: r.final, sideEffects: r.sideEffects };
    if (!finiteAll(r.final)) return { ...ran, finite: false, loss: NaN, trainAccuracy: 0, testAccuracy: 0 };
    const loss = await impl.loss(r.final, d.train.X, Y, 0);
    return {
      ...ran,
      finite: Number.isFinite(loss),
      loss,
      trainAccuracy: accuracyOf(await impl.forward(r.final, d.train.X), d.train.labels),
      testAccuracy: accuracyOf(await impl.forward(r.final, d.test.X), d.test.labels),
    };
  } catch (e) {
    return { ok: false, budget, lr, ms: performance.now() - t0, error: e as Error };
  }
}

export interface Escalation {
  runs: OwnRun[];
  /** Why escalation stopped, in words. */
  stopped: string;
  timeBudgetMs: number;
}

/** The largest multiple of the first budget tried. */
export const MAX_BUDGET_FACTOR = 64;

/**
 * Gives the loop enough updates: runs it at its first budget, then at twice that and so on
 * while its loss is still falling, it has not yet reached `target` test accuracy, and the
 * next run (about twice the last) fits in the time budget. A loop without a budget parameter
 * runs once, at its defaults.
 */
export async function escalate(
  impl: NetworkImplementation,
  trainer: OwnTrainer,
  d: TrainData,
  target: number,
  timeBudgetMs: number,
  lr: number | null = null,
): Promise<Escalation> {
  const first = trainer.budget ? (trainer.budget.default ?? FIRST_EPOCHS) : null;
  const runs: OwnRun[] = [];
  const t0 = performance.now();
  let budget = first;
  for (;;) {
    const r = await runOwn(impl, trainer, d, budget, lr);
    runs.push(r);
    const prev = runs[runs.length - 2];
    if (!r.ok) return { runs, stopped: 'train() raised', timeBudgetMs };
    if (!r.finite) return { runs, stopped: 'the loss or the parameters became NaN/Inf', timeBudgetMs };
    if (budget === null || first === null)
      return { runs, stopped: `train() has no budget parameter: run once at its defaults`, timeBudgetMs };
    if (r.testAccuracy >= target)
      return { runs, stopped: `reached ${(100 * r.testAccuracy).toFixed(1)}% test accuracy`, timeBudgetMs };
    if (prev?.ok && prev.finite && !(r.loss < prev.loss * (1 - THRESHOLDS.ownStillFalling)))
      return {
        runs,
        stopped:
          `the loss stopped falling (${prev.loss.toPrecision(4)} at ${prev.budget}, ` +
          `${r.loss.toPrecision(4)} at ${budget})`,
        timeBudgetMs,
      };
    if (budget >= first * MAX_BUDGET_FACTOR)
      return { runs, stopped: `reached ${MAX_BUDGET_FACTOR}× the first budget`, timeBudgetMs };
    if (performance.now() - t0 + 2.2 * r.ms > timeBudgetMs)
      return { runs, stopped: `the next budget would not fit in ${(timeBudgetMs / 1000).toFixed(0)} s`, timeBudgetMs };
    budget *= 2;
  }
}
