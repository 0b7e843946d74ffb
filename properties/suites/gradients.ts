import { checkGradients } from '../../src/gradcheck/check.ts';
import { networkObjective } from '../../src/impl/objective.ts';
import type { GradCheckResult, PatternFinding, PatternName } from '../../src/gradcheck/result.ts';
import type { CauseId } from '../../src/findings/causes.ts';
import { hasBugSeverity } from '../../src/findings/finding.ts';
import { expectThat, property, type AnyPropertySpec } from '../../src/engine/harness.ts';
import { netCase, type NetCase } from '../arbitraries/network.ts';
import { problem } from '../probes.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { matchMaskVariant } from '../mask-match.ts';
import type { MaskVariant } from '../../src/nn/mask-variants.ts';

const SUITE = 'gradients';

/**
 * The causes a gradient-checker pattern names. The others pass on as the pattern's name for the
 * diagnosis to weigh (other-loss is believed only when the loss value agrees).
 */
const PATTERN_CAUSE: Partial<Record<PatternName, CauseId>> = {
  'missing-mean': 'missing-mean',
  'double-mean': 'double-mean',
  'sign-flip': 'sign-flip',
  transposed: 'transposed-gradient',
  'l2-gradient-mismatch': 'l2-gradient-mismatch',
  'weights-only': 'l2-gradient-mismatch',
  'clipped-log': 'clipped-log',
};
const FACTORS: PatternName[] = ['missing-mean', 'double-mean', 'constant-factor'];

/** The cause and the hint a mask variant's match names. */
const MASK_CAUSE: Record<MaskVariant['id'], { cause: CauseId; says: string; differ: string; hint: string }> = {
  'mask-without-bias': {
    cause: 'relu-mask-mismatch',
    says: 'the ReLU mask taken from X·W1 without the bias',
    differ: 'X·W1 and X·W1 + b1 have opposite signs on some row',
    hint: 'the mask must come from the pre-activation the forward uses: (X @ W1 + b1 > 0), not (X @ W1 > 0)',
  },
  'hard-mask-under-leaky': {
    cause: 'leaky-forward-hard-gradient',
    says: 'the hard-ReLU mask (0 below zero) under the leaky forward',
    differ: 'the pre-activation is negative on some row',
    hint: 'negative pre-activations of a leaky ReLU are treated as hard ReLU in backward: use slope α, not 0',
  },
};

async function check(s: Subject, c: NetCase): Promise<GradCheckResult> {
  const { X, Y, params } = await problem(s.impl, c);
  return checkGradients(
    { ...networkObjective(s.impl, params, X, Y, c.lam), precision: s.impl.precision },
    { seed: c.seed, taylor: false },
  );
}

/** A problem where N, D, H, K, 2 and 1 are different numbers and every tensor has ≥ 3 entries. */
const widen = (c: NetCase): NetCase => ({
  ...c,
  N: Math.max(c.N, 5),
  D: Math.max(c.D, 3),
  H: Math.max(c.H, 4),
  K: Math.max(c.K, 3),
});
const sizes = (c: NetCase) => `N = ${c.N}, D = ${c.D}, H = ${c.H}, K = ${c.K}`;

/** One wrong entry; the difference too, as two values that differ in their 8th digit print alike at 6. */
const wrongEntryText = (e: GradCheckResult['wrongEntries'][number]) =>
  `${e.tensor}[${e.row}, ${e.col}] analytic ${e.analytic.toPrecision(6)} numeric ${e.numeric.toPrecision(6)} ` +
  `(differ by ${e.absError.toPrecision(2)})`;

const failingTensors = (r: GradCheckResult) => r.tensors.filter((t) => t.verdict === 'fail').map((t) => t.name);

/** The pattern that says most: another loss or an epsilon, a factor, then one with a cause, then the first. */
const pick = (r: GradCheckResult): PatternFinding | undefined =>
  r.patterns.find((p) => p.pattern === 'other-loss' || p.pattern === 'clipped-log') ??
  r.patterns.find((p) => FACTORS.includes(p.pattern)) ??
  r.patterns.find((p) => PATTERN_CAUSE[p.pattern]) ??
  r.patterns[0];

/** A pattern names a cause on its own, without a wider problem to confirm it. */
const names = (p: PatternFinding | undefined) =>
  !!p && (p.pattern === 'other-loss' || !!p.cause || !!PATTERN_CAUSE[p.pattern]);

/**
 * The tensors a sign flip covers: all of them is the shared output delta (sign-flip); some while
 * the others agree is those tensors' own gradients (tensor-sign-flip), located there.
 */
function signFlipScope(r: GradCheckResult): { cause: CauseId; location: string } {
  const failing = failingTensors(r);
  const flipped = r.patterns
    .filter((p) => p.pattern === 'sign-flip')
    .flatMap((p) => (p.tensor === 'all' ? failing : p.tensor.split(', ')));
  const everywhere = r.tensors.every((t) => flipped.includes(t.name));
  return { cause: everywhere ? 'sign-flip' : 'tensor-sign-flip', location: [...new Set(flipped)].join(', ') };
}

