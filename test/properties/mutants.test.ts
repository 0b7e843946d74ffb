import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import type { Subject } from '../../src/engine/subject.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { CONVERGENCE, MATRIX, settings } from './mutant-matrix.ts';

const hw = (a: ActivationName, bug: Bug): Subject => ({ impl: handwritten(a, bug) });

// The tables are in mutant-matrix.ts; mutant-coverage.test.ts checks they cover every id in the catalogue.
describe('each property fails on a deliberately broken implementation, with a readable shrunk counterexample', () => {
  for (const [id, subject, label] of MATRIX) {
    it(`${id} fails for ${label}`, async () => {
      const suite = id.split('.')[0];
      const [f] = await runSuites(subject(), { catalogue: SUITES, suites: [suite], property: id, settings });
      expect(f.id).toBe(id);
      expect(['fail', 'error']).toContain(f.verdict);
      expect(f.severity).not.toBe('none');
      expect(f.replay?.seed).toBe(settings.seed);
      expect(f.replay?.path).toMatch(/^\d+(:\d+)*$/);
      expect(f.counterexample?.length ?? 0).toBeGreaterThan(0);
      expect(f.counterexample!.length).toBeLessThan(400); // shrunk, not a wall of numbers
      expect(f.message.length).toBeGreaterThan(20);
    });
  }
});

describe('convergence properties fail on broken trainers and initialisations', () => {
  for (const [id, subject, label] of CONVERGENCE) {
    it(`${id} fails for ${label}`, async () => {
      const findings = await runSuites(subject(), { catalogue: SUITES, suites: ['convergence'], settings });
      const f = findings.find((x) => x.id === id);
      expect(f, findings.map((x) => x.id).join(' | ')).toBeDefined();
      expect(f!.verdict).toBe('fail');
      expect(f!.message).toMatch(/\d/);
    });
  }
});

describe('conventions are info, never failures', () => {
  for (const [bug, name] of [
    ['l2-reg-sum', 'reg·ΣW² (weights only)'],
    ['l2-half-reg', '0.5·reg·ΣW² (weights only)'],
    ['l2-with-biases', 'λ/(2N)·Σθ² (biases included)'],
  ] as const) {
    it(`${bug} is recorded as "${name}" and passes the L2 consistency property`, async () => {
      const findings = await runSuites(hw('sigmoid', bug), { catalogue: SUITES, suites: ['network'], settings });
      const conv = findings.find((f) => f.id === 'network.l2-convention');
      expect(conv?.severity).toBe('info');
      expect(conv?.verdict).toBe('pass');
      expect(conv?.message).toBe(`L2 convention: ${name}`);
      expect(findings.find((f) => f.id === 'network.l2-loss-gradient-agree')?.verdict).toBe('pass');
    });
  }
});
