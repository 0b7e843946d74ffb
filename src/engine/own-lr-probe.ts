import type { NetworkImplementation, OwnTrainer } from '../impl/implementation.ts';
import { runOwn, type OwnRun, type TrainData } from './own-train.ts';
import { LEARNING_RATES } from '../nn/learning-rates.ts';

export interface OwnRateTry {
  lr: number;
  testAccuracy: number;
  finite: boolean;
  loss?: number;
  raised?: string;
}

export interface OwnLrProbe {
  budget: number | null;
  budgetName: string | null;
  /** The default rate: from the signature, or read off the tried rate whose run it reproduces exactly. */
  defaultLr: number | null;
  atDefault: OwnRateTry;
  tried: OwnRateTry[];
  best: OwnRateTry;
  /** Rates not tried because the time budget ran out. */
  skipped: number[];
  /** "train() reaches 10% at its default rate (0.5); 94% at lr 0.005 (epochs = 10)". */
  sentence: string;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const asTry = (r: OwnRun, lr: number): OwnRateTry =>
  r.ok
    ? { lr, testAccuracy: r.finite ? r.testAccuracy : 0, finite: r.finite, loss: r.loss }
    : { lr, testAccuracy: 0, finite: false, raised: r.error.message };

/**
 * Drives the user's OWN train() with explicit learning rates (their loop, their budget
 * parameter, their batches) and says what it reached at each: the numbers a cause is taken from.
 */
export async function probeOwnRates(
  impl: NetworkImplementation,
  trainer: OwnTrainer,
  d: TrainData,
  budget: number | null,
  atDefault: OwnRun,
  timeBudgetMs: number,
): Promise<OwnLrProbe> {
  const t0 = performance.now();
  const defaultLr = trainer.rate?.default ?? null;
  const rates = [...new Set([...LEARNING_RATES.probeSweep, ...(defaultLr !== null ? [defaultLr] : [])])].sort(
    (a, b) => b - a,
  );
  const tried: OwnRateTry[] = [];
  const skipped: number[] = [];
  for (const lr of rates) {
    if (defaultLr === lr && atDefault.budget === budget) {
      tried.push(asTry(atDefault, lr));
      continue;
    }
    if (performance.now() - t0 + atDefault.ms > timeBudgetMs) {
      skipped.push(lr);
      continue;
    }
    tried.push(asTry(await runOwn(impl, trainer, d, budget, lr), lr));
  }
  // A default hidden in the body (lr=None) is read off the run it reproduces bit for bit.
  const same =
    defaultLr === null && atDefault.ok && atDefault.finite
      ? tried.find((t) => t.finite && t.loss === atDefault.loss)
      : undefined;
  const readLr = defaultLr ?? same?.lr ?? null;
  const def = { ...asTry(atDefault, readLr ?? NaN) };
  const best = tried.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a), def as OwnRateTry);
  const where = budget !== null && trainer.budget ? ` (${trainer.budget.name} = ${budget})` : '';
  const atDef = def.finite ? `reaches ${pct(def.testAccuracy)}` : def.raised ? 'raises' : 'diverges (NaN/Inf)';
  const shownLr = defaultLr !== null ? ` (${defaultLr})` : same ? ` (it behaves exactly as lr ${same.lr})` : '';
  const sentence =
    `train() ${atDef} at its default rate${shownLr}; ` +
    (best === def ? 'no rate tried does better' : `${pct(best.testAccuracy)} at lr ${best.lr}`) +
    where +
    `; tried ${tried.map((t) => `${t.lr}: ${t.finite ? pct(t.testAccuracy) : 'NaN'}`).join(', ')}` +
    (skipped.length ? `; not tried for time: ${skipped.join(', ')}` : '');
  return {
    budget,
    budgetName: trainer.budget?.name ?? null,
    defaultLr: readLr,
    atDefault: def,
    tried,
    best,
    skipped,
    sentence,
  };
}
