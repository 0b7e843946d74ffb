import { loadBuiltin } from '../../src/data/builtin.ts';
import { LEARNING_RATES } from '../../src/nn/learning-rates.ts';
import { prepare } from '../../src/data/preprocess.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { rowSlice } from '../../src/core/matrix.ts';
import { sgd } from '../../src/impl/sgd.ts';
import type { Finding, Severity } from '../../src/findings/finding.ts';
import { finding as build, outcome, type Outcome } from '../../src/findings/build.ts';
import { CONFIGS, loadBaselines, runConfig, BASELINE_SEEDS } from '../../src/engine/baselines.ts';
import type { RunSettings } from '../../src/engine/harness.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { activationUnknown } from '../../src/impl/implementation.ts';
import { THRESHOLDS } from '../../src/diagnostics/thresholds.ts';

const SUITE = 'convergence';
/** Seeds checked against the baselines: the first by default, all with NNCHECK_CONVERGENCE_SEEDS=all. */
const seedsToCheck = () => (process.env.NNCHECK_CONVERGENCE_SEEDS === 'all' ? BASELINE_SEEDS : [BASELINE_SEEDS[0]]);

/** A convergence finding: held, failed with the severity given, or skipped (could not run). */
function finding(
  id: string,
  property: string,
  ok: boolean | 'skip',
  severity: Severity,
  message: string,
  t0: number,
  extra: Pick<Finding, 'numbers' | 'hint' | 'replay' | 'data'> = {},
): Finding {
  const rated: Outcome = ok === 'skip' ? { verdict: 'skip' } : outcome(ok, severity);
  return build({ id, suite: SUITE, property, ...rated, message, ms: performance.now() - t0, ...extra });
}

async function digitsStd(seed: number) {
  const { train, test } = prepare(loadBuiltin('digits', seed), { seed });
  return { train, test, Y: oneHot(train.labels, 10) };
}

