import { it, expect } from 'vitest';
import { describeImplementation, installMatchers } from 'nncheck/vitest';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

installMatchers();

// Registers one test per property of the chosen suites, for a TypeScript module.
await describeImplementation('examples/ts_network.ts', { suites: ['softmax', 'network'], settings: { runs: 25 } });

// A counterexample saved (by check --save-counterexamples) against a network since fixed
// replays as its own test, which passes: "saved counterexamples › activations › ...".
const project = mkdtempSync(join(tmpdir(), 'nncheck-vitest-cx-'));
const fixedNet = join(project, 'net.ts');
writeFileSync(
  fixedNet,
  readFileSync('fixtures/user/ts_hard_relu.ts', 'utf8').replace('(Z[i][j] > 0 ? g : 0)', '(Z[i][j] > 0 ? g : A * g)'),
);
mkdirSync(join(project, 'cx'));
writeFileSync(
  join(project, 'cx', 'net.json'),
  JSON.stringify({
    suite: 'activations',
    property: 'the derivative agrees with the forward away from kinks',
    implementation: 'net.ts',
    seed: 42,
    runs: 50,
    path: Array(31).fill(0).join(':'),
    message: 'saved',
    load: { target: relative(process.cwd(), fixedNet) },
  }),
);
await describeImplementation(fixedNet, { suites: [], counterexamples: join(project, 'cx') });

it('toHaveCorrectGradients passes a correct network and fails a broken one with the finding', async () => {
  await expect('examples/ts_network.ts').toHaveCorrectGradients({ settings: { runs: 10 } });
  await expect(handwritten('relu', 'missing-mean')).not.toHaveCorrectGradients({ settings: { runs: 10 } });
  await expect(
    expect(handwritten('relu', 'missing-mean')).toHaveCorrectGradients({ settings: { runs: 10 } }),
  ).rejects.toThrow(/missing-mean/);
});

it('toPassSuite names the suite', async () => {
  await expect(handwritten('relu', 'none')).toPassSuite('cross-entropy', { settings: { runs: 10 } });
  await expect(handwritten('sigmoid', 'bce-loss')).not.toPassSuite('cross-entropy', { settings: { runs: 10 } });
});

it('a typo in a suite name fails (matchers and the API validate names as the CLI does)', async () => {
  await expect(expect(handwritten('relu', 'none')).toPassSuite('sofmax')).rejects.toThrow(
    /unknown suite 'sofmax'.*|use one of/,
  );
  await expect(expect(handwritten('relu', 'none')).not.toPassSuite('sofmax')).rejects.toThrow(/unknown suite 'sofmax'/);
  const { checkImplementation } = await import('../../src/api/check.ts');
  const { SUITES } = await import('../../properties/suites/index.ts');
  await expect(
    checkImplementation('reference:relu', { catalogue: SUITES, suites: ['sofmax'], settings: { seed: 0, runs: 1 } }),
  ).rejects.toThrow(/unknown suite 'sofmax'/);
  await expect(
    checkImplementation('reference:relu', {
      catalogue: SUITES,
      suites: ['softmax'],
      property: 'no such property',
      settings: { seed: 0, runs: 1 },
    }),
  ).rejects.toThrow(/no property 'no such property' in suite softmax/);
});
