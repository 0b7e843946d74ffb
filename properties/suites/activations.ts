import fc from 'fast-check';
import { zeros, fromRows } from '../../src/core/matrix.ts';
import { expectThat, property, type AnyPropertySpec } from '../../src/engine/harness.ts';
import { hiddenProbe, activationFromProbs, separateGrads } from '../probes.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { isClose } from '../../src/core/allclose.ts';
import { specOf } from '../../src/core/precision.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';

const SUITE = 'activations';

async function valuesAt(s: Subject, xs: number[]) {
  const { X, params } = hiddenProbe(s.impl, xs);
  const p = await s.impl.forward(params, X);
  return xs.map((_, i) => activationFromProbs(p, i));
}

/** f'(x) read as dL/db1 / p0 carries the probabilities' and the product's rounding: ~12·u relative. */
const derivativeReadError = (u: number, d: number) => TOLERANCES.probeValue(u, 0) + 12 * u * Math.abs(d);

/**
 * f'(x) read twice from the 1-1-2 probe network at input x: as dL/db1 / p0 and as dL/dW1 / (x·p0).
 * Both paths carry the same hidden delta f'(x)·p0, so they agree whatever the activation does.
 */
async function readDerivative(s: Subject, x: number) {
  const { X, Y, params } = hiddenProbe(s.impl, [x]);
  const p = await s.impl.forward(params, X);
  const g = separateGrads(s.impl, await s.impl.gradients(params, X, Y, 0));
  return { viaBias: g.biases[0].data[0] / p.data[0], viaWeight: g.weights[0].data[0] / (x * p.data[0]) };
}

/**
 * f'(x) read from dL/db1, or null when the bias and weight paths disagree: then one parameter's
 * own gradient is wrong (a negated db1, a dW1 missing its x), not the activation they share,
 * and the gradients suite names it. Each reading carries derivativeReadError; the product with
 * x and the division by it add one rounding each.
 */
async function derivativeAt(s: Subject, x: number): Promise<number | null> {
  const { u, minNormal } = specOf(s.impl.precision);
  // Near 0 the weight path's x·f'(x)·p0 leaves the normal range: compare the paths at x = 1 instead.
  const at = Math.abs(x) < Math.sqrt(minNormal) ? 1 : x;
  const both = await readDerivative(s, at);
  const agree = isClose(both.viaBias, both.viaWeight, {
    atol: 2 * derivativeReadError(u, both.viaBias) + 2 * u * Math.abs(both.viaBias),
  });
  if (!agree) return null;
  return at === x ? both.viaBias : (await readDerivative(s, x)).viaBias;
}

const xs = (min: number, max: number) => fc.array(fc.double({ min, max, noNaN: true }), { minLength: 1, maxLength: 6 });
const awayFromKink = fc.double({ min: -8, max: 8, noNaN: true }).filter((x) => Math.abs(x) > 1e-3);
const SIGMOID_HINT = 'evaluate σ as 1/(1+exp(−x)) for x ≥ 0 and exp(x)/(1+exp(x)) for x < 0 so exp never overflows';
/** Bounds on |f‴| for the smooth activations (σ: 1/8, tanh: 2); 0 off the kink for the piecewise-linear ones. */
const THIRD_DERIVATIVE = { sigmoid: 0.125, tanh: 2, relu: 0, leaky_relu: 0 } as const;

