import { zeros, type Matrix } from '../core/matrix.ts';
import { allFloat32, isPrecision, type Precision } from '../core/precision.ts';
import { oneHot } from '../data/dataset.ts';
import { createRng } from '../random/rng.ts';
import type { NetworkImplementation } from './implementation.ts';

/** Where the precision came from, for the note printed with every run. */
export type PrecisionSource = 'option' | 'declared' | 'dtype' | 'values' | 'default';

const FLOAT32_DTYPES = new Set(['float32', 'float16', 'bfloat16']);

/**
 * Reads the working precision from what the implementation returns. Inputs are float64
 * values that are not float32 numbers; a float64 computation then returns values that are
 * float32 numbers with probability ~2^-29 each, so when every non-trivial value from forward,
 * loss or gradients over several calls is exactly a float32, that function computes in float32,
 * and the least precise function sets the precision. The bridge also reports the dtypes.
 */
export async function detectPrecision(
  impl: NetworkImplementation,
): Promise<{ precision: Precision; source: PrecisionSource; detail: string }> {
  const D = 5,
    H = 4,
    K = 3,
    N = 4;
  const seen: Record<'forward' | 'loss' | 'gradients', number[]> = { forward: [], loss: [], gradients: [] };
  for (let seed = 0; seed < 3; seed++) {
    const rng = createRng(`precision/${seed}`);
    const X = zeros(N, D);
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
    const Y = oneHot(
      Array.from({ length: N }, (_, i) => (i + seed) % K),
      K,
    );
    try {
      const params = await impl.initParams(D, H, K, seed);
      seen.forward.push(...values([await impl.forward(params, X)]));
      seen.loss.push(await impl.loss(params, X, Y, 0.1));
      seen.gradients.push(...values(await impl.gradients(params, X, Y, 0.1)));
    } catch {
      // A call that throws is the checks' to report; decide from what came back.
    }
  }
  const dtypes = [...(impl.returnedDtypes ?? [])];
  if (dtypes.some((d) => FLOAT32_DTYPES.has(d))) {
    return { precision: 'float32', source: 'dtype', detail: `arrays returned with dtype ${dtypes.join(', ')}` };
  }
  const float32 = (Object.keys(seen) as (keyof typeof seen)[]).filter((k) => {
    const informative = seen[k].filter((x) => Number.isFinite(x) && x !== 0 && !Number.isInteger(x));
    return informative.length >= 3 && allFloat32(informative);
  });
  if (float32.length)
    return {
      precision: 'float32',
      source: 'values',
      detail: `every value ${float32.join(', ')} returned over 3 calls is exactly a float32 number`,
    };
  return { precision: 'float64', source: 'values', detail: 'returned values are not all float32 numbers' };
}

const values = (ms: Matrix[]): number[] => (Array.isArray(ms) ? ms.flatMap((m) => Array.from(m?.data ?? [])) : []);

/** The precision to use: --precision, then the declared PRECISION/precision, then detection. */
export async function resolvePrecision(impl: NetworkImplementation, option?: Precision | 'auto'): Promise<void> {
  if (option && option !== 'auto') {
    impl.precision = option;
    impl.notes.push(
      `precision ${option} (from --precision): tolerances, finite-difference steps and extreme ranges follow it`,
    );
    return;
  }
  if (isPrecision(impl.precision)) {
    impl.notes.push(
      `precision ${impl.precision} (declared): tolerances, finite-difference steps and extreme ranges follow it`,
    );
    return;
  }
  const d = await detectPrecision(impl);
  impl.precision = d.precision;
  impl.notes.push(`precision ${d.precision} (detected: ${d.detail}); override with --precision or PRECISION`);
}
