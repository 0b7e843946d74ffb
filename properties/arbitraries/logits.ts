import fc from 'fast-check';

/** Logits are plain number[][] so shrunk counterexamples print readably. */
export type Rows = number[][];

const row = (K: number, value: fc.Arbitrary<number>) => fc.array(value, { minLength: K, maxLength: K });

/** N×K logits of moderate size (|z| ≤ 50). */
export const wellScaledLogits = (opts: { maxN?: number; maxK?: number } = {}) =>
  fc
    .record({ N: fc.integer({ min: 1, max: opts.maxN ?? 6 }), K: fc.integer({ min: 2, max: opts.maxK ?? 6 }) })
    .chain(({ N, K }) =>
      fc.array(row(K, fc.double({ min: -50, max: 50, noNaN: true })), { minLength: N, maxLength: N }),
    );

/**
 * Logits where real training goes and naive code breaks: up to ±1e4 (a network trained long or
 * with a high learning rate reaches thousands), with the edges of exp in float64 (709.78
 * overflow, 745.13 underflow) and float32 (88.72, 103.28). Far beyond (|z| ≳ 1e15 in float64)
 * a logit's O(1) differences are not representable: no implementation can be judged there.
 */
export const EXTREME_LOGIT = 1e4;
export const extremeLogits = (opts: { maxN?: number; maxK?: number; bound?: number } = {}) => {
  const b = opts.bound ?? EXTREME_LOGIT;
  const value = fc.oneof(
    fc.constantFrom(1e3, -1e3, b, -b, 0, 709, -745, 89, -104),
    fc.double({ min: -b, max: b, noNaN: true }),
  );
  return fc
    .record({ N: fc.integer({ min: 1, max: opts.maxN ?? 5 }), K: fc.integer({ min: 2, max: opts.maxK ?? 5 }) })
    .chain(({ N, K }) => fc.array(row(K, value), { minLength: N, maxLength: N }));
};

/**
 * Batches whose row maxima differ by 750 to ~9000 (≤ 1e4): against one global max, exp of
 * the lower rows underflows to 0 (past 745 in float64, 103 in float32) and they become 0/0.
 */
export const farApartRows = () =>
  fc
    .record({
      K: fc.integer({ min: 2, max: 5 }),
      offsets: fc.array(fc.integer({ min: 750, max: 3000 }), { minLength: 1, maxLength: 3 }),
      seedRow: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ K, offsets, seedRow }) => {
      const rows: Rows = [seedRow.slice(0, K)];
      let base = 0;
      for (const o of offsets) {
        base += o;
        rows.push(seedRow.slice(0, K).map((v, j) => v + base + j * 0.5));
      }
      return rows;
    });

/** Integer class labels for N rows of K classes. */
export const labelsFor = (N: number, K: number) =>
  fc.array(fc.integer({ min: 0, max: K - 1 }), { minLength: N, maxLength: N });
