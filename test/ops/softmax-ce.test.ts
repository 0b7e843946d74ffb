import { describe, it, expect } from 'vitest';
import { softmax, softmaxBackward } from '../../src/ops/softmax.ts';
import { logSoftmax } from '../../src/ops/log-softmax.ts';
import { crossEntropyFromLogits, crossEntropyBackward } from '../../src/ops/cross-entropy.ts';
import { l2Penalty, l2BackwardInto } from '../../src/ops/l2.ts';
import { fromRows, zeros, type Matrix } from '../../src/core/matrix.ts';
import { oracleSoftmax, oracleLogSoftmax, oracleCrossEntropy, relErrorVsBig } from '../../src/oracle/bignum.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { randomMatrix } from '../helpers/random-matrix.ts';

const MIN_NORMAL = 2.2250738585072014e-308;

function maxRelErrorVsOracle(got: Matrix, oracle: ReturnType<typeof oracleSoftmax>): number {
  let worst = 0;
  for (let i = 0; i < got.rows; i++)
    for (let j = 0; j < got.cols; j++) {
      const t = oracle[i][j];
      if (t.abs().toNumber() < MIN_NORMAL) continue; // only where the true value is a normal float64
      worst = Math.max(worst, relErrorVsBig(got.data[i * got.cols + j], t));
    }
  return worst;
}

const cases: [string, Matrix][] = [
  [
    'hand values',
    fromRows([
      [1, 2, 3],
      [0, 0, 0],
    ]),
  ],
  [
    'logits of ±1000',
    fromRows([
      [1000, -1000, 999.5],
      [-1000, -999, -1000.25],
    ]),
  ],
  [
    'row maxima differing by 2000',
    fromRows([
      [1000, 999, 990],
      [-1000, -1001, -1003.5],
    ]),
  ],
  ['random well-scaled', randomMatrix(8, 10, 'sm', 3)],
  ['random large', randomMatrix(6, 7, 'sml', 400)],
];

describe('softmax and log-softmax vs the BigNumber oracle', () => {
  it('match hand-computed values', () => {
    const p = softmax(fromRows([[1, 2, 3]]));
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)],
      s = e[0] + e[1] + e[2];
    expect(p.data[2]).toBeCloseTo(e[2] / s, 15);
    expect(Array.from(softmax(fromRows([[0, 0, 0, 0]])).data)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
  for (const [name, z] of cases) {
    it(`${name}: relative error ≤ ${TOLERANCES.softmaxVsOracle.rtol}`, () => {
      expect(maxRelErrorVsOracle(softmax(z), oracleSoftmax(z))).toBeLessThanOrEqual(TOLERANCES.softmaxVsOracle.rtol);
      expect(maxRelErrorVsOracle(logSoftmax(z), oracleLogSoftmax(z))).toBeLessThanOrEqual(
        TOLERANCES.softmaxVsOracle.rtol,
      );
    });
  }
  it('softmax backward equals the Jacobian-vector product', () => {
    const z = randomMatrix(2, 4, 'jb'),
      p = softmax(z),
      dp = randomMatrix(2, 4, 'jb2');
    const dz = softmaxBackward(p, dp);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let k = 0; k < 4; k++)
          s += dp.data[i * 4 + k] * p.data[i * 4 + k] * ((j === k ? 1 : 0) - p.data[i * 4 + j]);
        expect(dz.data[i * 4 + j]).toBeCloseTo(s, 14);
      }
  });
});

describe('cross-entropy from logits', () => {
  it('equals log K at zero logits', () => {
    expect(crossEntropyFromLogits(zeros(3, 5), oneHot([0, 2, 4], 5))).toBeCloseTo(Math.log(5), 15);
  });
  for (const [name, z] of cases) {
    it(`${name}: within ${TOLERANCES.crossEntropyVsOracle.rtol} of the oracle`, () => {
      const y = oneHot(
        Array.from({ length: z.rows }, (_, i) => (i * 7) % z.cols),
        z.cols,
      );
      const got = crossEntropyFromLogits(z, y);
      expect(relErrorVsBig(got, oracleCrossEntropy(z, y))).toBeLessThanOrEqual(TOLERANCES.crossEntropyVsOracle.rtol);
    });
  }
  it('is finite for logits of ±1e300', () => {
    const z = fromRows([
      [1e300, -1e300, 0],
      [-1e300, -1e300, 1e300],
    ]);
    const l = crossEntropyFromLogits(z, oneHot([1, 2], 3));
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeCloseTo(1e300, -290);
  });
  it('has gradient (p − y)/N', () => {
    const z = randomMatrix(4, 3, 'ceg'),
      y = oneHot([0, 1, 2, 1], 3);
    const g = crossEntropyBackward(z, y),
      p = softmax(z);
    for (let i = 0; i < 12; i++) expect(g.data[i]).toBeCloseTo((p.data[i] - y.data[i]) / 4, 16);
  });
});

describe('L2 penalty', () => {
  it('is λ/(2N)·ΣW² with gradient (λ/N)·W', () => {
    const W = fromRows([
      [1, -2],
      [3, 0],
    ]);
    expect(l2Penalty([W], 0.5, 4)).toBeCloseTo((0.5 / 8) * 14, 15);
    const g = zeros(2, 2);
    l2BackwardInto(W, 0.5, 4, g);
    expect(Array.from(g.data)).toEqual([0.125, -0.25, 0.375, 0]);
  });
});
