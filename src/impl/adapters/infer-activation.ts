import { fromRows, zeros } from '../../core/matrix.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import { toLayout } from '../../nn/layouts.ts';
import { isActivationName } from '../../ops/activations.ts';
import type { ActivationName } from '../../ops/activation.ts';
import type { ActivationReading, NetworkImplementation } from '../implementation.ts';
import { SetupError } from './setup-error.ts';

/** Probe inputs: both signs, away from 0 (where every candidate agrees), within float32's comfort. */
export const PROBE_XS = [-4, -2, -1, -0.5, 0.5, 1, 2, 4];

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const CURVES: [ActivationName, (x: number) => number][] = [
  ['sigmoid', sigmoid],
  ['tanh', Math.tanh],
];

/**
 * Reads f(x) through the implementation's own forward(): a 1-1-2 network (W1 = 1, b1 = 0,
 * W2 = [1, 0], b2 = 0) has logits [f(x), 0], so f(x) = log p0 − log p1.
 */
export async function readHidden(impl: NetworkImplementation): Promise<{ x: number; y: number }[]> {
  const X = fromRows(PROBE_XS.map((x) => [x]));
  const params = toLayout(
    { weights: [fromRows([[1]]), fromRows([[1, 0]])], biases: [zeros(1, 1), zeros(1, 2)] },
    impl.layout,
  );
  const p = await impl.forward(params, X);
  return PROBE_XS.map((x, i) => ({ x, y: Math.log(p.data[i * 2]) - Math.log(p.data[i * 2 + 1]) }));
}

/** Which known activation the samples are: sigmoid, tanh, relu, leaky relu (with its slope), or null. */
export function recognise(samples: { x: number; y: number }[]): {
  name: ActivationName | null;
  slope?: number;
  nearest: ActivationName;
} {
  const { atol } = TOLERANCES.activationProbe;
  const worst = (f: (x: number) => number) => Math.max(...samples.map((s) => Math.abs(s.y - f(s.x))));
  const errors: [ActivationName, number][] = CURVES.map(([n, f]) => [n, worst(f)]);
  const far = samples.reduce((a, b) => (b.x < a.x ? b : a));
  const slope = far.y / far.x;
  const linear = worst((x) => (x > 0 ? x : slope * x));
  if (Number.isFinite(linear) && slope > -atol && slope < 1)
    errors.push([Math.abs(slope) * Math.abs(far.x) <= atol ? 'relu' : 'leaky_relu', linear]);
  const best = errors.filter(([, e]) => Number.isFinite(e)).sort((a, b) => a[1] - b[1])[0];
  const nearest = best?.[0] ?? 'relu';
  if (!best || best[1] > atol) return { name: null, nearest };
  return best[0] === 'leaky_relu'
    ? { name: 'leaky_relu', slope: Number(slope.toPrecision(6)), nearest }
    : { name: best[0], nearest };
}

const show = (r: { name: ActivationName | null; slope?: number }) =>
  r.name === 'leaky_relu' ? `leaky_relu (slope ${r.slope})` : (r.name ?? 'unrecognised');

/**
 * Settles impl.activation: the probe reads what the code computes; a declaration (the file's
 * constant or --activation) confirms or overrides it, and a disagreement is kept for a finding.
 * Nothing is demanded: with neither a declaration nor a recognisable function the checks run
 * with the nearest candidate and the ones that need the activation say they could not run.
 */
export async function settleActivation(
  impl: NetworkImplementation,
  declared: unknown,
  from: 'file' | 'flag',
  declaredSlope?: number,
): Promise<void> {
  let samples: { x: number; y: number }[] = [];
  let problem: string | undefined;
  try {
    samples = await readHidden(impl);
    if (samples.some((s) => !Number.isFinite(s.y)))
      problem = 'forward() gave non-finite log-probabilities on the probe network';
  } catch (e) {
    if (e instanceof SetupError) throw e; // nncheck misread the contract: nothing to infer from
    problem = `forward() raised on the probe network: ${(e as Error).message?.split('\n')[0]}`;
  }
  const r = problem ? { name: null, nearest: 'relu' as ActivationName } : recognise(samples);
  const reading: ActivationReading = { inferred: r.name, slope: r.slope, samples, problem, mismatch: false };
  const at = (x: number) => samples.find((s) => s.x === x)?.y.toPrecision(4);
  const read = problem
    ? `could not be read (${problem})`
    : r.name
      ? `reads as ${show(r)}`
      : `matches none of sigmoid, tanh, relu, leaky relu (f(−1) = ${at(-1)}, f(1) = ${at(1)}, f(4) = ${at(4)})`;
  const valid = isActivationName(declared);
  if (declared !== undefined && declared !== null && !valid) {
    impl.notes.push(
      `the declared activation ${JSON.stringify(declared)} is not one nncheck knows ` +
        '(sigmoid, relu, leaky_relu, tanh): ignored',
    );
  }
  if (valid) {
    reading.declared = { value: declared, from };
    const slopeOk =
      declared !== 'leaky_relu' ||
      r.slope === undefined ||
      declaredSlope === undefined ||
      Math.abs(r.slope - declaredSlope) <= TOLERANCES.activationProbe.atol;
    reading.mismatch = r.name !== null && (r.name !== declared || !slopeOk);
    impl.activation = declared;
    if (declared === 'leaky_relu' && declaredSlope === undefined && r.slope !== undefined) impl.leakySlope = r.slope;
    const what = from === 'flag' ? '--activation' : 'the declared activation';
    const verdict = reading.mismatch ? ' (they disagree)' : r.name ? ' (they agree)' : '';
    impl.notes.push(`hidden activation: ${what} ${declared}; the probe network ${read}${verdict}`);
  } else {
    impl.activation = r.name ?? r.nearest;
    if (r.slope !== undefined) impl.leakySlope = r.slope;
    impl.notes.push(
      r.name
        ? `hidden activation inferred by probing forward() with a 1-1-2 network: ${show(r)}`
        : `hidden activation ${read}: the checks that need it (activations, softmax, cross-entropy, baselines) ` +
            'do not run; pass --activation NAME to run them',
    );
  }
  impl.activationReading = reading;
}
