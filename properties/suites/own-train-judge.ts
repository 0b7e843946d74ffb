/** How the own-train suite words its findings: verdicts, the causes read off the probe, "learns". */
import type { Finding, Severity, Verdict } from '../../src/findings/finding.ts';
import { finding, type FindingInit } from '../../src/findings/build.ts';
import type { CauseId } from '../../src/findings/causes.ts';
import type { OwnRun, TrainData } from '../../src/engine/own-train.ts';
import type { OwnLrProbe } from '../../src/engine/own-lr-probe.ts';
import { THRESHOLDS as T } from '../../src/diagnostics/thresholds.ts';

export const SUITE = 'own-train';
export const relu0 = (a: string) => a === 'relu' || a === 'leaky_relu';
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
export type Ok = Extract<OwnRun, { ok: true }>;

/** What an own-train finding adds to its outcome and message. */
type Extra = Omit<FindingInit, 'id' | 'suite' | 'property' | 'verdict' | 'severity' | 'message'>;

/** A pass or skip keeps only an info severity (a note); a failure keeps the severity given. */
export function f(
  property: OwnTrainCheck,
  verdict: Verdict,
  severity: Severity,
  message: string,
  extra: Extra = {},
): Finding {
  const rated =
    verdict === 'pass' || verdict === 'skip'
      ? { verdict, severity: severity === 'info' ? ('info' as const) : ('none' as const) }
      : { verdict, severity };
  return finding({ id: OWN_TRAIN_IDS[property], suite: SUITE, property, ...rated, message, ...extra });
}

export const P = {
  runs: 'train() runs to the end with the arguments its signature asks for',
  finite: 'train() keeps the loss and the parameters finite',
  falls: 'train() ends with a lower loss than it starts with',
  updates: 'train() updates every parameter tensor',
  alive: 'train() does not collapse (dead units at chance accuracy)',
  learns: 'train() learns the data within the budget',
  pure: 'train() leaves its inputs and the params dict alone',
} as const;

/** The sentence of one own-train check. */
export type OwnTrainCheck = (typeof P)[keyof typeof P];

/** Each check's stable id (its sentence in P is free to change). */
export const OWN_TRAIN_IDS: Record<OwnTrainCheck, string> = {
  [P.runs]: 'own-train.runs',
  [P.finite]: 'own-train.finite',
  [P.falls]: 'own-train.loss-falls',
  [P.updates]: 'own-train.updates-every-tensor',
  [P.alive]: 'own-train.no-collapse',
  [P.learns]: 'own-train.learns',
  [P.pure]: 'own-train.pure',
};

/** The checks that could not run, each saying why. */
export const skipped = (props: OwnTrainCheck[], why: string) =>
  props.map((p) => f(p, 'skip', 'none', `could not run: ${why}`));

/**
 * Causes taken from the probe's numbers: a rate that does clearly better says which way the
 * default is off. With the default hidden in the body (lr=None), a default that diverges while
 * every smaller rate tried stays finite is too high; never "too high" when the best is higher.
 */
export function rateCause(
  probe: OwnLrProbe | undefined,
  relu: boolean,
  raw: boolean,
): { cause?: CauseId; hint?: string } {
  if (
    !probe ||
    probe.best === probe.atDefault ||
    probe.best.testAccuracy < probe.atDefault.testAccuracy + T.ownLearnsWithin
  )
    return {};
  const lowestDiverging = Math.min(...probe.tried.filter((t) => !t.finite).map((t) => t.lr));
  const higher =
    probe.defaultLr !== null
      ? probe.best.lr > probe.defaultLr
      : probe.atDefault.finite || probe.best.lr > lowestDiverging
        ? null
        : false;
  if (higher === null) return { hint: `lr ${probe.best.lr} does better than the default` };
  const era = relu && !higher && raw ? 'a ReLU network with a sigmoid-era learning rate on raw inputs: ' : '';
  return {
    cause: higher ? 'lr-too-low' : 'lr-too-high',
    hint: `${era}use lr ${probe.best.lr}${higher ? ' (or train for longer)' : ' (or standardise the inputs)'}`,
  };
}

export async function learnsFinding(
  d: TrainData,
  best: Ok | undefined,
  target: number,
  slow: boolean,
  why: string,
  rc: { cause?: CauseId; hint?: string },
  extra: Partial<Finding>,
  budgetOf: (r: OwnRun) => string,
  onStandardised: () => Promise<OwnRun>,
): Promise<Finding> {
  const reached = best ? `${pct(best.testAccuracy)} test accuracy at ${budgetOf(best)}` : 'nothing';
  if (!slow)
    return f(
      P.learns,
      'pass',
      'none',
      `train() reaches ${reached} on ${d.name} (${d.scaling}); ` +
        `the reference network reaches ${pct(target + T.ownLearnsWithin)}`,
      extra,
    );
  if (d.scaling === 'raw') {
    const std = await onStandardised();
    if (std.ok && std.finite && std.testAccuracy >= target) {
      return f(
        P.learns,
        'pass',
        'info',
        `train() learns ${d.name} only on standardised inputs: ` +
          `${pct(std.testAccuracy)} there at ${budgetOf(std)}, ${reached} on raw inputs`,
        {
          ...extra,
          hint: 'standardise the inputs before calling train() (or lower the learning rate for raw inputs)',
        },
      );
    }
  }
  return f(
    P.learns,
    'fail',
    'warning',
    `train() learns slowly: ${reached} on ${d.name} (${d.scaling}), ` +
      `the reference network ${pct(target + T.ownLearnsWithin)}${why}`,
    { ...extra, cause: rc.cause, hint: rc.hint ?? 'raise the budget or the learning rate; standardise the inputs' },
  );
}
