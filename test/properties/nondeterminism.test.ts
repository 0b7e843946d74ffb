/**
 * network.pure-calls on losses that differ between identical calls: a float32 sum regrouped
 * between calls (a few roundings) is pure enough; dropout left on in loss() is not.
 */
import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { reorderedSum, dropoutLeftOn } from '../../fixtures/mutants/reduction-order.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';

const ID = 'network.pure-calls';
const pureCalls = async (impl: NetworkImplementation) => {
  const [f] = await runSuites(
    { impl },
    { catalogue: SUITES, suites: ['network'], property: ID, settings: { seed: 3, runs: 30 } },
  );
  return f;
};

describe(`${ID} in float32`, () => {
  it('passes a correct loss that adds its per-example losses in another order on every call', async () => {
    const f = await pureCalls(reorderedSum('tanh'));
    expect(f.verdict, f.message).toBe('pass');
  });
  it('fails random dropout left on in loss(), as a bug', async () => {
    const f = await pureCalls(dropoutLeftOn('tanh', 3));
    expect(f.verdict, f.message).toBe('fail');
    expect(f.severity).toBe('bug');
    expect(f.message).toMatch(/two identical loss calls returned/);
  });
});
