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
import { joinRegex } from '../helpers/join-regex.ts';

async function diagnose(impl: NetworkImplementation, lr: number, raw: boolean, epochs = 4) {
  const { train } = prepare(loadBuiltin('digits', 0), { seed: 0, raw });
  const init = await impl.initParams(64, 32, 10, 0);
  const run = await monitoredTraining(impl, init, train.X, oneHot(train.labels, 10), train.labels, {
    lr,
    epochs,
    batchSize: 32,
    seed: 0,
  });
  return diagnoseRun(impl, run, 'run');
}
const failed = (fs: { verdict: string; property: string }[]) =>
  fs.filter((f) => f.verdict === 'fail').map((f) => f.property);

describe('training diagnostics', () => {
  it('raise nothing on the reference networks trained sensibly', async () => {
    for (const a of ACTIVATIONS) {
      const findings = await runSuites(
        { impl: referenceImplementation(a) },
        { catalogue: SUITES, suites: ['diagnostics'], settings: { seed: 0, runs: 1 } },
      );
      expect(failed(findings)).toEqual([]);
    }
  });
  it('find dead ReLU units: ReLU with lr 0.5 on raw pixels', async () => {
    const f = await diagnose(referenceImplementation('relu'), 0.5, true);
    const dead = f.find((x) => x.property === 'run: ReLU units stay alive');
    expect(dead?.verdict).toBe('fail');
    expect(dead?.severity).toBe('bug');
    expect(dead?.cause).toBe('dead-relu');
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
    const findings = await runSuites(
      { impl: forgetsBiases() },
      { catalogue: SUITES, suites: ['own-train'], settings: { seed: 0, runs: 1 } },
    );
    const f = findings.find((x) => x.property === 'train() updates every parameter tensor');
    expect(f?.verdict).toBe('fail');
    expect(f?.cause).toBe('params-never-updated');
    expect(f?.message).toMatch(/^train\(\) never updates b1, b2 /);
  });
  it('probe learning rates after a collapse and say which works', async () => {
    // The probe drives the user's own train() with explicit rates, not nncheck's loop.
    const findings = await runSuites(
      { impl: sigmoidEraLearningRate() },
      { catalogue: SUITES, suites: ['own-train'], settings: { seed: 0, runs: 1 } },
    );
    const bad = findings.find((x) => x.verdict === 'fail' && x.severity === 'bug');
    expect(bad?.message).toMatch(
      joinRegex(
        /learning-rate probe of your train\(\): train\(\) (diverges \(NaN\/Inf\)|reaches \d+%) at its default rate /,
        /\(it behaves exactly as lr 0\.5\); (9\d|100)% at lr 0?\.\d+/,
      ),
    );
    expect(bad?.cause).toBe('lr-too-high');
    expect(bad?.hint).toMatch(/sigmoid-era learning rate on raw inputs: use lr 0?\.\d+/);
  });
});
