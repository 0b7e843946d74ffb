/**
 * Small numeric literals that are not tolerances, each with the reason. A tolerance (a bound two
 * numbers are compared within) belongs in src/core/tolerances.ts with its error analysis; what is
 * listed here is data, a step size, a user's epsilon, a table of its own or a guard against
 * division by zero. `where` is a piece of the line's text that identifies it.
 */
export interface Allowed {
  file: string;
  where: string;
  reason: string;
}

const GUARD = 'a floor under a divisor (1e-300 or 1e-12) so 0/0 cannot happen: never compared with';
const STEP = 'a step size or perturbation, not a bound on a difference';
const DATA = 'test input data or an expected value, not a tolerance';

export const ALLOWED: Allowed[] = [
  { file: 'test/gradcheck/float32-kinks.test.ts', where: 't * 1e-4', reason: 'course-style std-1e-4 weights: data' },
  { file: 'test/gradcheck/pattern-evidence.test.ts', where: '', reason: "entry pairs and each pair's tolerance: data" },
  // Tables of their own
  { file: 'src/nn/learning-rates.ts', where: '', reason: 'the learning-rate table: step sizes' },
  { file: 'src/diagnostics/thresholds.ts', where: '', reason: 'the thresholds table: cut-offs with their sources' },
  { file: 'src/core/precision.ts', where: 'minNormal', reason: 'the smallest normal number of each precision' },
  { file: 'properties/suites/ops/softmax.ts', where: 'MIN_NORMAL', reason: "float64's smallest normal number" },
  { file: 'test/ops/softmax-ce.test.ts', where: 'MIN_NORMAL', reason: "float64's smallest normal number" },
  // Users' epsilons: the candidates nncheck recognises in code it checks
  { file: 'src/ops/clipped-ce.ts', where: 'LOG_EPSILONS', reason: 'epsilons users put inside a log (Keras, ...)' },
  { file: 'src/ops/candidate-losses.ts', where: 'eps = 1e-8', reason: 'the epsilon of a loss form users write' },
  { file: 'properties/loss-forms.ts', where: '1e-5, 1e-6, 1e-7', reason: 'epsilons seen in the wild (data)' },
  { file: 'src/impl/layers/check-optimizer.ts', where: 'epsilon: 1e-7', reason: "Keras's optimizer epsilon default" },
  {
    file: 'test/impl/python/sgd-chunk.test.ts',
    where: 'budgetS: 1e-9',
    reason: 'a time budget in seconds, so small that each request takes one step: not a bound on a difference',
  },
  // Division guards
  { file: 'src/gradcheck/check.ts', where: 'Math.max(1e-300,', reason: GUARD },
  { file: 'src/api/grad.ts', where: 'Math.abs(p.numeric), 1e-300)', reason: GUARD },
  { file: 'src/api/compare-rows.ts', where: 'Math.max(Math.abs(ref), 1e-300)', reason: GUARD },
  { file: 'src/api/compare-inputs.ts', where: 'Math.max(spread, 1e-12)', reason: GUARD },
  { file: 'src/impl/ops/probe.ts', where: 'Math.abs(b[i][j]), 1e-300)', reason: GUARD },
  { file: 'src/diagnostics/monitor.ts', where: 'Math.max(norm(p), 1e-300)', reason: GUARD },
  {
    file: 'src/data/preprocess.ts',
    where: 's > 1e-12 ? s : 1',
    reason: 'a constant column (std ≈ 0) is left unscaled instead of divided by ~0: data preparation',
  },
  // Step sizes and perturbations
  { file: 'src/gradcheck/taylor.ts', where: '1e-1 * 2 ** -k', reason: STEP },
  { file: 'src/gradcheck/noise.ts', where: 'const delta = 1e-3 * h', reason: STEP },
  { file: 'src/gradcheck/directional.ts', where: 'Math.max(1e-3, 4 * baseStep', reason: STEP },
  { file: 'bench/gradcheck.ts', where: 'w[i] = x ', reason: STEP },
  { file: 'bench/gradcheck.ts', where: 'corrupted(base, tensor, idx, 1e-4', reason: 'the size of an injected defect' },
  { file: 'test/ops/activations.test.ts', where: 'const h = 1e-6', reason: STEP },
  // Generators keeping inputs away from a kink: data
  { file: 'properties/suites/activations.ts', where: 'Math.abs(x) > 1e-3', reason: 'inputs kept off the kink' },
  { file: 'properties/suites/ops/activation.ts', where: 'Math.abs(x) > 1e-3', reason: 'inputs kept off the kink' },
  // Charts: axis arithmetic, never a verdict
  ...['Math.log10(step) + 1e-9', 'lo / step + 1e-9', 'hi / step - 1e-9', 'step * 1e-9'].map((where) => ({
    file: 'src/reporters/scales.ts',
    where,
    reason: 'tick placement on a chart axis: float fuzz in floor/ceil, never a verdict',
  })),
  { file: 'src/reporters/scales.ts', where: 'a < 1e-3', reason: 'below this a tick label switches to 1e-4 notation' },
  { file: 'src/reporters/svg-charts.ts', where: 'Math.max(1e-18, Math.min(1e-16', reason: 'a log axis range' },
  // Tests' data
  { file: 'test/core/allclose.test.ts', where: '', reason: "inputs and tolerances of allClose's own unit test" },
  { file: 'test/reporters/scales.test.ts', where: '', reason: DATA },
  { file: 'test/diagnosis/diagnose.test.ts', where: 'bestLr: 0.0', reason: DATA },
  { file: 'test/diagnostics/diagnostics.test.ts', where: '1e-7, false, 2', reason: 'a learning rate far too low' },
  { file: 'test/ops/free-op-names.test.ts', where: '1e-4', reason: 'a leaky slope to identify (data)' },
  {
    file: 'test/gradcheck/precision.test.ts',
    where: 'toBeGreaterThan(1e-10)',
    reason: 'asserts float32 noise was measured (nonzero, ~u32), a lower bound on a measurement',
  },
  // Python cannot import the table: test/architecture/budget.test.ts checks these equal TOLERANCES.layerRole
  {
    file: 'src/impl/python/nncheck_layer_roles.py',
    where: 'np.allclose(',
    reason: 'TOLERANCES.layerRole, mirrored in Python (budget.test.ts checks the values agree)',
  },
];
