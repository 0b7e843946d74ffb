import { describe, it, expect } from 'vitest';
import { loadBuiltin } from '../../src/data/builtin.ts';
import { prepare } from '../../src/data/preprocess.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { monitoredTraining } from '../../src/diagnostics/monitor.ts';
import { diagnoseRun } from '../../src/diagnostics/findings.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { forgetsBiases, sigmoidEraLearningRate } from '../../fixtures/mutants/trainers.ts';
import { runSuites } from '../../src/engine/run-suites.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { SUITES } from '../../properties/suites/index.ts';

async function diagnose(impl: NetworkImplementation, lr: number, raw: boolean, epochs = 4) {
  const { train } = prepare(loadBuiltin('digits', 0), { seed: 0, raw });
  const init = await impl.initParams(64, 32, 10, 0);
  const run = await monitoredTraining(impl, init, train.X, oneHot(train.labels, 10), train.labels, { lr, epochs, batchSize: 32, seed: 0 });
  return diagnoseRun(impl, run, 'run');
}
const failed = (fs: { verdict: string; property: string }[]) => fs.filter((f) => f.verdict === 'fail').map((f) => f.property);

describe('training diagnostics', () => {
  it('raise nothing on the reference networks trained sensibly', async () => {
    for (const a of ACTIVATIONS) {
      const findings = await runSuites({ impl: referenceImplementation(a) }, { catalogue: SUITES, suites: ['diagnostics'], settings: { seed: 0, runs: 1 } });
      expect(failed(findings)).toEqual([]);
    }
  });
  it('find dead ReLU units: ReLU with lr 0.5 on raw pixels', async () => {
    const f = await diagnose(referenceImplementation('relu'), 0.5, true);
    const dead = f.find((x) => x.property === 'run: ReLU units stay alive');
    expect(dead?.verdict).toBe('fail');
    expect(dead?.severity).toBe('bug');
    expect(dead?.cause).toBe('dead ReLU units');
  });
  it('find divergence, with the epoch where NaN first appears', async () => {
    const f = await diagnose(handwritten('relu', 'no-max-softmax'), 1, true);
    const div = f.find((x) => x.property === 'run: loss and parameters stay finite');
    expect(div?.verdict).toBe('fail');
    expect(div?.message).toMatch(/became NaN\/Inf at epoch \d/);
  });
  it('find symmetry never broken: a zero-initialised network', async () => {
    const f = await diagnose(handwritten('sigmoid', 'zero-init'), 0.5, false, 2);
    expect(failed(f)).toContain('run: hidden units differ (symmetry is broken)');
  });
  it('find vanishing gradients and saturation: weights initialised 100× too large', async () => {
    const f = await diagnose(handwritten('sigmoid', 'init-x100'), 0.5, false, 3);
    expect(failed(f)).toContain('run: sigmoid/tanh units are not saturated');
  });
  it('find an update-to-weight ratio far outside [1e-4, 1e-1]', async () => {
    const f = await diagnose(referenceImplementation('tanh'), 1e-7, false, 2);
    expect(failed(f)).toContain('run: update-to-weight ratio within [1e-4, 1e-1]');
  });
  it("find parameters the user's train() never updates", async () => {
    const findings = await runSuites({ impl: forgetsBiases() }, { catalogue: SUITES, suites: ['diagnostics'], settings: { seed: 0, runs: 1 } });
    const f = findings.find((x) => x.property === 'own train() on raw digits: training changes every parameter tensor');
    expect(f?.verdict).toBe('fail');
    expect(f?.message).toBe('training never changed b1, b2');
  });
  it('probe learning rates after a collapse and say which works', async () => {
    const findings = await runSuites({ impl: sigmoidEraLearningRate() }, { catalogue: SUITES, suites: ['diagnostics'], settings: { seed: 0, runs: 1 } });
    const probe = findings.find((x) => x.property.endsWith('learning-rate probe'));
    expect(probe?.message).toMatch(/relu with lr [\d.]+ (diverges at epoch \d|reaches only \d+%) on these inputs; lr [\d.]+ reaches (9\d|100)% in 3 epochs; or standardise the inputs/);
  });
});
