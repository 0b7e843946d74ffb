import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import { compareWithReference } from '../../src/api/compare.ts';
import { trainedNetworkFinding } from '../../src/api/run-findings.ts';
import type { Defect } from '../../src/findings/defect.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { SUITES } from '../../properties/suites/index.ts';

const settings = { seed: 11, runs: 25 };

/**
 * Mutants whose diagnosis leans on what kind of symptom an unnamed finding is, on an ambiguity, on
 * the batch-wide shift, or on a cause once said only in a hint (a leaky ReLU's hard gradient): the
 * places the diagnosis once read words.
 */
const CASES: [ActivationName, Bug, string[]][] = [
  ['relu', 'missing-mean', ['cross-entropy', 'network']],
  ['relu', 'no-max-softmax', ['softmax', 'cross-entropy']],
  ['relu', 'global-max-softmax', ['softmax']],
  ['relu', 'log-of-softmax', ['softmax', 'cross-entropy']],
  ['relu', 'eps-in-log', ['cross-entropy']],
  ['sigmoid', 'bce-loss', ['cross-entropy']],
  ['leaky_relu', 'hard-relu-grad', ['activations', 'gradients']],
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
/** Every word a finding shows is free to change: its suite's name, sentence, message and hint. */
const reworded = (f: Finding): Finding => ({ ...f, suite: 'x', property: 'x', message: 'x', hint: 'x' });
const sameWhenReworded = (findings: Finding[]) => {
  const defects = decided(diagnose(findings));
  expect(defects.length).toBeGreaterThan(0);
  expect(decided(diagnose(findings.map(reworded)))).toEqual(defects);
};

describe("a finding's words are free to change: the diagnosis reads ids and named causes", () => {
  for (const [activation, bug, suites] of CASES) {
    it(`${activation} ${bug} (${suites.join(', ')}): the same defects with every word replaced by 'x'`, async () => {
      sameWhenReworded(
        await runSuites({ impl: handwritten(activation, bug) }, { catalogue: SUITES, suites, settings }),
      );
    });
  }

  // Its training-step rows join the cost's defect as training symptoms; its gradient rows name causes.
  it("nncheck compare's rows on the motivating network: the same defects, reworded", async () => {
    const { report } = await compareWithReference('examples/numpy_four_defects.py');
    sameWhenReworded(report.findings);
    expect(report.findings.filter((f) => f.id === 'compare.training-step')).toHaveLength(5);
  }, 30_000);

  // A reference network that no longer trains is a training symptom the gradient defect explains.
  it("nncheck run's trained-network finding joins the defect that explains it, reworded", async () => {
    const suites = await runSuites(
      { impl: handwritten('relu', 'missing-mean') },
      { catalogue: SUITES, suites: ['network'], settings },
    );
    const trained = { lr: 0.1, trainAccuracy: 0.31, testAccuracy: 0.3, finalLoss: 1.9 };
    const findings = [...suites, trainedNetworkFinding('net', 'relu', trained)].map((f) => ({ ...f, subject: 'net' }));
    const defects = diagnose(findings);
    expect(defects.map((d) => [d.cause, d.findings.includes(findings.length - 1)])).toEqual([['missing-mean', true]]);
    sameWhenReworded(findings);
  });
});