export const activationsSuite: Suite = {
  name: SUITE,
  ids: [
    'activations.sigmoid-bounded-symmetric',
    'activations.sigmoid-derivative',
    'activations.relu-non-negative',
    'activations.derivative-matches-forward',
    'activations.pure',
  ],
  description: 'the hidden activation, read through a 1-1-2 probe network (and the op itself when exposed)',
  properties: (s): AnyPropertySpec[] => {
    const act = s.impl.activation;
    const out: AnyPropertySpec[] = [];
    if (act === 'sigmoid') {
      out.push(
        property({
          id: 'activations.sigmoid-bounded-symmetric',
          suite: SUITE,
          sentence: 'sigmoid lies in [0, 1], is finite up to |x| = 1e4 and σ(−x) = 1 − σ(x)',
          severity: 'bug',
          arbitrary: fc.array(
            fc.oneof(fc.double({ min: -30, max: 30, noNaN: true }), fc.constantFrom(1e3, -1e3, 1e4, -1e4)),
            { minLength: 1, maxLength: 4 },
          ),
          predicate: async (x: number[]) => {
            // Read σ at moderate |x| through the logits; at large |x| only finiteness and range can be read.
            const a = await valuesAt(s, x),
              b = await valuesAt(
                s,
                x.map((v) => -v),
              );
            const tol = TOLERANCES.probeValue(specOf(s.impl.precision).u, 1);
            x.forEach((v, i) => {
              expectThat(Number.isFinite(a[i]) && a[i] >= -tol && a[i] <= 1 + tol, `σ(${v}) reads as ${a[i]}`, {
                numbers: { x: v, sigma: a[i] },
                hint: SIGMOID_HINT,
              });
              if (Math.abs(v) <= 30)
                expectThat(isClose(a[i] + b[i], 1, { atol: 2 * tol }), `σ(${v}) + σ(${-v}) = ${a[i] + b[i]}`, {
                  numbers: { x: v, tolerance: 2 * tol },
                });
            });
          },
        }),
      );
      out.push(
        property({
          id: 'activations.sigmoid-derivative',
          suite: SUITE,
          sentence: "σ' = σ(1 − σ)",
          severity: 'bug',
          arbitrary: fc.double({ min: -8, max: 8, noNaN: true }),
          predicate: async (x: number) => {
            const [a] = await valuesAt(s, [x]);
            const d = await derivativeAt(s, x),
              u = specOf(s.impl.precision).u;
            if (d === null) return; // the two gradient paths disagree: not the activation (see derivativeAt)
            // a is read with error probeValue(u, 1); a(1 − a) moves by at most that.
            const tol = TOLERANCES.probeValue(u, 1) + derivativeReadError(u, d);
            const expected = `σ'(${x}) = ${d}, expected σ(1 − σ) = ${a * (1 - a)}`;
            expectThat(isClose(d, a * (1 - a), { atol: tol }), expected, {
              numbers: { x, derivative: d, expected: a * (1 - a), tolerance: tol },
              hint: "σ' takes the activation a = σ(z), not z: a·(1 − a)",
            });
          },
        }),
      );
    }
    if (act === 'relu') {
      out.push(
        property({
          id: 'activations.relu-non-negative',
          suite: SUITE,
          sentence: 'relu is non-negative',
          severity: 'bug',
          arbitrary: xs(-30, 30),
          predicate: async (x: number[]) => {
            const a = await valuesAt(s, x),
              u = specOf(s.impl.precision).u;
            a.forEach((v, i) =>
              expectThat(v >= -TOLERANCES.probeValue(u, 0), `relu(${x[i]}) reads as ${v}`, {
                numbers: { x: x[i], value: v },
                hint: 'relu(x) = max(0, x); a leaky slope makes it negative',
              }),
            );
          },
        }),
      );
    }
    out.push(
      property({
        id: 'activations.derivative-matches-forward',
        suite: SUITE,
        sentence: 'the derivative agrees with the forward away from kinks',
        severity: 'bug',
        arbitrary: awayFromKink,
        predicate: async (x: number) => {
          const u = specOf(s.impl.precision).u;
          // h = u^(1/3)·max(1, |x|) balances truncation and rounding; never past the kink at 0.
          const h = Math.min(Math.cbrt(u) * Math.max(1, Math.abs(x)), Math.abs(x) / 2);
          const [fp, fm] = await valuesAt(s, [x + h, x - h]);
          const numeric = (fp - fm) / (2 * h);
          const d = await derivativeAt(s, x);
          if (d === null) return; // the two gradient paths disagree: not the activation (see derivativeAt)
          const tol =
            TOLERANCES.centralDifferenceOf(
              h,
              TOLERANCES.probeValue(u, Math.max(Math.abs(fp), Math.abs(fm))),
              THIRD_DERIVATIVE[act],
            ) + derivativeReadError(u, d);
          // Exactly the negated slope is what every gradient negated reads as here (a flipped output
          // delta), or a negated derivative: the gradient check, which sees every tensor, tells them apart.
          if (!isClose(d, numeric, { atol: tol }) && isClose(d, -numeric, { atol: tol })) return;
          // Under a leaky forward, a derivative of 0 below zero is the hard-ReLU one; any other
          // disagreement (a slope of 0.01 judged at the wrong precision, say) is not named so.
          const hardBelow = act === 'leaky_relu' && x < 0 && Math.abs(d) <= tol;
          expectThat(isClose(d, numeric, { atol: tol }), `f'(${x}) = ${d} but the forward's slope is ${numeric}`, {
            numbers: { x, derivative: d, numeric, tolerance: tol },
            hint: hardBelow
              ? 'a leaky ReLU forward needs slope α, not 0, in backward where z ≤ 0'
              : 'backward must use the derivative of the forward activation',
            cause: hardBelow ? 'leaky-forward-hard-gradient' : 'derivative-mismatch',
          });
        },
      }),
    );
    if (s.activationOp) {
      const op = s.activationOp;
      out.push(
        property({
          id: 'activations.pure',
          suite: SUITE,
          sentence: 'the activation and its derivative do not modify their input',
          severity: 'bug',
          arbitrary: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }),
          predicate: (v: number[]) => {
            const z = fromRows([v]),
              copy = Array.from(z.data);
            const a = op.forward(z, zeros(1, v.length));
            op.backward(z, a, fromRows([v.map(() => 1)]), zeros(1, v.length));
            expectThat(
              Array.from(z.data).every((x, i) => Object.is(x, copy[i])),
              `the input [${copy.join(', ')}] became [${Array.from(z.data).join(', ')}]`,
              {
                hint:
                  'an in-place derivative (z[z <= 0] = 0) destroys the pre-activations that later steps read: ' +
                  'write into a new array',
                cause: 'mutates-inputs',
              },
            );
          },
        }),
      );
    }
    return out;
  },
};
