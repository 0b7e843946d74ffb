/**
 * The mutant matrix: for every id in the catalogue (properties/suites), a deliberately broken
 * implementation that must fail it. Generated properties of a network are keyed by their id;
 * checks that are not generated case by case, and properties generated per user class or
 * function (keyed by kind, the id without its `:name`), by the run that breaks them.
 * mutants.test.ts runs the first two tables; mutant-coverage.test.ts runs the third and checks
 * that together they cover the whole catalogue.
 */
import type { Finding } from '../../src/findings/finding.ts';
import type { Subject } from '../../src/engine/subject.ts';
import { runSuites } from '../../src/engine/run-suites.ts';
import { checkImplementation } from '../../src/api/check.ts';
import { monitoredTraining } from '../../src/diagnostics/monitor.ts';
import { diagnoseRun } from '../../src/diagnostics/findings.ts';
import { loadBuiltin } from '../../src/data/builtin.ts';
import { prepare } from '../../src/data/preprocess.ts';
import { oneHot } from '../../src/data/dataset.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import { inPlaceRelu } from '../../fixtures/mutants/ops.ts';
import { deadReluInit } from '../../fixtures/mutants/dead-init.ts';
import * as trainers from '../../fixtures/mutants/trainers.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';

export const settings = { seed: 7, runs: 40 };
const hw = (a: ActivationName, bug: Bug): Subject => ({ impl: handwritten(a, bug) });