export const convergenceSuite: Suite = {
  name: SUITE,
  ids: [
    'convergence.initial-loss-near-log-k',
    'convergence.overfits-tiny-batch',
    'convergence.loss-falls',
    'convergence.baseline-accuracy',
    'convergence.relu-matches-sigmoid',
  ],
  description: 'training with pinned seeds: initial loss, overfitting a tiny batch, descent, baselines',
  run: async ({ impl }: Subject, settings: RunSettings) => {
    const out: Finding[] = [];
    const { train, Y } = await digitsStd(0);
    const lr = LEARNING_RATES.standardisedSgd[impl.activation];
    let t0 = performance.now();
    const init = await impl.initParams(64, 32, 10, settings.seed);
    const l0 = await impl.loss(init, train.X, Y, 0);
    out.push(
      finding(
        'convergence.initial-loss-near-log-k',
        'the initial loss is close to log K',
        Number.isFinite(l0) && l0 <= Math.log(10) + THRESHOLDS.initialLossAboveLogK,
        'warning',
        `initial loss on standardised digits is ${l0.toFixed(4)} (log K = ${Math.log(10).toFixed(4)})`,
        t0,
        {
          numbers: { initialLoss: l0, logK: Math.log(10) },
          hint: 'initial weights too large: scale them by √(2/fan_in) (He) or √(6/(fan_in+fan_out)) (Glorot)',
        },
      ),
    );

    t0 = performance.now();
    const tiny = Array.from({ length: 10 }, (_, k) => train.labels.indexOf(k));
    const tx = rowSlice(train.X, tiny),
      ty = rowSlice(Y, tiny),
      tl = Int32Array.from(tiny, (i) => train.labels[i]);
    const fit = await sgd(impl, await impl.initParams(64, 16, 10, settings.seed), tx, ty, tl, {
      lr,
      epochs: 300,
      batchSize: 10,
      seed: settings.seed,
    });
    const fitAcc = fit.history[fit.history.length - 1]?.accuracy ?? 0;
    out.push(
      finding(
        'convergence.overfits-tiny-batch',
        'a tiny batch can be overfitted',
        fitAcc >= THRESHOLDS.tinyBatchAccuracy,
        'bug',
        'after 300 full-batch steps on 10 digits (one per class) ' +
          `the training accuracy is ${(100 * fitAcc).toFixed(0)}%`,
        t0,
        {
          numbers: { accuracy: fitAcc, finalLoss: fit.history[fit.history.length - 1]?.loss ?? NaN },
          hint:
            'a network that cannot memorise 10 examples has a broken gradient, a dead initialisation ' +
            '(all-zero weights keep hidden units identical or inactive) or no bias updates',
        },
      ),
    );

    t0 = performance.now();
    const small = rowSlice(
        train.X,
        Array.from({ length: 64 }, (_, i) => i),
      ),
      smallY = rowSlice(
        Y,
        Array.from({ length: 64 }, (_, i) => i),
      );
    let params = init,
      prev = await impl.loss(params, small, smallY, 0),
      falls = true;
    const steps: number[] = [prev];
    for (let k = 0; k < 5; k++) {
      const g = await impl.gradients(params, small, smallY, 0);
      params = params.map((p, i) => ({
        rows: p.rows,
        cols: p.cols,
        data: p.data.map((x, j) => x - LEARNING_RATES.descentCheck * g[i].data[j]),
      }));
      const l = await impl.loss(params, small, smallY, 0);
      steps.push(l);
      if (!(l < prev)) falls = false;
      prev = l;
    }
    out.push(
      finding(
        'convergence.loss-falls',
        'the loss falls under small steps',
        falls,
        'bug',
        `5 gradient steps of size ${LEARNING_RATES.descentCheck.toExponential()} give losses ` +
          steps.map((x) => x.toFixed(6)).join(' → '),
        t0,
        { hint: 'a step against the gradient must lower the loss: a sign error or a gradient of another function' },
      ),
    );

    const baselines = loadBaselines();
    // Baselines belong to one activation: with an unrecognised one there is nothing to compare with.
    const mine = activationUnknown(impl) ? [] : CONFIGS.filter((c) => c.activation === impl.activation);
    if (activationUnknown(impl)) {
      out.push(
        finding(
          'convergence.baseline-accuracy',
          'accuracy is no worse than the baseline',
          'skip',
          'none',
          'could not run: the baselines are per activation and the hidden activation is unrecognised',
          performance.now(),
        ),
      );
    }
    const results = new Map<string, number>();
    for (const c of mine) {
      const b = baselines?.entries.find((e) => e.id === c.id);
      for (const seed of seedsToCheck()) {
        t0 = performance.now();
        const r = await runConfig(impl, c, seed);
        results.set(`${c.id}/${seed}`, r.testAccuracy);
        const recorded = b?.testAccuracy[BASELINE_SEEDS.indexOf(seed)];
        if (recorded === undefined) {
          out.push(
            finding(
              `convergence.baseline-accuracy:${c.id}/${seed}`,
              `accuracy on ${c.id} (seed ${seed}) is no worse than the baseline`,
              'skip',
              'none',
              `no baseline recorded for ${c.id}: run nncheck baselines --record`,
              t0,
            ),
          );
          continue;
        }
        const ok = r.testAccuracy >= recorded - (b as { tolerance: number }).tolerance;
        out.push(
          finding(
            `convergence.baseline-accuracy:${c.id}/${seed}`,
            `accuracy on ${c.id} (seed ${seed}) is no worse than the baseline`,
            ok,
            'bug',
            `test accuracy ${(100 * r.testAccuracy).toFixed(1)}% vs baseline ${(100 * recorded).toFixed(1)}% ` +
              `(tolerance ${(100 * (b as { tolerance: number }).tolerance).toFixed(1)} points; ` +
              `lr ${c.lr}, ${c.epochs} epochs, H = ${c.hidden})`,
            t0,
            {
              numbers: {
                testAccuracy: r.testAccuracy,
                baseline: recorded,
                tolerance: (b as { tolerance: number }).tolerance,
                divergedAt: r.divergedAt,
              },
              replay: { seed },
              data: { history: r.history },
            },
          ),
        );
      }
    }
    if (impl.activation === 'relu' || impl.activation === 'leaky_relu') {
      const sig = baselines?.entries.find((e) => e.id === 'digits/sigmoid');
      const got = results.get(`digits/${impl.activation}/${BASELINE_SEEDS[0]}`);
      if (sig && got !== undefined) {
        const ok = got >= sig.testAccuracy[0] - sig.tolerance;
        out.push(
          finding(
            'convergence.relu-matches-sigmoid',
            "a ReLU network reaches the sigmoid network's accuracy on digits",
            ok,
            'bug',
            `${impl.activation} reaches ${(100 * got).toFixed(1)}%, ` +
              `the reference sigmoid network ${(100 * sig.testAccuracy[0]).toFixed(1)}% ` +
              '(each with a suitable learning rate)',
            performance.now(),
            { numbers: { relu: got, sigmoid: sig.testAccuracy[0] } },
          ),
        );
      }
    }
    return out;
  },
};
