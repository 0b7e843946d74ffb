import fc from 'fast-check';
import { fromRows } from '../../../src/core/matrix.ts';
import { TOLERANCES } from '../../../src/core/tolerances.ts';
import { expectThat, property, type AnyPropertySpec } from '../../../src/engine/harness.ts';
import type { OpsSubject } from '../../../src/engine/ops-subject.ts';
import type { FreeFunction } from '../../../src/impl/ops/free-functions.ts';
import type { FoundDerivative } from '../../../src/impl/ops/discover.ts';
import { derivativeOf, forwardOf } from '../../../src/impl/ops/shapes.ts';
import { callAt } from '../../../src/impl/ops/probe.ts';
import { agrees, slopesOf } from '../../../src/impl/ops/slope.ts';
import { expectUntouched } from './purity.ts';

const SUITE = 'ops';
// Integers shrink to readable counterexamples; doubles cover the rest.
const value = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.double({ min: -6, max: 6, noNaN: true }));
const values = fc.array(value, { minLength: 1, maxLength: 8 });

function purity(s: OpsSubject, fn: FreeFunction, role: 'activation' | 'derivative'): AnyPropertySpec {
  return property({
    id: `ops.${role}-pure:${fn.name}`,
    suite: SUITE,
    sentence: `${fn.name}() does not write into its argument`,
    severity: 'bug',
    arbitrary: values,
    runsFactor: 0.2,
    predicate: async (v: number[]) =>
      expectUntouched(fn, await s.ff.call(fn.name, [{ kind: 'array', m: fromRows([v]) }]), [[v]]),
  });
}

/** "leaky ReLU (slope 0.0001) forward, hard-ReLU derivative" and the cause it is. */
export function pairing(d: FoundDerivative): {
  text: string;
  cause: 'leaky-forward-hard-gradient' | 'derivative-mismatch';
} {
  const fw = d.forward
    ? `${d.forward.name}() is ${d.forwardShape?.label ?? 'an unrecognised activation'}`
    : `the ${d.forwardShape?.label} forward`;
  const text = `${fw}, but ${d.fn.name}() is ${d.behaves ? `the ${d.behaves.label}` : 'not its derivative'}`;
  const hard = d.behaves?.of.kind === 'relu';
  return {
    text,
    cause: d.forwardShape?.kind === 'leaky_relu' && hard ? 'leaky-forward-hard-gradient' : 'derivative-mismatch',
  };
}

/** The derivative at generated points against central differences of the paired forward, kinks skipped. */
function derivativeProperty(s: OpsSubject, d: FoundDerivative): AnyPropertySpec {
  const forwardName = d.forward?.name ?? d.forwardShape?.label ?? '?';
  const form = d.expects === 'a' ? 'a' : 'z';
  const { text, cause } = pairing(d);
  return property({
    id: `ops.derivative-matches-forward:${d.fn.name}`,
    suite: SUITE,
    sentence: `${d.fn.name}() is the derivative of ${forwardName}${d.forward ? '()' : ''}`,
    severity: 'bug',
    arbitrary: fc
      .oneof(fc.integer({ min: -8, max: 8 }), fc.double({ min: -8, max: 8, noNaN: true }))
      .filter((x) => Math.abs(x) > 1e-3),
    predicate: async (x: number) => {
      let slope: number, f: number, kink: boolean, ok: (g: number) => boolean;
      if (d.forward) {
        const [sl] = await slopesOf(s.ff, d.forward.name, [x], d.float32);
        [f] = await callAt(s.ff, d.forward.name, [x]);
        slope = sl.fd;
        kink = sl.kink;
        ok = (g) => agrees(sl, g);
      } else {
        f = forwardOf(d.forwardShape!)(x);
        slope = derivativeOf(d.forwardShape!)(x);
        kink = d.forwardShape!.kind.includes('relu') && x === 0;
        ok = (g) => Math.abs(g - slope) <= TOLERANCES.derivativeVsKnown(slope);
      }
      if (kink) return; // the forward has a kink within the step: no slope to compare with
      const [g] = await callAt(s.ff, d.fn.name, [form === 'a' ? f : x]);
      expectThat(
        ok(g),
        `${d.fn.name}(${form === 'a' ? `a = ${f}` : x}) = ${g} ` +
          `but the slope of ${forwardName} at z = ${x} is ${slope}: ${text}`,
        {
          numbers: { z: x, derivative: g, slope },
          hint:
            cause === 'leaky-forward-hard-gradient'
              ? 'below zero the derivative of a leaky ReLU is its slope, not 0: np.where(z > 0, 1.0, slope)'
              : 'differentiate the forward you use',
          cause,
        },
      );
    },
  });
}

/** A recognised activation is finite for inputs up to ±1e3 (exp overflow in a naive sigmoid). */
function finiteProperty(s: OpsSubject, fn: FreeFunction): AnyPropertySpec {
  return property({
    id: `ops.activation-finite:${fn.name}`,
    suite: SUITE,
    sentence: `${fn.name}() is finite for inputs up to ±1000`,
    severity: 'bug',
    arbitrary: fc.array(
      fc.oneof(fc.constantFrom(1000, -1000, 750, -750), fc.double({ min: -1000, max: 1000, noNaN: true })),
      { minLength: 1, maxLength: 6 },
    ),
    predicate: async (v: number[]) => {
      const y = await callAt(s.ff, fn.name, v);
      const i = y.findIndex((a) => !Number.isFinite(a));
      expectThat(i < 0, `${fn.name}(${v[i]}) = ${y[i]}`, {
        numbers: { x: v[i] },
        hint: 'evaluate exp only where it cannot overflow (sigmoid: 1/(1+exp(−x)) for x ≥ 0, exp(x)/(1+exp(x)) below)',
      });
    },
  });
}

export function activationProperties(s: OpsSubject): AnyPropertySpec[] {
  const out: AnyPropertySpec[] = [];
  for (const a of s.ops.activations) {
    if (a.shape) out.push(finiteProperty(s, a.fn));
    out.push(purity(s, a.fn, 'activation'));
  }
  for (const d of s.ops.derivatives) {
    if (d.forward || d.forwardShape) out.push(derivativeProperty(s, d));
    out.push(purity(s, d.fn, 'derivative'));
  }
  return out;
}
