import type { Finding } from '../../src/findings/finding.ts';
import type { RunSettings } from '../../src/engine/harness.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { escalate, runOwn, trainerOf, OWN_HIDDEN, type OwnRun, type TrainData } from '../../src/engine/own-train.ts';
import { probeOwnRates, type OwnLrProbe } from '../../src/engine/own-lr-probe.ts';
import { THRESHOLDS as T } from '../../src/diagnostics/thresholds.ts';
import { unitStats } from '../../src/diagnostics/units.ts';
import { tensorNames } from '../../src/impl/implementation.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { describeTrainData } from '../../src/engine/train-data.ts';
import { ownTrainData, referenceAccuracy, standardised } from './own-train-data.ts';
import {
  f,
  learnsFinding,
  OWN_TRAIN_IDS,
  P,
  pct,
  rateCause,
  relu0,
  skipped,
  SUITE,
  type Ok,
  type OwnTrainCheck,
} from './own-train-judge.ts';

export { P };

export const ownTrainSuite: Suite = {
  name: SUITE,
  ids: Object.values(OWN_TRAIN_IDS),
  description:
    "the implementation's own train() as written: mapped by its signature, given enough updates, " +
    'judged by what it does',
  run: async (s: Subject, _settings: RunSettings): Promise<Finding[]> => {
    const { impl } = s;
    const trainer = trainerOf(impl);
    if (!trainer) return [];
    const all: OwnTrainCheck[] = Object.values(P);
    const d: TrainData = s.trainData ?? ownTrainData(s.trainDataset ?? 'digits');
    const seen = `${d.name} (${d.scaling}, ${d.train.X.rows} training rows)`;
    if (!impl.notes.includes(describeTrainData(d))) impl.notes.push(describeTrainData(d));
    for (const n of trainer.notes) if (!impl.notes.includes(n)) impl.notes.push(n);
    if (trainer.unmapped) {
      return [
        f(P.runs, 'error', 'warning', `${trainer.signature} cannot be called: ${trainer.unmapped}`, {
          cause: 'train-signature-unmapped',
        }),
        ...skipped(all.slice(1), `train() cannot be called (${trainer.unmapped})`),
      ];
    }
    const target = (await referenceAccuracy(d, impl.activation)) - T.ownLearnsWithin;
    const esc = await escalate(impl, trainer, d, target, T.ownTrainMs);
    const last = esc.runs[esc.runs.length - 1];
    const budgetOf = (r: OwnRun) =>
      trainer.budget && r.budget !== null ? `${trainer.budget.name} = ${r.budget}` : 'its default budget';
    const fault = (last as { error?: { kind?: string } }).error?.kind;
    if (!last.ok && fault === 'not-run') return skipped(all, last.error.message); // the circuit breaker refused a call
    if (!last.ok) {
      return [
        f(
          P.runs,
          'error',
          'bug',
          `${trainer.signature} ${fault === 'timeout' ? 'timed out' : 'raised'} at ${budgetOf(last)}: ` +
            last.error.message,
          {
            cause: fault === 'timeout' ? 'call-timeout' : 'train-raises',
            detail: last.error.detail,
            location: 'train()',
          },
        ),
        ...skipped(all.slice(1), 'train() raised (see its traceback)'),
      ];
    }
    const out: Finding[] = [
      f(
        P.runs,
        'pass',
        'none',
        `${trainer.signature} ran on ${seen} at ${esc.runs.map(budgetOf).join(', ')} ` +
          `(escalation stopped: ${esc.stopped}; time budget ${T.ownTrainMs / 1000} s)`,
      ),
    ];
    const ok = esc.runs.filter((r): r is Ok => r.ok);
    const best = ok
      .filter((r) => r.finite)
      .reduce<Ok | undefined>((a, b) => (!a || b.testAccuracy > a.testAccuracy ? b : a), undefined);
    const Y = oneHot(d.train.labels, d.K);
    const initial = last.initial ?? (await impl.initParams(d.train.X.cols, OWN_HIDDEN, d.K, 0).catch(() => null));
    const start = initial ? await impl.loss(initial, d.train.X, Y, 0).catch(() => NaN) : NaN;
    const rises = last.finite && Number.isFinite(start) && last.loss > start * (1 + T.ownLossRise);
    const bad = !last.finite || rises;
    // The same loop on the standardised split, once, when raw inputs go wrong: "works only on standardised inputs".
    let stdRun: Promise<OwnRun> | undefined;
    const onStandardised = () =>
      (stdRun ??=
        d.scaling === 'raw' ? runOwn(impl, trainer, standardised(d), last.budget, null) : Promise.resolve(last));
    const dead =
      last.finite && relu0(impl.activation)
        ? unitStats(last.final, impl.layout, impl.activation, d.train.X).deadFraction
        : 0;
    const collapsed = dead >= T.ownCollapseDead && last.trainAccuracy <= 1 / d.K + T.ownCollapseAboveChance;
    const slow = !best || best.testAccuracy < target;
    let probe: OwnLrProbe | undefined;
    if ((bad || collapsed || slow) && trainer.rate) {
      const fits = ok.filter((r) => r.ms * 8 <= T.ownProbeMs);
      const at = fits[fits.length - 1] ?? ok[0];
      probe = await probeOwnRates(impl, trainer, d, at.budget, at, T.ownProbeMs);
    }
    const why = probe
      ? `; learning-rate probe of your train(): ${probe.sentence}`
      : trainer.rate
        ? ''
        : '; train() takes no learning rate, so no rate was probed';
    const relu = impl.activation === 'relu' || impl.activation === 'leaky_relu';
    const rc = rateCause(probe, relu, d.scaling === 'raw');
    const numbers = {
      startLoss: start,
      finalLoss: last.finite ? last.loss : null,
      testAccuracy: best?.testAccuracy ?? 0,
      budget: last.budget,
      bestLr: probe?.best.lr ?? null,
    };
    const extra = {
      numbers,
      data: {
        runs: esc.runs.map(({ ok: o, budget, lr, ms, ...r }) => ({
          ok: o,
          budget,
          lr,
          ms,
          loss: 'loss' in r ? r.loss : null,
          testAccuracy: 'testAccuracy' in r ? r.testAccuracy : null,
        })),
        probe,
      },
    };
    out.push(
      f(
        P.finite,
        last.finite ? 'pass' : 'fail',
        'bug',
        last.finite
          ? `finite at every budget tried`
          : `the loss or the parameters are NaN/Inf after train() at ${budgetOf(last)}${why}`,
        {
          ...extra,
          cause: last.finite ? undefined : rc.cause === 'lr-too-high' ? 'lr-too-high' : 'training-nan',
          hint: rc.hint,
        },
      ),
    );
    if (last.finite && Number.isFinite(start)) {
      const std = rises ? await onStandardised() : undefined;
      const stdLearns = std !== last && std?.ok && std.finite && std.testAccuracy >= target;
      if (rises && stdLearns) {
        out.push(
          f(
            P.falls,
            'pass',
            'info',
            `the loss rises on raw inputs ` +
              `(${start.toPrecision(4)} → ${last.loss.toPrecision(4)} at ${budgetOf(last)}), ` +
              `but train() learns the standardised inputs (${pct(std.testAccuracy)}): ` +
              `it works only on standardised inputs${why}`,
            {
              ...extra,
              hint:
                rc.hint ?? 'standardise the inputs before calling train(), or lower the learning rate for raw inputs',
            },
          ),
        );
      } else
        out.push(
          f(
            P.falls,
            rises ? 'fail' : 'pass',
            'bug',
            `loss ${start.toPrecision(4)} at the initial parameters, ` +
              `${last.loss.toPrecision(4)} after train() at ${budgetOf(last)}${rises ? why : ''}`,
            { ...extra, cause: rises ? (rc.cause ?? 'loss-rises') : undefined, hint: rc.hint },
          ),
        );
    }
    if (initial && last.finite) {
      const names = tensorNames(impl.layout, initial.length);
      const same = initial
        .map((m, i) =>
          last.final[i] && m.data.every((x, j) => Object.is(x, last.final[i].data[j])) ? names[i].name : null,
        )
        .filter((x): x is string => x !== null);
      const from = last.initial ? 'the parameters it started from' : 'init_params(D, H, K, seed)';
      out.push(
        f(
          P.updates,
          same.length ? 'fail' : 'pass',
          'bug',
          same.length
            ? `train() never updates ${same.join(', ')} (compared with ${from})`
            : `train() changed every parameter tensor (compared with ${from})`,
          {
            cause: same.length ? 'params-never-updated' : undefined,
            hint: same.length
              ? `add the update of ${same.join(', ')} to the loop (e.g. params['b1'] -= lr * grads['b1'])`
              : undefined,
          },
        ),
      );
    }
    if (relu && !last.finite) out.push(...skipped([P.alive], 'the parameters are NaN/Inf, so no unit can be read'));
    else if (relu) {
      out.push(
        f(
          P.alive,
          collapsed ? 'fail' : 'pass',
          'bug',
          `${(100 * dead).toFixed(0)}% of hidden units dead, ` +
            `training accuracy ${pct(last.trainAccuracy)} (chance ${pct(1 / d.K)}) ` +
            `after train() at ${budgetOf(last)}${collapsed ? why : ''}`,
          {
            ...extra,
            cause: collapsed ? (rc.cause ?? 'training-collapse') : undefined,
            hint: collapsed ? (rc.hint ?? 'lower the learning rate or standardise the inputs') : undefined,
          },
        ),
      );
    }
    if (last.finite && !collapsed)
      out.push(await learnsFinding(d, best, target, slow, why, rc, extra, budgetOf, onStandardised));
    const effects = [...new Set(ok.flatMap((r) => r.sideEffects))];
    out.push(
      f(
        P.pure,
        effects.length ? 'fail' : 'pass',
        'warning',
        effects.length ? effects.join('; ') : 'train() left X, y, X_val, y_val and the params dict keys as they were',
        { cause: effects.length ? 'mutates-inputs' : undefined },
      ),
    );
    // Dead units are a ReLU-family measure: for other activations that check does not apply (no skip).
    const applies = (p: OwnTrainCheck) => p !== P.alive || relu;
    const reason = !last.finite
      ? 'the loss or the parameters are NaN/Inf after train()'
      : collapsed
        ? 'train() collapsed'
        : 'no initial parameters to compare with';
    for (const p of all) if (applies(p) && !out.some((x) => x.property === p)) out.push(...skipped([p], reason));
    return out;
  },
};
