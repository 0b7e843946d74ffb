import type { Matrix } from '../core/matrix.ts';
import type { CauseId } from '../findings/causes.ts';
import type { Finding, Severity } from '../findings/finding.ts';
import { finding, outcome } from '../findings/build.ts';
import { tensorNames, type NetworkImplementation } from '../impl/implementation.ts';
import type { EpochDiagnostics, MonitoredRun } from './monitor.ts';
import { THRESHOLDS as T } from './thresholds.ts';
import { unitStats } from './units.ts';

const SUITE = 'diagnostics';
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
/** 1e-4, 1e3: a threshold as written in the table. */
const sci = (x: number) => x.toExponential().replace('e+', 'e');
const RATIO_RANGE = `[${sci(T.updateRatioLow)}, ${sci(T.updateRatioHigh)}]`;

/** What a diagnostic adds to its outcome and message; its cause is an id of the typed table. */
type Extra = Pick<Finding, 'location' | 'hint' | 'numbers' | 'data'> & { cause?: CauseId };

/** A diagnostics finding; its id (`diagnostics.kind`) stays when the sentence changes. */
function f(id: string, property: string, ok: boolean, severity: Severity, message: string, extra: Extra = {}): Finding {
  return finding({ id, suite: SUITE, property, ...outcome(ok, severity), message, ...extra });
}

/** Findings about a training run driven by nncheck, from its per-epoch diagnostics. */
export function diagnoseRun(impl: NetworkImplementation, run: MonitoredRun, label: string): Finding[] {
  const h = run.history;
  const out: Finding[] = [];
  const last = h[h.length - 1];
  const data = { history: h, label, lr: run.lr };
  out.push(
    f(
      'diagnostics.finite',
      `${label}: loss and parameters stay finite`,
      run.firstNonFinite === null,
      'bug',
      run.firstNonFinite === null
        ? `all ${h.length} epochs finite`
        : `the loss or the parameters became NaN/Inf at epoch ${run.firstNonFinite} (lr ${run.lr})`,
      {
        location: run.firstNonFinite === null ? undefined : `epoch ${run.firstNonFinite}`,
        hint: 'divergence: lower the learning rate, standardise the inputs, or check exp/log for overflow',
        cause: run.firstNonFinite === null ? undefined : 'training-nan',
        data,
      },
    ),
  );
  const finite = h.filter((e) => !e.nonFinite);
  if (finite.length >= 2) {
    const best = Math.min(...finite.map((e) => e.loss));
    const falls = best <= finite[0].loss * (1 - T.minRelativeFall);
    out.push(
      f(
        'diagnostics.loss-falls',
        `${label}: the loss falls`,
        falls,
        'bug',
        `loss ${finite[0].loss.toPrecision(4)} at epoch 1, best ${best.toPrecision(4)}`,
        {
          hint:
            'no progress: the learning rate is far too small or too large, ' +
            'or the gradient does not belong to the loss',
        },
      ),
    );
  }
  const relu = impl.activation === 'relu' || impl.activation === 'leaky_relu';
  if (relu && last && !last.nonFinite) {
    const peak = Math.max(...finite.map((e) => e.deadFraction));
    const at = finite.find((e) => e.deadFraction === peak);
    out.push(
      f(
        'diagnostics.relu-alive',
        `${label}: ReLU units stay alive`,
        peak < T.deadWarn,
        peak >= T.deadBug ? 'bug' : 'warning',
        `${pct(peak)} of hidden units are dead (inactive on every training row) at epoch ${at?.epoch}`,
        {
          numbers: { deadFraction: peak, epoch: at?.epoch ?? null },
          cause: peak >= T.deadWarn ? 'dead-relu' : undefined,
          hint: 'units that never activate get no gradient: lower the learning rate or standardise the inputs',
        },
      ),
    );
  }
  if (!relu && last && !last.nonFinite) {
    out.push(
      f(
        'diagnostics.not-saturated',
        `${label}: sigmoid/tanh units are not saturated`,
        last.saturatedFraction < T.saturatedWarn,
        'warning',
        `${pct(last.saturatedFraction)} of hidden units saturated at the last epoch`,
        {
          cause: last.saturatedFraction >= T.saturatedWarn ? 'saturated-units' : undefined,
          hint: 'saturated units pass almost no gradient: standardise the inputs or scale the initial weights down',
        },
      ),
    );
  }
  if (last && !last.nonFinite) {
    out.push(
      f(
        'diagnostics.symmetry-broken',
        `${label}: hidden units differ (symmetry is broken)`,
        last.identicalPairs === 0,
        'bug',
        last.identicalPairs
          ? `${last.identicalPairs} pairs of hidden units have identical incoming weights`
          : 'every hidden unit has its own weights',
        {
          cause: last.identicalPairs ? 'symmetric-init' : undefined,
          hint: 'identical initial weights (e.g. all zeros) give identical units forever: initialise randomly',
        },
      ),
    );
    const ratios = finite.flatMap((e) => Object.entries(e.updateRatio).map(([t, r]) => ({ t, r, epoch: e.epoch })));
    const bad = ratios.find((x) => !(x.r >= T.updateRatioLow && x.r <= T.updateRatioHigh));
    out.push(
      f(
        'diagnostics.update-ratio',
        `${label}: update-to-weight ratio within ${RATIO_RANGE}`,
        !bad,
        'warning',
        bad
          ? `‖ΔW‖/‖W‖ of ${bad.t} is ${bad.r.toExponential(2)} at epoch ${bad.epoch}`
          : `every weight update is between ${sci(T.updateRatioLow)} and ${sci(T.updateRatioHigh)} of its weights`,
        {
          hint:
            bad && bad.r > T.updateRatioHigh
              ? 'updates are too large: lower the learning rate'
              : 'updates are too small: raise the learning rate or check for vanishing gradients',
        },
      ),
    );
    out.push(gradientNormFinding(label, finite));
  }
  return out;
}

