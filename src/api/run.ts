import { ACTIVATIONS } from '../ops/activation.ts';
import { getActivation } from '../ops/activations.ts';
import { referenceImplementation } from '../impl/reference.ts';
import { networkObjective } from '../impl/objective.ts';
import { checkGradients } from '../gradcheck/check.ts';
import { loadBuiltin } from '../data/builtin.ts';
import { prepare } from '../data/preprocess.ts';
import { oneHot } from '../data/dataset.ts';
import { mlpConfig, initParams } from '../nn/mlp.ts';
import { toLayout } from '../nn/layouts.ts';
import { accuracyOf } from '../nn/train.ts';
import { monitoredTraining } from '../diagnostics/monitor.ts';
import { probeLearningRates } from '../diagnostics/lr-probe.ts';
import { trainReference } from './train-run.ts';
import { RUN_IDS, stageStoppedFinding, trainedNetworkFinding } from './run-findings.ts';
import { LEARNING_RATES } from '../nn/learning-rates.ts';
import type { Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import type { RunReport, SubjectInfo } from '../findings/report.ts';
import { runReport } from '../findings/run-report.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import type { TrainingSeries, GradientErrorBar } from '../findings/charts.ts';
import { runSuites } from '../engine/run-suites.ts';
import type { Suite } from '../engine/subject.ts';
import type { RunSettings } from '../engine/harness.ts';
import { smallProblem } from '../data/small-problem.ts';

export interface MainJobOptions {
  /** The property catalogue to run (properties/suites' SUITES; the entry points pass it). */
  catalogue: readonly Suite[];
  settings: RunSettings;
  /** Called as each stage starts: a progress display hooks in here. */
  onStage?: (index: number, total: number, label: string) => void;
  onFinding?: (f: Finding) => void;
}

/**
 * The main job: every suite against the four reference networks, each trained on digits, and
 * the motivating case re-enacted (ReLU with a sigmoid-era learning rate on raw digits vs the
 * same network done right). Returns the report; writing it is the caller's.
 */
export async function runMainJob(o: MainJobOptions): Promise<RunReport> {
  const startedAt = new Date(),
    t0 = performance.now();
  const findings: Finding[] = [];
  const training: TrainingSeries[] = [];
  const gradientErrors: GradientErrorBar[] = [];
  const subjects: SubjectInfo[] = [];
  const total = ACTIVATIONS.length * (o.catalogue.length + 2) + 1;
  let stage = 0;
  const emit = (f: Finding) => {
    findings.push(f);
    o.onFinding?.(f);
  };
  for (const a of ACTIVATIONS) {
    const impl = referenceImplementation(a);
    subjects.push({ name: impl.name, language: 'reference', activation: a, layout: impl.layout, notes: [] });
    for (const suite of o.catalogue) {
      o.onStage?.(++stage, total, `${impl.name}: ${suite.name}`);
      for (const f of await runSuites(
        { impl, activationOp: getActivation(a) },
        { catalogue: o.catalogue, suites: [suite.name], settings: o.settings },
      ))
        emit({ ...f, subject: impl.name });
    }
    await guarded(emit, impl.name, 'gradient error per tensor', async () => {
      o.onStage?.(++stage, total, `${impl.name}: gradient error per tensor`);
      const { X, Y } = smallProblem(o.settings.seed, 6, 5, 3);
      const r = await checkGradients(
        networkObjective(impl, await impl.initParams(5, 4, 3, o.settings.seed), X, Y, 0.1),
        { mode: 'full', seed: o.settings.seed },
      );
      for (const t of r.tensors)
        gradientErrors.push({
          subject: a,
          tensor: t.name,
          relError: t.worstRelError ?? 0,
          tolerance: t.worstRelTolerance,
          failed: t.verdict === 'fail',
        });
    });
    await guarded(emit, impl.name, 'trains on standardised digits', async () => {
      o.onStage?.(++stage, total, `${impl.name}: training on standardised digits`);
      const trained = trainReference({ dataset: 'digits', activation: a, seed: o.settings.seed, epochs: 20 });
      training.push({ label: `${a} (lr ${trained.lr})`, history: trained.history });
      emit(trainedNetworkFinding(impl.name, a, trained));
    });
  }
  o.onStage?.(++stage, total, 'the motivating case: ReLU with a sigmoid-era learning rate on raw digits');
  subjects.push({
    name: 'motivating case',
    language: 'reference',
    activation: 'relu',
    layout: 'separate',
    notes: [
      `ReLU with the learning rate that suited sigmoid (${SIGMOID_ERA}) on raw 0..16 pixels, ` +
        'against the same network done right',
    ],
  });
  await guarded(emit, 'motivating case', 'the motivating case', async () => {
    for (const f of await motivatingCase(o.settings.seed, training)) emit(f);
  });
  return runReport({
    command: 'run',
    startedAt,
    ms: performance.now() - t0,
    settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.catalogue.map((s) => s.name) },
    subjects,
    findings,
    defects: diagnose(findings),
    charts: { training, gradientErrors },
  });
}

