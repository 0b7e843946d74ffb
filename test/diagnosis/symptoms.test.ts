import { describe, it, expect } from 'vitest';
import { symptomClass, type SymptomClass } from '../../src/diagnosis/classify.ts';
import { AMBIGUOUS } from '../../src/diagnosis/explains.ts';
import { SYMPTOM_BY_ID, SYMPTOM_BY_SUITE } from '../../src/diagnosis/symptoms.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { COMPARE_IDS } from '../../src/api/compare-rows.ts';
import { RUN_IDS } from '../../src/api/run-findings.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { inPlaceRelu } from '../../fixtures/mutants/ops.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';

/**
 * The diagnosis reads a finding's id, and its sentence only when it has no id (reports saved
 * before ids). This pins the symptom of every property by id, and checks that the sentence rules
 * kept for id-less findings still read each generated property's sentence the same way.
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
  // It checks that the function leaves its argument alone: no gradient is involved (its sentence
  // says "derivative", which the sentence rules of id-less findings still read as a gradient).
  'activations.pure': 'other',
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

/** The properties of suites that run as a whole: they have ids but no generated sentence to read. */
const RUN_CLASS: Record<string, SymptomClass> = {
  'network.l2-convention': 'other',
  'convergence.initial-loss-near-log-k': 'loss-value',
  'convergence.overfits-tiny-batch': 'training',
  'convergence.loss-falls': 'training',
  'convergence.baseline-accuracy': 'training',
  'convergence.relu-matches-sigmoid': 'training',
  ...Object.fromEntries(SUITES.find((s) => s.name === 'diagnostics')!.ids.map((id) => [id, 'training'])),
  ...Object.fromEntries(SUITES.find((s) => s.name === 'own-train')!.ids.map((id) => [id, 'own-training'])),
  ...Object.fromEntries(
    SUITES.filter((s) => ['layers', 'optimizers', 'as-written'].includes(s.name))
      .flatMap((s) => s.ids)
      .map((id) => [id, 'other']),
  ),
};
/**
 * The findings `nncheck compare` and `nncheck run` build themselves, pinned to the symptom the
 * sentence rules gave them before they had ids (a compare row's words named "gradient" or
 * "training step"; run's suite "training"). The motivating case is info, never a defect.
 */
const COMMAND_CLASS: Record<string, SymptomClass> = {
  'compare.probabilities': 'other',
  'compare.loss': 'other',
  'compare.gradient': 'gradient',
  'compare.l2-gradient': 'gradient',
  'compare.training-step': 'training',
  'training.trains-on-standardised-digits': 'training',
  'motivating-case.sigmoid-era-rate': 'other',
  'motivating-case.raw-pixels-rate': 'other',
  'motivating-case.rate-probe': 'other',
  'main-job.stage-stopped': 'other',
};

/** Where the sentence rules of id-less findings read a sentence otherwise than the id does. */
const SENTENCE_MISREADS: Record<string, SymptomClass> = { 'activations.pure': 'gradient' };

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

const classOf = (id: string | undefined, suite: string, property: string) => {
  const f: Finding = { suite, property, verdict: 'fail', severity: 'bug', message: 'x', ms: 0 };
  return symptomClass(id === undefined ? f : { ...f, id });
};

describe('the symptom of each property, by id', () => {
  it('every generated property is pinned', () =>
    expect([...sentences.keys()].sort()).toEqual(Object.keys(CLASS).sort()));
  it('every id of every suite is pinned', () =>
    expect(SUITES.flatMap((s) => s.ids).sort()).toEqual(Object.keys({ ...CLASS, ...RUN_CLASS }).sort()));
  it('the table names only ids and suites that exist', () => {
    const ids = new Set([...SUITES.flatMap((s) => s.ids), ...COMPARE_IDS, ...Object.values(RUN_IDS)]);
    expect(Object.keys(SYMPTOM_BY_ID).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(SYMPTOM_BY_SUITE).filter((n) => !SUITES.some((s) => s.name === n))).toEqual([]);
  });
  for (const [id, expected] of Object.entries({ ...CLASS, ...RUN_CLASS })) {
    it(`${id} is classified ${expected}, whatever its sentence says`, () => {
      const suite = id.split('.')[0];
      expect(classOf(id, suite, 'x')).toBe(expected);
      expect(classOf(`${id}:Some_Name`, suite, 'the derivative of the L2 term')).toBe(expected);
    });
  }
  it('the ids of compare and run are pinned, and each is read as its old words were', () => {
    expect([...COMPARE_IDS, ...Object.values(RUN_IDS)].sort()).toEqual(Object.keys(COMMAND_CLASS).sort());
    const byId = Object.keys(COMMAND_CLASS).map((id) => [id, classOf(`${id}:W1`, 'x', 'x')]);
    expect(Object.fromEntries(byId)).toEqual(COMMAND_CLASS);
    const old = (suite: string, property: string) => classOf(undefined, suite, property);
    expect([
      old('compare', 'digits: probabilities (32x10)'),
      old('compare', 'digits: loss (λ = 0)'),
      old('compare', 'digits: W1 gradient (64x16)'),
      old('compare', "digits: W1 gradient's L2 part along W1 (itself), λ = 0.5"),
      old('compare', 'digits: training step 1: reference loss of the parameters'),
      old('training', 'trains on standardised digits'),
      old('motivating case', 'ReLU lr 0.5, raw pixels'),
      old('motivating case', 'ReLU lr 0.01, raw pixels'),
      old('motivating case', 'which learning rate works'),
      old('main job', 'trains on standardised digits'),
    ]).toEqual(Object.values(COMMAND_CLASS));
  });
  it("the ops suite's properties (free ops in a script) are 'other', as their suite name always made them", () => {
    const read = opsSuite.ids.map((id) => [classOf(id, 'ops', 'x'), classOf(undefined, 'ops', id)]);
    expect(new Set(read.flat())).toEqual(new Set(['other']));
  });
  it('findings without an id are read by their sentence, as before ids', () => {
    const read = [...sentences].map(([id, s]) => [id, classOf(undefined, s.suite, s.sentence)]);
    expect(Object.fromEntries(read)).toEqual({ ...CLASS, ...SENTENCE_MISREADS });
  });
  it('each ambiguity, and the property that resolves it, names the same properties by id and by sentence', () => {
    const generated = AMBIGUOUS.slice(0, AMBIGUOUS_IDS.length);
    expect(generated.map((a) => a.ids)).toEqual(AMBIGUOUS_IDS);
    expect(generated.map((a) => matching(a.suite, a.sentence))).toEqual(AMBIGUOUS_IDS);
    expect(AMBIGUOUS.map((a) => a.resolvedBy?.ids ?? [])).toEqual(RESOLVED_BY_IDS);
    const resolvers = AMBIGUOUS.map((a) => (a.resolvedBy ? matching(a.resolvedBy.suite, a.resolvedBy.sentence) : []));
    expect(resolvers).toEqual(RESOLVED_BY_IDS);
  });
});