function gradientNormFinding(label: string, h: EpochDiagnostics[]): Finding {
  for (const t of Object.keys(h[0]?.gradNorm ?? {})) {
    const first = h[0].gradNorm[t];
    for (const e of h) {
      const g = e.gradNorm[t];
      if (first > 0 && g > first * T.explodingFactor)
        return f(
          'diagnostics.gradient-norms',
          `${label}: gradient norms neither explode nor vanish`,
          false,
          'warning',
          `‖∇${t}‖ grew from ${first.toExponential(2)} to ${g.toExponential(2)} by epoch ${e.epoch}`,
          { cause: 'exploding-gradients' },
        );
      if (g < T.vanishingNorm && h[h.length - 1].accuracy < T.vanishingAccuracy)
        return f(
          'diagnostics.gradient-norms',
          `${label}: gradient norms neither explode nor vanish`,
          false,
          'warning',
          `‖∇${t}‖ is ${g.toExponential(2)} at epoch ${e.epoch} while accuracy is ${pct(h[h.length - 1].accuracy)}`,
          {
            cause: 'vanishing-gradients',
            hint: "saturated or dead units pass no gradient: check the initial scale and the inputs' scale",
          },
        );
    }
  }
  return f(
    'diagnostics.gradient-norms',
    `${label}: gradient norms neither explode nor vanish`,
    true,
    'none',
    `gradient norms stay within ${sci(T.explodingFactor)}× of their first epoch and above ${sci(T.vanishingNorm)}`,
  );
}

/** A tensor the training loop never changed (e.g. biases the update forgets): compare with the initial values. */
export function unchangedTensors(
  impl: NetworkImplementation,
  initial: Matrix[],
  final: Matrix[],
  label: string,
): Finding {
  const names = tensorNames(impl.layout, initial.length);
  const same = initial
    .map((m, i) => (final[i] && m.data.every((x, j) => Object.is(x, final[i].data[j])) ? names[i].name : null))
    .filter((x): x is string => x !== null);
  return f(
    'diagnostics.every-tensor-trained',
    `${label}: training changes every parameter tensor`,
    same.length === 0,
    'bug',
    same.length ? `${label}: training never changed ${same.join(', ')}` : `${label}: every parameter tensor changed`,
    {
      cause: same.length ? 'params-never-updated' : undefined,
      hint: 'the update loop skips these tensors (e.g. W1 -= lr*dW1 without b1 -= lr*db1)',
    },
  );
}

/** Final-state checks for a network trained by the user's own loop. */
export function diagnoseFinal(impl: NetworkImplementation, params: Matrix[], X: Matrix, label: string): Finding[] {
  const s = unitStats(params, impl.layout, impl.activation, X);
  const out: Finding[] = [];
  if (impl.activation === 'relu' || impl.activation === 'leaky_relu') {
    out.push(
      f(
        'diagnostics.relu-alive',
        `${label}: ReLU units stay alive`,
        s.deadFraction < T.deadWarn,
        s.deadFraction >= T.deadBug ? 'bug' : 'warning',
        `${pct(s.deadFraction)} of hidden units are dead after training`,
        {
          cause: s.deadFraction >= T.deadWarn ? 'dead-relu' : undefined,
          numbers: { deadFraction: s.deadFraction },
        },
      ),
    );
  }
  out.push(
    f(
      'diagnostics.symmetry-broken',
      `${label}: hidden units differ (symmetry is broken)`,
      s.identicalPairs === 0,
      'bug',
      s.identicalPairs
        ? `${s.identicalPairs} pairs of hidden units are identical after training`
        : 'every hidden unit has its own weights',
    ),
  );
  return out;
}
