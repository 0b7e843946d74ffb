import { describe, it, expect } from 'vitest';
import { symptomClass, type SymptomClass } from '../../src/diagnosis/classify.ts';
import { AMBIGUOUS } from '../../src/diagnosis/explains.ts';
import { finding } from '../../src/findings/build.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { inPlaceRelu } from '../../fixtures/mutants/ops.ts';
import { SUITES } from '../../properties/suites/index.ts';

/**
 * The diagnosis still reads a finding's sentence (by regular expression), while ids are what stay
 * put. Until it reads ids, this pins what it makes of each generated property, by id: a reworded
 * sentence that changes the diagnosis fails here instead of silently.
 */
const CLASS: Record<string, SymptomClass> = {
  'softmax.rows-sum-to-one': 'softmax-nan',
  'softmax.shift-invariant': 'softmax-nan',
  'softmax.rows-independent': 'softmax-rows',
  'softmax.permutation-equivariant': 'softmax-rows',
  'softmax.argmax-preserved': 'softmax-rows',
  'softmax.finite-for-extreme-logits': 'softmax-nan',
  'softmax.matches-oracle': 'softmax-nan',
  'cross-entropy.finite-non-negative': 'loss-nan',
  'cross-entropy.stable-log-p': 'loss-value',
  'cross-entropy.gradient-is-p-minus-y': 'gradient',
  'cross-entropy.log-k-at-zero-logits': 'loss-value',
  'cross-entropy.is-categorical': 'loss-value',
  'activations.sigmoid-bounded-symmetric': 'other',
  'activations.sigmoid-derivative': 'gradient',
  'activations.relu-non-negative': 'other',
  'activations.derivative-matches-forward': 'gradient',
  // Read as a gradient symptom only because its sentence says "derivative" (/derivative|σ'/).
  'activations.pure': 'gradient',
  'network.shapes': 'other',
  'network.valid-probabilities': 'other',
  'network.pure-calls': 'other',
  'network.rows-independent': 'other',
  'network.duplicate-batch-invariant': 'gradient',
  'network.permutation-invariant': 'other',
  'network.l2-grows-with-lambda': 'other',
  'network.l2-loss-gradient-agree': 'gradient',
  'gradients.match-finite-differences': 'gradient',
  'as-written.batch-loss-is-row-mean': 'other',
};

/** Which ids each ambiguity's (and its resolver's) expression picks out, by suite. */
const AMBIGUOUS_IDS: string[][] = [
  ['softmax.rows-sum-to-one', 'softmax.shift-invariant', 'softmax.finite-for-extreme-logits'],
  ['cross-entropy.finite-non-negative'],
  ['cross-entropy.stable-log-p'],
];
const RESOLVED_BY_IDS: string[][] = [
  [],
  ['softmax.finite-for-extreme-logits'],
  ['cross-entropy.log-k-at-zero-logits'],
  ['cross-entropy.log-k-at-zero-logits'],
];

const subjects = [
  ...ACTIVATIONS.map((a) => ({ impl: referenceImplementation(a) })),
  { impl: referenceImplementation('relu'), activationOp: inPlaceRelu },
];
const sentences = new Map<string, { suite: string; sentence: string }>();
for (const s of subjects)
  for (const suite of SUITES)
    for (const p of suite.properties?.(s) ?? []) sentences.set(p.id, { suite: p.suite, sentence: p.sentence });
const matching = (suite: string, re: RegExp) =>
  [...sentences].filter(([, v]) => v.suite === suite && re.test(v.sentence)).map(([id]) => id);

describe("the diagnosis reads sentences: what it makes of each property's, by id", () => {
  it('every generated property is pinned', () =>
    expect([...sentences.keys()].sort()).toEqual(Object.keys(CLASS).sort()));
  for (const [id, expected] of Object.entries(CLASS)) {
    it(`${id} is classified ${expected}`, () => {
      const s = sentences.get(id)!;
      const f = finding({ id, suite: s.suite, property: s.sentence, verdict: 'fail', severity: 'bug', message: 'x' });
      expect(symptomClass(f)).toBe(expected);
    });
  }
  it('each ambiguity, and the property that resolves it, names the properties it means', () => {
    const generated = AMBIGUOUS.slice(0, AMBIGUOUS_IDS.length);
    expect(generated.map((a) => matching(a.suite, a.property))).toEqual(AMBIGUOUS_IDS);
    expect(AMBIGUOUS.map((a) => (a.resolvedBy ? matching(a.resolvedBy.suite, a.resolvedBy.property) : []))).toEqual(
      RESOLVED_BY_IDS,
    );
  });
});
