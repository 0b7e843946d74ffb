import { TOLERANCES } from '../../core/tolerances.ts';
import type { LayerModule } from './layer-module.ts';
import { layerCase, type LayerCaseSize } from './cases.ts';
import { precisionUnit } from './vjp.ts';

/**
 * The fused softmax + loss backward against the separate pair chained at the same logits:
 * loss.backward(p, y) then softmax.backward(dL/dp) after softmax.forward(z). Returns the worst entry.
 */
export async function fusedAgainstPair(
  mod: LayerModule,
  cls: { fused: string; softmax: string; loss: string },
  size: LayerCaseSize,
) {
  const c = layerCase('fused', size);
  const [Z, Y] = c.slots,
    P = c.dvalues;
  const fused = await mod.run('fused', cls.fused, [[Z, Y]], { dvalues: { ...P, data: P.data.slice() } });
  const dLdp = await mod.run('loss', cls.loss, [[P, Y]], { dvalues: { ...P, data: P.data.slice() } });
  const pair = await mod.run('softmax', cls.softmax, [[Z]], { dvalues: dLdp.grads[0] });
  const u = Math.max(precisionUnit(fused.dtype), precisionUnit(pair.dtype));
  const a = fused.grads[0],
    b = pair.grads[0];
  let worst = { row: 0, col: 0, fused: NaN, pair: NaN, tolerance: 0, passed: a.data.length === b.data.length };
  let worstExcess = -Infinity;
  for (let i = 0; i < Math.min(a.data.length, b.data.length); i++) {
    const r = Math.floor(i / Z.cols);
    let rowScale = 0;
    for (let j = 0; j < Z.cols; j++) rowScale += P.data[r * Z.cols + j] * Math.abs(dLdp.grads[0].data[r * Z.cols + j]);
    const tol = TOLERANCES.fusedVsPair(u, Z.cols, rowScale);
    const excess = Math.abs(a.data[i] - b.data[i]) - tol;
    if (!(excess <= worstExcess) || Number.isNaN(excess)) {
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
      worst = { row: r, col: i % Z.cols, fused: a.data[i], pair: b.data[i], tolerance: tol, passed: false };
    }
  }
  worst.passed = a.data.length === b.data.length && worstExcess <= 0;
  return worst;
}
