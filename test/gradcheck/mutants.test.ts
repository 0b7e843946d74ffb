import { describe, it, expect } from 'vitest';
import { checkGradients } from '../../src/gradcheck/check.ts';
import { formatGradCheck } from '../../src/gradcheck/format.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import { faulty, type Fault } from '../../fixtures/mutants/faulty.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import type { Layout } from '../../src/nn/layouts.ts';
import type { CauseId } from '../../src/findings/causes.ts';
import { objectiveFor } from '../helpers/network-case.ts';

interface MutantCase {
  bug: Bug;
  activation: ActivationName;
  layout?: Layout;
  lam?: number;
  N?: number;
  H?: number;
  pattern: string;
  /** The cause the pattern names by itself, when it names one. */
  cause?: CauseId;
  tensors: string[];
  entries?: string[];
}

const CASES: MutantCase[] = [
  { bug: 'missing-mean', activation: 'sigmoid', pattern: 'missing-mean', tensors: ['W1', 'b1', 'W2', 'b2'] },
  { bug: 'sign-flip', activation: 'tanh', pattern: 'sign-flip', tensors: ['W1', 'b1', 'W2', 'b2'] },
  {
    bug: 'dropped-bias-wrong-side',
    activation: 'sigmoid',
    layout: 'bias-row',
    pattern: 'shifted-rows',
    tensors: ['theta1', 'theta2'],
  },
  { bug: 'transposed', activation: 'sigmoid', H: 3, pattern: 'transposed', tensors: ['W2'] },
  {
    bug: 'hard-relu-grad',
    activation: 'leaky_relu',
    N: 1,
    pattern: 'zeros',
    cause: 'leaky-forward-hard-gradient',
    tensors: ['W1', 'b1'],
  },
  // Its gradient is categorical cross-entropy's (the reported loss is the other one): no cause by itself.
  { bug: 'bce-loss', activation: 'sigmoid', pattern: 'other-loss', tensors: ['W1', 'b1', 'W2', 'b2'] },
  { bug: 'corrupt-entry', activation: 'relu', pattern: 'isolated-entries', tensors: ['W1'], entries: ['W1[1,2]'] },
  { bug: 'l2-missing-grad', activation: 'sigmoid', lam: 0.5, pattern: 'l2-gradient-mismatch', tensors: ['W1', 'W2'] },
  { bug: 'bias-grad-mean', activation: 'sigmoid', pattern: 'bias-only', tensors: ['b1', 'b2'] },
];

describe('mutants are caught, localised and named', () => {
  for (const c of CASES) {
    const variant = `${c.activation}${c.layout ? `, ${c.layout}` : ''}`;
    it(`${c.bug} (${variant}) → ${c.pattern} in ${c.tensors.join(', ')}`, async () => {
      for (const seed of [1, 2, 3]) {
        const impl = handwritten(c.activation, c.bug, c.layout ?? 'separate');
        const obj = await objectiveFor(impl, seed, c.N ?? 6, 5, c.H ?? 4, 3, c.lam ?? 0);
        if ((c.layout ?? 'separate') === 'separate') obj.theta.fill(0.1, 20, 20 + (c.H ?? 4)); // non-zero b1
        const r = await checkGradients(obj, { seed });
        const text = formatGradCheck(r, `seed ${seed}`);
        expect(r.verdict, text).toBe('fail');
        expect(
          r.tensors
            .filter((t) => t.verdict === 'fail')
            .map((t) => t.name)
            .sort(),
          text,
        ).toEqual([...c.tensors].sort());
        expect(
          r.patterns.map((p) => p.pattern),
          text,
        ).toContain(c.pattern);
        expect(r.patterns.find((p) => p.pattern === c.pattern)?.cause, text).toBe(c.cause);
        for (const p of r.patterns) expect(p.hint.length).toBeGreaterThan(10);
        const where = r.wrongEntries.map((e) => `${e.tensor}[${e.row},${e.col}]`);
        expect(where.length, text).toBeGreaterThan(0);
        for (const w of where)
          expect(
            c.tensors.some((t) => w.startsWith(`${t}[`)),
            text,
          ).toBe(true);
        if (c.entries) expect(where, text).toEqual(c.entries);
        expect(text).toMatch(/what failed: .*\n[\s\S]*where:[\s\S]*pattern: [\s\S]*hint: [\s\S]*replay: seed/);
      }
    });
  }
});

describe('faults are findings, not crashes', () => {
  const FAULTS: [Fault, string, RegExp][] = [
    ['throws', 'exception', /threw (TypeError|RangeError)/],
    ['nan-loss', 'non-finite', /the loss is NaN at finite parameters/],
    ['nan-gradient', 'non-finite', /the gradient of W2 is NaN at \[0, 1\]/],
    ['wrong-shape', 'shape', /the gradient of W2 has shape 1x2, the parameter has 4x3/],
    ['nondeterministic', 'nondeterministic', /two identical loss calls returned/],
    ['mutates-params', 'mutated-input', /modified the parameters passed in/],
    ['global-counter', 'nondeterministic', /two identical loss calls returned/],
  ];
  for (const [fault, kind, message] of FAULTS) {
    it(`${fault} → ${kind}`, async () => {
      const obj = await objectiveFor(faulty(fault), 1, 5, 3, 4, 3, 0);
      const r = await checkGradients(obj, { seed: 1 });
      expect(r.verdict).not.toBe('pass');
      const f = r.faults.find((x) => x.kind === kind);
      expect(f, JSON.stringify(r.faults)).toBeDefined();
      expect(f!.message).toMatch(message);
      expect(formatGradCheck(r, 'x')).toMatch(new RegExp(`fault \\[bug\\] ${kind}`));
    });
  }
});