/** Every generated property of a network, by id, and a broken implementation that must fail it. */
export const MATRIX: [id: string, subject: () => Subject, label: string][] = [
  ['softmax.rows-sum-to-one', () => hw('relu', 'no-max-softmax'), 'no max subtracted'],
  ['softmax.shift-invariant', () => hw('relu', 'no-max-softmax'), 'no max subtracted'],
  ['softmax.rows-independent', () => hw('relu', 'global-max-softmax'), 'global-max-softmax'],
  ['softmax.permutation-equivariant', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['softmax.argmax-preserved', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['softmax.finite-for-extreme-logits', () => hw('relu', 'no-max-softmax'), 'no max subtracted'],
  // A float32 step inside a network that declares float64 (its values alone would read as float32).
  [
    'softmax.matches-oracle',
    () => ({ impl: Object.assign(handwritten('sigmoid', 'float32-softmax'), { precision: 'float64' as const }) }),
    'float32 softmax in a float64 network',
  ],
  [
    'cross-entropy.finite-non-negative',
    () => hw('relu', 'naive-softmax-log'),
    'no max subtracted, then −log p (NaN loss)',
  ],
  // −log p after the shift: an infinite loss with a finite gradient spoils the printed loss only (a warning).
  ['cross-entropy.stable-log-p', () => hw('relu', 'log-of-softmax'), '−log p after the shift'],
  ['cross-entropy.stable-log-p', () => hw('relu', 'eps-in-log'), 'epsilon inside the log'],
  ['cross-entropy.gradient-is-p-minus-y', () => hw('tanh', 'missing-mean'), 'missing 1/N'],
  ['cross-entropy.log-k-at-zero-logits', () => hw('sigmoid', 'bce-loss'), 'BCE cost on softmax'],
  ['cross-entropy.is-categorical', () => hw('sigmoid', 'bce-loss'), 'BCE cost on softmax'],
  ['activations.sigmoid-bounded-symmetric', () => hw('sigmoid', 'sigmoid-exp-ratio'), 'exp(x)/(1+exp(x))'],
  ['activations.sigmoid-derivative', () => hw('sigmoid', 'sigmoid-grad-on-z'), "σ' applied to z"],
  ['activations.relu-non-negative', () => hw('relu', 'relu-is-leaky'), 'leaky forward named relu'],
  [
    'activations.derivative-matches-forward',
    () => hw('leaky_relu', 'hard-relu-grad'),
    'hard-ReLU gradient, leaky forward',
  ],
  [
    'activations.pure',
    () => ({ impl: referenceImplementation('relu'), activationOp: inPlaceRelu }),
    'in-place derivative',
  ],
  ['network.shapes', () => hw('sigmoid', 'transposed'), 'δᵀ·a'],
  ['network.valid-probabilities', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['network.pure-calls', () => hw('relu', 'loss-writes-params'), 'loss() writes into params'],
  ['network.rows-independent', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['network.duplicate-batch-invariant', () => hw('relu', 'missing-mean'), 'missing 1/N'],
  ['network.permutation-invariant', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['network.l2-grows-with-lambda', () => hw('relu', 'l2-sign'), 'penalty subtracted'],
  ['network.l2-loss-gradient-agree', () => hw('sigmoid', 'l2-missing-grad'), 'L2 missing from the gradient'],
  ['gradients.match-finite-differences', () => hw('relu', 'corrupt-entry'), 'one corrupted entry'],
];

/** Checks that are not generated case by case (the convergence suite), and a broken network each. */
export const CONVERGENCE: [id: string, subject: () => Subject, label: string][] = [
  ['convergence.initial-loss-near-log-k', () => hw('relu', 'init-x100'), 'weights initialised 100× too large'],
  ['convergence.overfits-tiny-batch', () => hw('relu', 'zero-init'), 'a zero-initialised network'],
  ['convergence.loss-falls', () => hw('tanh', 'sign-flip'), 'a sign flip'],
  ['convergence.baseline-accuracy:digits/relu/0', () => hw('relu', 'sign-flip'), 'a sign flip'],
  ['convergence.relu-matches-sigmoid', () => hw('relu', 'sign-flip'), 'a sign flip'],
];

/** A mutant run through the suites that judge it, and the ids (kinds) it must fail. */
export interface MutantRun {
  label: string;
  fails: string[];
  findings: () => Promise<Finding[]>;
}

const fewer = { seed: 7, runs: 30 };
const suitesOn =
  (impl: NetworkImplementation, ...suites: string[]) =>
  () =>
    runSuites({ impl }, { catalogue: SUITES, suites, settings: fewer });
const file = (path: string, suites: string[], activation?: ActivationName) => async () =>
  (
    await checkImplementation(path, {
      catalogue: SUITES,
      suites,
      settings: fewer,
      activation,
      ops: { suite: opsSuite },
      timeoutMs: 60_000,
    })
  ).findings;

/** nncheck's own SGD loop over a network's gradients, judged by the diagnostics (as the suite does). */
const trained = (impl: NetworkImplementation, lr: number, raw: boolean) => async () => {
  const { train } = prepare(loadBuiltin('digits', 0), { seed: 0, raw });
  const init = await impl.initParams(64, 32, 10, 0);
  const Y = oneHot(train.labels, 10);
  const run = await monitoredTraining(impl, init, train.X, Y, train.labels, { lr, epochs: 4, batchSize: 32, seed: 0 });
  return diagnoseRun(impl, run, 'run');
};

const LAYERS = 'fixtures/layers/mutants';
const SCRIPTS = 'fixtures/scripts/mutants';
const REAL = 'fixtures/real-code';

export const RUNS: MutantRun[] = [
  // Layer-style classes, one property per class (fixtures/layers/mutants).
  {
    label: 'ReLU backward zeroing dvalues in place',
    fails: ['layers.backward-pure'],
    findings: file(`${LAYERS}/relu_inplace.py`, ['layers']),
  },
  {
    label: 'softmax backward with a wrong Jacobian',
    fails: ['layers.backward-matches-forward', 'layers.fused-matches-pair'],
    findings: file(`${LAYERS}/softmax_jvp.py`, ['layers']),
  },
  {
    label: 'fused softmax-loss right for sparse labels only',
    fails: ['layers.label-forms-agree'],
    findings: file(`${LAYERS}/fused_sparse_only.py`, ['layers']),
  },
  {
    label: 'SGD momentum with the wrong sign',
    fails: ['optimizers.update-rule'],
    findings: file(`${LAYERS}/sgd_momentum_sign.py`, ['optimizers']),
  },
  // Free ops in a script, one property per function (fixtures/scripts).
  {
    // Its rows overflow alone too: batch independence leaves that NaN to the finiteness check.
    label: 'softmax without a max',
    fails: ['ops.softmax-shift-invariant', 'ops.softmax-finite'],
    findings: file(`${SCRIPTS}/no_max_softmax.py`, ['ops']),
  },
  {
    label: 'softmax with one max for the whole batch',
    fails: ['ops.softmax-examples-independent'],
    findings: file(`${SCRIPTS}/global_max_softmax.py`, ['ops']),
  },
  {
    label: 'softmax normalised by the batch sum',
    fails: ['ops.softmax-sums-to-one'],
    findings: file(`${SCRIPTS}/batch_sum_softmax.py`, ['ops']),
  },
  {
    label: 'softmax shifting its argument in place',
    fails: ['ops.softmax-pure'],
    findings: file(`${SCRIPTS}/inplace_softmax.py`, ['ops']),
  },
  {
    label: 'sigmoid as exp(x)/(1+exp(x)) and a relu that writes into its argument',
    fails: ['ops.activation-finite', 'ops.activation-pure'],
    findings: file(`${SCRIPTS}/unsafe_activations.py`, ['ops']),
  },
  {
    label: 'a sigmoid derivative with a sign slip',
    fails: ['ops.derivative-matches-forward'],
    findings: file(`${SCRIPTS}/sigmoid_wrong_derivative.py`, ['ops']),
  },
  {
    label: 'an in-place ReLU derivative and a BCE cost on a softmax',
    fails: ['ops.derivative-pure', 'ops.cost-is-categorical'],
    findings: file('fixtures/scripts/four_defects_script.py', ['ops']),
  },
  {
    label: 'a cost taking the log of its probabilities in place',
    fails: ['ops.cost-pure'],
    findings: file(`${SCRIPTS}/cost_writes_probs.py`, ['ops']),
  },
  {
    label: 'a cost as −½·log(p²), which underflows',
    fails: ['ops.cost-finite-for-tiny-p'],
    findings: file(`${SCRIPTS}/cost_underflow.py`, ['ops']),
  },
  {
    label: 'a cost with its probabilities clipped at 1e-12',
    fails: ['ops.cost-not-clipped'],
    findings: file(`${SCRIPTS}/clipped_cost.py`, ['ops']),
  },
  {
    label: 'a cost from logits through a softmax without the max',
    fails: ['ops.cost-finite-for-large-logits'],
    findings: file(`${SCRIPTS}/naive_logits_cost.py`, ['ops']),
  },
  // The code as written.
  {
    label: 'one max subtracted for the whole batch inside loss()',
    fails: ['as-written.batch-loss-is-row-mean'],
    findings: file(`${REAL}/course_batch_max.py`, ['as-written']),
  },
  {
    label: 'a tanh network declared sigmoid',
    fails: ['as-written.declared-activation'],
    findings: file(`${REAL}/fullbatch_tanh.py`, ['as-written'], 'sigmoid'),
  },
  {
    label: 'loss() writing into the parameters',
    fails: ['as-written.pure-calls'],
    findings: suitesOn(handwritten('relu', 'loss-writes-params'), 'as-written'),
  },
  // The implementation's own train().
  {
    label: 'a train() that raises',
    fails: ['own-train.runs'],
    findings: suitesOn(trainers.trainRaises(), 'own-train'),
  },
  {
    label: 'a train() standardising constant pixels (0/0)',
    fails: ['own-train.finite'],
    findings: file(`${REAL}/fullbatch_zero_std.py`, ['own-train']),
  },
  {
    label: 'a train() stepping up the gradient',
    fails: ['own-train.loss-falls'],
    findings: suitesOn(trainers.trainAscends(), 'own-train'),
  },
  {
    label: 'a train() that forgets the biases',
    fails: ['own-train.updates-every-tensor'],
    findings: suitesOn(trainers.forgetsBiases(), 'own-train'),
  },
  {
    label: 'a ReLU train() with a sigmoid-era learning rate',
    fails: ['own-train.no-collapse'],
    findings: suitesOn(trainers.sigmoidEraLearningRate(), 'own-train'),
  },
  {
    label: 'a train() that takes one step whatever the budget',
    fails: ['own-train.learns'],
    findings: suitesOn(trainers.trainOneStep(), 'own-train'),
  },
  {
    label: 'a train() rescaling X in place',
    fails: ['own-train.pure'],
    findings: file(`${REAL}/fullbatch_rescales_in_place.py`, ['own-train']),
  },
  // Training diagnostics: nncheck's SGD over the network's gradients.
  {
    label: 'a sign flip in the gradient',
    fails: ['diagnostics.loss-falls'],
    findings: suitesOn(handwritten('tanh', 'sign-flip'), 'diagnostics'),
  },
  {
    label: 'sigmoid weights initialised 100× too large',
    fails: ['diagnostics.not-saturated'],
    findings: suitesOn(handwritten('sigmoid', 'init-x100'), 'diagnostics'),
  },
  {
    label: 'a zero-initialised sigmoid network',
    fails: ['diagnostics.symmetry-broken', 'diagnostics.update-ratio'],
    findings: suitesOn(handwritten('sigmoid', 'zero-init'), 'diagnostics'),
  },
  {
    label: 'ReLU hidden biases initialised at −100',
    fails: ['diagnostics.relu-alive', 'diagnostics.every-tensor-trained', 'diagnostics.gradient-norms'],
    findings: suitesOn(deadReluInit(), 'diagnostics'),
  },
  {
    label: 'softmax without a max, trained at lr 1 on raw pixels',
    fails: ['diagnostics.finite'],
    findings: trained(handwritten('relu', 'no-max-softmax'), 1, true),
  },
];

/**
 * Ids no implementation can fail: each records a convention (info, by design) rather than checking
 * anything. A check that cannot fail is a defect of the catalogue; these are listed, not faked.
 */
export const CANNOT_FAIL: Record<string, string> = {
  'network.l2-convention': 'records which L2 convention the loss uses; always a pass (info)',
  'optimizers.rule-known': 'says an optimizer class matches no known rule; a skip (info)',
  'optimizers.convention': 'records another self-consistent form of a rule; always a pass (info)',
};
