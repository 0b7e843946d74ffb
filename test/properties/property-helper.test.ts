import { describe, it, expect, expectTypeOf } from 'vitest';
import fc from 'fast-check';
import { property, runProperty } from '../../src/engine/harness.ts';

describe('property(): the predicate is checked against its generator', () => {
  it("infers the predicate's parameter from the arbitrary alone", async () => {
    const spec = property({
      id: 'example.sums',
      suite: 'example',
      sentence: 'a sum of small integers is an integer',
      severity: 'bug',
      arbitrary: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 })),
      predicate: (pair) => {
        expectTypeOf(pair).toEqualTypeOf<[number, number]>();
        if (!Number.isInteger(pair[0] + pair[1])) throw new Error('not an integer');
      },
    });
    const f = await runProperty(spec, { seed: 1, runs: 5 });
    expect(f).toMatchObject({ id: 'example.sums', property: spec.sentence, verdict: 'pass' });
  });
  it('a predicate that expects something else is a type error', () => {
    property({
      id: 'example.mismatch',
      suite: 'example',
      sentence: 'never run',
      severity: 'bug',
      arbitrary: fc.integer(),
      // @ts-expect-error: the generator yields numbers, the predicate wants strings
      predicate: (s: string) => void s.length,
    });
  });
});
