import fc from 'fast-check';

/** A small problem: sizes, a seed for inputs and parameters, and an L2 strength. */
export interface NetCase {
  N: number;
  D: number;
  H: number;
  K: number;
  seed: number;
  lam: number;
  /** Integer-valued inputs and zero biases: many ReLU pre-activations land exactly on 0. */
  integer: boolean;
}

export const netCase = (opts: { maxN?: number; lam?: boolean } = {}): fc.Arbitrary<NetCase> =>
  fc.record({
    N: fc.integer({ min: 1, max: opts.maxN ?? 8 }),
    D: fc.integer({ min: 1, max: 5 }),
    H: fc.integer({ min: 1, max: 6 }),
    K: fc.integer({ min: 2, max: 4 }),
    seed: fc.nat(1_000_000),
    // Half the cases at λ = 0, and shrinking reaches λ = 0.
    lam: opts.lam === false ? fc.constant(0) : fc.double({ min: 0, max: 2, noNaN: true }).map((x) => (x < 1 ? 0 : x)),
    integer: fc.boolean(),
  });