/** Runs one stage; a crash becomes an error finding and the job goes on to the next stage. */
async function guarded(
  emit: (f: Finding) => void,
  subject: string,
  property: string,
  stage: () => Promise<void>,
): Promise<void> {
  try {
    await stage();
  } catch (e) {
    emit(stageStoppedFinding(subject, property, e as Error));
  }
}

/** The rate that suited sigmoid, tried on ReLU units over raw pixels: the motivating case. */
const SIGMOID_ERA = LEARNING_RATES.trainDefault.sigmoid;

async function motivatingCase(seed: number, training: TrainingSeries[]): Promise<Finding[]> {
  const t0 = performance.now();
  const impl = referenceImplementation('relu');
  const data = loadBuiltin('digits', seed);
  const { train, test } = prepare(data, { seed, raw: true });
  const Y = oneHot(train.labels, 10);
  const init = toLayout(initParams(mlpConfig(64, 64, 10, 'relu'), seed), 'separate');
  const out: Finding[] = [];
  const runs: [string, string, number][] = [
    [RUN_IDS.sigmoidEraRate, `ReLU lr ${SIGMOID_ERA}, raw pixels`, SIGMOID_ERA],
    [RUN_IDS.rawPixelsRate, `ReLU lr ${LEARNING_RATES.rawPixelsRelu}, raw pixels`, LEARNING_RATES.rawPixelsRelu],
  ];
  const acc: number[] = [];
  for (const [id, label, lr] of runs) {
    const r = await monitoredTraining(impl, init, train.X, Y, train.labels, { lr, epochs: 10, batchSize: 32, seed });
    const testAcc = accuracyOf(await impl.forward(r.final, test.X), test.labels);
    acc.push(testAcc);
    training.push({
      label,
      history: r.history.map((h) => ({
        epoch: h.epoch,
        loss: h.loss,
        accuracy: h.accuracy,
        deadFraction: h.deadFraction,
      })),
    });
    const dead = Math.max(0, ...r.history.map((h) => (Number.isFinite(h.deadFraction) ? h.deadFraction : 0)));
    out.push(
      finding({
        id,
        subject: 'motivating case',
        suite: 'motivating case',
        property: label,
        verdict: 'pass',
        severity: 'info',
        ms: performance.now() - t0,
        message:
          `${label}: test accuracy ${(100 * testAcc).toFixed(1)}%, ` +
          `up to ${(100 * dead).toFixed(0)}% dead hidden units`,
        numbers: { testAccuracy: testAcc, deadFraction: dead, lr },
      }),
    );
  }
  const probe = await probeLearningRates(impl, init, train.X, Y, train.labels, 3, seed, SIGMOID_ERA);
  out.push(
    finding({
      id: RUN_IDS.rateProbe,
      subject: 'motivating case',
      suite: 'motivating case',
      property: 'which learning rate works',
      verdict: 'pass',
      severity: 'info',
      ms: performance.now() - t0,
      message:
        `${probe.sentence} (reproduced: the collapse to ${(100 * acc[0]).toFixed(0)}% ` +
        'is the learning rate, not the activation)',
      data: { probe },
    }),
  );
  return out;
}
