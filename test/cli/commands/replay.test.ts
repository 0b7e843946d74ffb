import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.ts';

// A user's project: counterexamples are saved into it (.nncheck/counterexamples/) and replayed there.
describe('nncheck check --save-counterexamples and nncheck replay', () => {
  it('saves into the project, replay fails while the bug is there and passes once it is fixed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-replay-'));
    copyFileSync('fixtures/user/ts_hard_relu.ts', join(dir, 'net.ts'));
    const check = runCli(
      ['check', 'net.ts', '--suite', 'activations', '--runs', '50', '--quiet', '--save-counterexamples'],
      { cwd: dir },
    );
    expect(check.code).toBe(1);
    const saved = readdirSync(join(dir, '.nncheck', 'counterexamples'));
    expect(saved).toEqual(['net-ts.activations.derivative-matches-forward.json']);
    expect(JSON.parse(readFileSync(join(dir, '.nncheck', 'counterexamples', saved[0]), 'utf8')).load).toEqual({
      target: 'net.ts',
    });

    const broken = runCli(['replay'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/✗ still fails: net.ts › activations › the derivative agrees/);
    expect(broken.stdout).toMatch(
      new RegExp(
        'replay: npx nncheck check net.ts --suite activations --property activations\\.derivative-matches-forward ' +
          '--seed 42 --runs 50 --path [\\d:]+',
      ),
    );

    const source = readFileSync(join(dir, 'net.ts'), 'utf8');
    writeFileSync(join(dir, 'net.ts'), source.replace('(Z[i][j] > 0 ? g : 0)', '(Z[i][j] > 0 ? g : A * g)'));
    const fixed = runCli(['replay', '.nncheck/counterexamples'], { cwd: dir });
    expect(fixed.stdout).toMatch(/✓ fixed: net.ts › activations/);
    expect(fixed.code).toBe(0);
  });
  it('says so when there is nothing to replay, and names a folder that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-replay-'));
    const none = runCli(['replay'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no saved counterexamples in .nncheck\/counterexamples/);
    const missing = runCli(['replay', 'nowhere'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no folder nowhere/);
  });
});

describe('--property names a property by its id', () => {
  const run = (property: string) =>
    runCli(['check', 'reference:relu', '--suite', 'softmax', '--property', property, '--runs', '5']);
  it('runs the one property with that id', () => {
    const r = run('softmax.rows-sum-to-one');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ softmax › rows lie in \[0, 1\] and sum to 1: held on 5 generated cases/);
    expect(r.stdout).not.toMatch(/softmax › adding a constant/);
    expect(r.stderr).toBe('');
  });
  it('still takes the full sentence of an older command line, with a note naming the id', () => {
    const r = run('rows lie in [0, 1] and sum to 1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ softmax › rows lie in \[0, 1\] and sum to 1/);
    expect(r.stderr).toMatch(/note: --property takes a property's id; .* use --property softmax\.rows-sum-to-one/);
  });
  it('an unknown id is a usage error listing the ids of the chosen suites', () => {
    const r = run('softmax.nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no property 'softmax\.nope' in suite softmax/);
    expect(r.stderr).toMatch(/fix: use one of these ids: softmax\.rows-sum-to-one, softmax\.shift-invariant, /);
  });
  it('free ops: an id runs that one property, an unknown one is a usage error listing their ids', () => {
    const script = 'fixtures/scripts/mutants/no_max_softmax.py';
    const one = runCli(['check', script, '--suite', 'ops', '--property', 'ops.softmax-finite:softmax', '--runs', '10']);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/✗ ops › softmax\(\): probabilities are finite/);
    expect(one.stdout).not.toMatch(/ops › softmax\(\): adding a constant/);
    const typo = runCli(['check', script, '--suite', 'ops', '--property', 'ops.softmax-finite:sofmax']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/no property 'ops\.softmax-finite:sofmax' among the free ops/);
    expect(typo.stderr).toMatch(/use one of these ids: ops\.softmax-sums-to-one:softmax, /);
  });
  it('check --help says where the ids are', () => {
    const r = runCli(['check', '--help']);
    expect(r.stdout).toMatch(/--property <id>/);
    expect(r.stdout).toMatch(/softmax\.rows-sum-to-one/);
  });
});
