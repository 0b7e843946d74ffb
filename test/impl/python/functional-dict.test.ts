/**
 * The functional contract as people write it: init_params returning a dict ({'W1': ..., 'b1': ...}),
 * forward returning (probs, cache), loss and gradients taking integer labels and returning a grads
 * dict (fixtures/zoo/functional_dict.py). nncheck reads the dict's keys from init_params and the
 * label form by a probe, says so in a note, and still catches a real bug; a returned value it
 * cannot convert is never reported as the user's function raising.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkImplementation } from '../../../src/api/check.ts';
import { SetupError } from '../../../src/impl/adapters/setup-error.ts';
import { SUITES } from '../../../properties/suites/index.ts';

const ZOO = 'fixtures/zoo/functional_dict.py';
const source = readFileSync(ZOO, 'utf8');
const settings = { seed: 42, runs: 10 };

/** The zoo file with one edit (it must apply). */
function variant(name: string, from: string, to: string): string {
  expect(source.includes(from), `${name}: ${from}`).toBe(true);
  const file = join(mkdtempSync(join(tmpdir(), 'nncheck-fndict-')), `${name}.py`);
  writeFileSync(file, source.replace(from, to));
  return file;
}

describe('the functional contract with a params dict and integer labels', () => {
  it('is read with the dict of init_params and index labels, noted, and passes', async () => {
    const r = await checkImplementation(ZOO, { catalogue: SUITES, suites: ['network', 'gradients'], settings });
    const notes = r.subjects[0].notes.join('\n');
    expect(notes).toContain('functional contract read with params as the dict init_params returns (W1, b1, W2, b2)');
    expect(notes).toContain('labels read as class indices: loss() and gradients() raise on one-hot rows');
    expect(r.findings.filter((f) => f.verdict !== 'pass' && f.severity !== 'info').map((f) => f.message)).toEqual([]);
    expect(r.summary.exitCode).toBe(0);
  }, 120_000);

  it('the mutant whose gradients are not divided by N is caught as missing-mean', async () => {
    const r = await checkImplementation('fixtures/real-code/functional_dict_grad_not_averaged.py', {
      catalogue: SUITES,
      suites: ['network', 'gradients'],
      settings,
    });
    const bugs = r.findings.filter((f) => f.verdict === 'fail' && f.severity === 'bug');
    expect(bugs.find((f) => f.id === 'gradients.match-finite-differences')?.message).toContain('missing-mean');
    expect(bugs.some((f) => f.cause === 'missing-mean')).toBe(true);
    expect(r.summary.exitCode).toBe(1);
  }, 120_000);

  it('a grads dict without a key is named as returned, not as gradients() raising', async () => {
    const file = variant('no_b1_grad', "    grads['b1'] = dz1.sum(axis=0)\n", '');
    const r = await checkImplementation(file, { catalogue: SUITES, suites: ['network'], settings });
    const red = r.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error').map((f) => f.message);
    expect(red.join('\n')).toContain("returned gradients as a dict with keys 'W2', 'b2', 'W1', without 'b1'");
    expect(red.join('\n')).not.toMatch(/raised/);
    expect(r.summary.exitCode).toBe(1);
  }, 120_000);

  it("init_params returning what nncheck cannot convert is a setup error that says so, not 'raised'", async () => {
    const file = variant('init_strings', "'b1': np.zeros(n_hidden),", "'b1': 'zeros',");
    const e = await checkImplementation(file, { catalogue: SUITES, suites: ['network'], settings }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(SetupError);
    const message = (e as SetupError).message;
    expect(message).toContain("init_params()[1] returned a str ('zeros'), which nncheck could not read as an array");
    expect(message).not.toMatch(/raised/);
  }, 60_000);
});
