import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import type { Defect } from '../../src/findings/defect.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { SUITES } from '../../properties/suites/index.ts';

const settings = { seed: 11, runs: 25 };

/**
 * Mutants whose diagnosis leans on what kind of symptom an unnamed finding is, on an ambiguity or
 * on the batch-wide shift: the places the diagnosis once read sentences.
 */
const CASES: [ActivationName, Bug, string[]][] = [
  ['relu', 'missing-mean', ['cross-entropy', 'network']],
  ['relu', 'no-max-softmax', ['softmax', 'cross-entropy']],
  ['relu', 'global-max-softmax', ['softmax']],
  ['relu', 'log-of-softmax', ['softmax', 'cross-entropy']],
  ['relu', 'eps-in-log', ['cross-entropy']],
  ['sigmoid', 'bce-loss', ['cross-entropy']],
  ['tanh', 'l2-missing-grad', ['network']],
  ['relu', 'init-x100', ['cross-entropy', 'convergence']],
];

/** What the diagnosis decided: causes, evidence, ranks, alternatives (not the text it copies from findings). */
const decided = (ds: Defect[]) =>
  ds.map((d) => ({
    rank: d.rank,
    cause: d.cause,
    severity: d.severity,
    findings: d.findings,
    alt: d.alternatives?.causes,
  }));
const reworded = (f: Finding): Finding => ({ ...f, property: 'x', message: 'x' });

describe("a property's sentence is free to change: the diagnosis reads ids", () => {
  for (const [activation, bug, suites] of CASES) {
    it(`${activation} ${bug}: the same defects with every sentence and message replaced by 'x'`, async () => {
      const findings = await runSuites({ impl: handwritten(activation, bug) }, { catalogue: SUITES, suites, settings });
      const defects = decided(diagnose(findings));
      expect(defects.length).toBeGreaterThan(0);
      expect(decided(diagnose(findings.map(reworded)))).toEqual(defects);
    });
  }
});
