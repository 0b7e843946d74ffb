import { type Matrix, rowSlice } from '../core/matrix.ts';
import { loadBuiltin } from '../data/builtin.ts';
import { prepare } from '../data/preprocess.ts';
import { oneHot } from '../data/dataset.ts';
import { mlpConfig, initParams, cloneParams } from '../nn/mlp.ts';
import { toLayout, type Layout } from '../nn/layouts.ts';
import { forward } from '../nn/forward.ts';
import type { ActivationName } from '../ops/activation.ts';

/** One set of inputs compare runs both networks on, named so the verdict can say what it covered. */
export interface CompareInput {
  name: string;
  describe: string;
  X: Matrix;
  Y: Matrix;
  params: Matrix[];
}

/** How far apart the stress batch puts the rows' largest logits: far past exp's range (≈ 745). */
const ROW_SPREAD = 2000;
const MAX_LOGIT = 1e4;

/**
 * The inputs compare uses: 32 standardised digits with He/Glorot parameters and non-zero biases
 * (benign activations), and the same rows with the output layer scaled so the logits reach the
 * thousands and the rows' largest logits lie ~2000 apart: the stress the property suites put on
 * softmax and loss (exp overflows without a max, one max per batch underflows the far rows).
 */
export function compareInputs(
  activation: ActivationName,
  layout: Layout,
  leakySlope: number | undefined,
  seed: number,
): CompareInput[] {
  const { train } = prepare(loadBuiltin('digits', seed), { seed });
  const idx = Array.from({ length: 32 }, (_, i) => i);
  const X = rowSlice(train.X, idx),
    Y = oneHot(
      Array.from(idx, (i) => train.labels[i]),
      10,
    );
  const config = mlpConfig(64, 16, 10, activation, leakySlope);
  const p = initParams(config, seed);
  // Non-zero biases, so bias terms matter.
  p.biases.forEach((b, l) =>
    b.data.forEach((_, j) => {
      b.data[j] = 0.05 * Math.sin(7 * j + 2 * l + 1);
    }),
  );
  const benign: CompareInput = {
    name: 'digits',
    describe: '32 standardised digits',
    X,
    Y,
    params: toLayout(p, layout),
  };

  const z = forward(config, p, X).pre[1];
  const rowMax = Array.from({ length: z.rows }, (_, i) => Math.max(...z.data.subarray(i * z.cols, (i + 1) * z.cols)));
  const spread = Math.max(...rowMax) - Math.min(...rowMax);
  const biggest = Math.max(...Array.from(z.data, Math.abs));
  const c = Math.min(ROW_SPREAD / Math.max(spread, 1e-12), MAX_LOGIT / Math.max(biggest, 1e-12));
  const scaled = cloneParams(p);
  const last = scaled.weights.length - 1;
  for (const m of [scaled.weights[last], scaled.biases[last]])
    m.data.forEach((v, j) => {
      m.data[j] = v * c;
    });
  const big = (c * biggest).toPrecision(2),
    apart = (c * spread).toPrecision(2);
  const logits = `logits up to ±${big}, row maxima ${apart} apart`;
  const stress: CompareInput = {
    name: 'large logits',
    describe: `the same rows with the output layer ×${c.toPrecision(3)}: ${logits}`,
    X,
    Y,
    params: toLayout(scaled, layout),
  };
  return [benign, stress];
}
