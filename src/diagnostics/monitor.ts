import type { Matrix } from '../core/matrix.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { sgd } from '../impl/sgd.ts';
import { tensorNames } from '../impl/implementation.ts';
import { unitStats } from './units.ts';

export interface EpochDiagnostics {
  epoch: number;
  loss: number;
  accuracy: number;
  /** ‖g‖ per tensor (last mini-batch of the epoch). */
  gradNorm: Record<string, number>;
  /** ‖ΔW‖/‖W‖ per weight tensor over the epoch's last step. */
  updateRatio: Record<string, number>;
  deadFraction: number;
  saturatedFraction: number;
  identicalPairs: number;
  nonFinite: boolean;
}

export interface MonitoredRun {
  history: EpochDiagnostics[];
  initial: Matrix[];
  final: Matrix[];
  firstNonFinite: number | null;
  lr: number;
}

const norm = (m: Matrix) => Math.sqrt(m.data.reduce((s, x) => s + x * x, 0));

/** nncheck-driven SGD over the implementation's gradients, recording diagnostics each epoch. */
export async function monitoredTraining(
  impl: NetworkImplementation,
  initial: Matrix[],
  X: Matrix,
  Y: Matrix,
  labels: Int32Array,
  o: { lr: number; epochs: number; batchSize: number; seed: number; onEpoch?: (d: EpochDiagnostics) => void },
): Promise<MonitoredRun> {
  const names = tensorNames(impl.layout, initial.length);
  const history: EpochDiagnostics[] = [];
  let firstNonFinite: number | null = null;
  const res = await sgd(impl, initial, X, Y, labels, {
    lr: o.lr,
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    onEpoch: (epoch, loss, accuracy, params, grads) => {
      const gradNorm: Record<string, number> = {},
        updateRatio: Record<string, number> = {};
      params.forEach((p, i) => {
        gradNorm[names[i].name] = grads[i] ? norm(grads[i]) : 0;
        if (names[i].kind !== 'bias') {
          // The epoch's last step moved W by lr·g; ‖lr·g‖/‖W‖ is the per-step update ratio.
          updateRatio[names[i].name] = (o.lr * gradNorm[names[i].name]) / Math.max(norm(p), 1e-300);
        }
      });
      const nonFinite = !Number.isFinite(loss) || params.some((p) => p.data.some((x) => !Number.isFinite(x)));
      if (nonFinite && firstNonFinite === null) firstNonFinite = epoch;
      const u = nonFinite
        ? { deadFraction: NaN, saturatedFraction: NaN, identicalPairs: 0 }
        : unitStats(params, impl.layout, impl.activation, X);
      const d: EpochDiagnostics = {
        epoch,
        loss,
        accuracy,
        gradNorm,
        updateRatio,
        deadFraction: u.deadFraction,
        saturatedFraction: u.saturatedFraction,
        identicalPairs: u.identicalPairs,
        nonFinite,
      };
      history.push(d);
      o.onEpoch?.(d);
    },
  });
  return { history, initial, final: res.params, firstNonFinite, lr: o.lr };
}
