import { tensorOffsets, type Objective } from './objective.ts';
import type { FaultFinding } from './result.ts';

/**
 * Faults visible in one call's outputs: a NaN or Inf loss or gradient at finite parameters,
 * and parameters modified in place by the call.
 */
export function checkOutputs(
  obj: Objective,
  theta: Float64Array,
  sent: Float64Array,
  loss: number,
  grad: Float64Array,
): FaultFinding[] {
  const out: FaultFinding[] = [];
  if (!Number.isFinite(loss)) {
    out.push({
      kind: 'non-finite',
      severity: 'bug',
      message: `the loss is ${loss} at finite parameters`,
      detail: 'usually exp overflow or log(0): subtract the row max before exp and take −log p by log-sum-exp',
    });
  }
  const bad = grad.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    const offsets = tensorOffsets(obj.tensors);
    let t = offsets.length - 1;
    while (t > 0 && offsets[t] > bad) t--;
    const spec = obj.tensors[t],
      local = bad - offsets[t];
    const at = `[${Math.floor(local / spec.cols)}, ${local % spec.cols}]`;
    out.push({
      kind: 'non-finite',
      severity: 'bug',
      message: `the gradient of ${spec.name} is ${grad[bad]} at ${at} for finite parameters`,
    });
  }
  for (let i = 0; i < theta.length; i++) {
    if (!Object.is(theta[i], sent[i])) {
      out.push({
        kind: 'mutated-input',
        severity: 'bug',
        message:
          'computing the gradient modified the parameters passed in (an in-place update inside loss or gradients)',
        detail: 'copy before modifying, or use out-of-place operations (W = W - x, not W -= x)',
      });
      break;
    }
  }
  return out;
}