/** Which tensors disagree, their first wrong entries, and the pattern the checker named, with its tensor. */
function disagreement(r: GradCheckResult, pattern: PatternFinding | undefined): string {
  const wrong = r.wrongEntries.slice(0, 4).map(wrongEntryText);
  const more = r.wrongEntries.length > wrong.length ? ` (${r.wrongEntries.length} wrong entries in all)` : '';
  const entries = wrong.length ? `: ${wrong.join('; ')}${more}` : '';
  const named = pattern
    ? ` (${pattern.tensor === 'all' ? '' : `${pattern.tensor}: `}${pattern.pattern}: ${pattern.detail})`
    : '';
  return `${failingTensors(r).join(', ')} disagree${entries}${named}`;
}

/** The sentence for a gradient that is exactly a known mask variant, and what the other tensors say. */
function maskSentence(r: GradCheckResult, v: MaskVariant, hidden: string[]): string {
  const others = failingTensors(r).filter((t) => !hidden.includes(t));
  const units = `hidden unit${v.units.length > 1 ? 's' : ''} ${v.units.join(', ')}`;
  const pattern = names(pick(r)) ? pick(r) : undefined;
  return (
    `${disagreement(r, pattern)}; the gradient is exactly the reference's with ${MASK_CAUSE[v.id].says}: ` +
    `${hidden.join(', ')} differ on ${units}, where ${MASK_CAUSE[v.id].differ}` +
    (others.length
      ? `; ${others.join(', ')} ${others.length > 1 ? 'agree' : 'agrees'} with the reference gradient of ` +
        'categorical cross-entropy, so the disagreement there is the loss, not the gradient'
      : '')
  );
}

export const gradientsSuite: Suite = {
  name: SUITE,
  ids: ['gradients.match-finite-differences'],
  description: 'the gradient checker at generated points, including ReLU pre-activations on 0',
  properties: (s): AnyPropertySpec[] => [
    property({
      id: 'gradients.match-finite-differences',
      suite: SUITE,
      sentence: 'analytic gradients agree with finite differences',
      severity: 'bug',
      runsFactor: 0.5,
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const r = await check(s, c);
        if (r.verdict === 'pass') return;
        const numbers = { lossEvaluations: r.evaluations.losses, wrongEntries: r.wrongEntries.length };
        const fault = r.faults.find(hasBugSeverity);
        if (fault) expectThat(false, fault.message, { numbers, hint: fault.detail, cause: fault.kind });
        // A gradient that is exactly the reference with a known wrong mask names that mask.
        const { X, Y, params } = await problem(s.impl, c);
        const mask = await matchMaskVariant(s.impl, params, X, Y);
        if (mask) {
          const hidden = failingTensors(r).filter((t) => ['W1', 'b1'].includes(t));
          const where = `${(hidden.length ? hidden : ['W1', 'b1']).join(', ')}: hidden unit${
            mask.units.length > 1 ? 's' : ''
          } ${mask.units.join(', ')}`;
          expectThat(false, maskSentence(r, mask, hidden), {
            numbers,
            hint: MASK_CAUSE[mask.id].hint,
            cause: MASK_CAUSE[mask.id].cause,
            location: where,
          });
        }
        let pattern = pick(r);
        let scope = r;
        if (!names(pattern) || (pattern && FACTORS.includes(pattern.pattern) && (c.N <= 2 || c.K === 2))) {
          // A shrunk case is too small to fit a pattern (one entry fits any factor; at N = 2 "missing
          // 1/N" and "a factor 2" are one number): confirm on a problem where they differ.
          const w = widen(c);
          const wide = await check(s, w);
          const confirmed = wide.verdict === 'fail' ? pick(wide) : undefined;
          if (confirmed && names(confirmed)) {
            const factor = pattern && FACTORS.includes(pattern.pattern);
            pattern = {
              ...confirmed,
              detail: factor
                ? `${pattern!.detail}; confirmed at ${sizes(w)}: ${confirmed.detail}`
                : `${confirmed.detail}, seen at ${sizes(w)}` +
                  (pattern ? ` (the shrunk case is too small to show it: ${pattern.detail})` : ''),
            };
            scope = wide;
          }
        }
        const flip = pattern?.pattern === 'sign-flip' ? signFlipScope(scope) : undefined;
        const cause =
          flip?.cause ?? (pattern ? (pattern.cause ?? PATTERN_CAUSE[pattern.pattern] ?? pattern.pattern) : undefined);
        const hint = flip
          ? (scope.patterns.find((p) => p.pattern === 'sign-flip')?.hint ?? pattern?.hint)
          : pattern?.hint;
        // An epsilon in the log that predicts the whole disagreement: finite but inaccurate, a warning.
        const epsilon = pattern?.pattern === 'clipped-log';
        expectThat(false, disagreement(r, pattern), {
          numbers: { ...numbers, ...(epsilon ? pattern!.numbers : {}) },
          hint,
          cause,
          ...(epsilon ? { severity: 'warning' as const } : {}),
          ...(flip?.cause === 'tensor-sign-flip' ? { location: flip.location } : {}),
        });
      },
    }),
  ],
};
