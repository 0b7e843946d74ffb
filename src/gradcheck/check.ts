import { createRng } from '../random/rng.ts';
import { TOLERANCES, U32, U64 } from '../core/tolerances.ts';
import { Evaluator } from './evaluator.ts';
import { tensorOffsets, type Objective } from './objective.ts';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { directionalTest, baseStep, type CheckContext, type CheckPoint } from './directional.ts';
import { rademacherProbe, range, type Probe } from './probes.ts';
import { measureLossNoise } from './noise.ts';
import { localise } from './localise.ts';
import { compareEntries, relError, type EntryComparison } from './per-entry.ts';
import { worstRelative } from './worst-entry.ts';
import { nameTensorPattern, nameAcrossTensors, nameGlobalFactor, scopeSignFlips, type EntryPair } from './patterns.ts';
import { nameOtherLoss } from './alternatives.ts';
import { taylorTest } from './taylor.ts';
import { checkOutputs } from './faults.ts';
import type { EntryFinding, GradCheckResult, ProbeRecord, TensorResult } from './result.ts';
import { hasBugSeverity } from '../findings/finding.ts';

/** What probing a tensor guarantees: the sentence of a result's `power`. */
const probeStatement = (probes: number, missProbability: number) =>
  `${probes} Rademacher probes per tensor: a single wrong entry above tolerance is always caught; ` +
  `any error whose largest (step-scaled) entry exceeds the tolerance is missed with probability ≤ ${missProbability}`;

export interface GradCheckOptions {
  seed?: number;
  /** directional: a few random probes per tensor, then localise; full: every entry. */
  mode?: 'directional' | 'full';
  probesPerTensor?: number;
  maxWrongEntries?: number;
  /** Loss evaluations allowed for localising within one tensor. */
  maxLocaliseEvaluations?: number;
  /** Tensors up to this size are compared entry by entry to name a pattern. */
  fullCompareLimit?: number;
  /** Entries sampled from larger failing tensors to name a pattern. */
  patternSample?: number;
  taylor?: boolean;
}

const DEFAULTS: Required<GradCheckOptions> = {
  seed: 0,
  mode: 'directional',
  probesPerTensor: 3,
  maxWrongEntries: 8,
  maxLocaliseEvaluations: 160,
  fullCompareLimit: 256,
  patternSample: 32,
  taylor: true,
};

/** Checks an implementation's gradient at obj.theta; returns plain data, never throws for its faults. */
export async function checkGradients(obj: Objective, options: GradCheckOptions = {}): Promise<GradCheckResult> {
  const o = { ...DEFAULTS, ...options };
  const t0 = performance.now();
  const ev = new Evaluator(obj);
  const precision = obj.precision ?? 'float64';
  const u = precision === 'float32' ? U32 : U64;
  const rng = createRng(`gradcheck/${o.seed}`);
  const missProbability = 2 ** -o.probesPerTensor;
  const result: GradCheckResult = {
    verdict: 'pass',
    mode: o.mode,
    precision,
    seed: o.seed,
    loss: NaN,
    evaluations: { losses: 0, gradients: 0 },
    lossNoise: 0,
    power: {
      probesPerTensor: o.probesPerTensor,
      missProbability,
      statement: o.mode === 'full' ? 'every entry compared' : probeStatement(o.probesPerTensor, missProbability),
    },
    tensors: [],
    wrongEntries: [],
    patterns: [],
    faults: [],
    kinks: { met: 0, resolved: 0 },
    ms: 0,
  };
  const finish = (): GradCheckResult => {
    result.evaluations = { losses: ev.losses, gradients: ev.gradients };
    result.ms = performance.now() - t0;
    if (result.faults.some(hasBugSeverity) && result.verdict === 'pass') result.verdict = 'fail';
    return result;
  };
  try {
    const theta = obj.theta.slice();
    const sent = theta.slice();
    const { loss, grad } = await ev.gradient(sent);
    result.loss = loss;
    const outputFaults = checkOutputs(obj, theta, sent, loss, grad);
    result.faults.push(...outputFaults);
    if (outputFaults.some((f) => f.kind === 'non-finite')) return finish();
    const point: CheckPoint = { theta, loss, grad };
    const all = rademacherProbe(rng.fork('noise'), range(0, theta.length), theta);
    const noise = await measureLossNoise(ev, theta, all, baseStep(u));
    const drift = Math.abs(noise.atTheta[0] - noise.atTheta[1]);
    if (drift > 0 || !Number.isFinite(noise.atTheta[0])) {
      const rel = drift / Math.max(1e-300, Math.abs(noise.atTheta[0]));
      const scale = Math.max(1, Math.abs(noise.atTheta[0]));
      const regrouped = drift <= TOLERANCES.nondeterministicLoss(u, theta.length, obj.meta?.batchSize) * scale;
      result.faults.push({
        kind: 'nondeterministic',
        severity: regrouped ? 'warning' : 'bug',
        message:
          `two identical loss calls returned ${noise.atTheta[0]} and ${noise.atTheta[1]} ` +
          `(relative difference ${rel.toExponential(2)})`,
        detail: regrouped
          ? `no more than adding the loss's terms in another order can make in ${precision} ` +
            '(threaded BLAS, partial sums combined as workers finish); the gradient check counted it as noise'
          : 'the loss depends on hidden state (a call mutates something it later reads) or on unseeded randomness',
      });
    }
    // Floor: a loss is computed from intermediates of order 1 (logits, log-sums), so its rounding
    // error is at least u·max(1, |L|) even when L itself is near 0 and five samples look quieter.
    result.lossNoise = Math.max(noise.sigma, drift, u * Math.max(1, Math.abs(loss)));
    const ctx: CheckContext = {
      ev,
      u,
      sigma: result.lossNoise,
      rng: rng.fork('kinks'),
      kinks: result.kinks,
      gradErrorUnits: 16 + (obj.meta?.batchSize ?? 64),
    };
    const offsets = tensorOffsets(obj.tensors);
    const failing: { probe: Probe; rec: ProbeRecord; t: number }[] = [];
    const compared: EntryPair[] = [];
    for (let t = 0; t < obj.tensors.length; t++) {
      const spec = obj.tensors[t];
      const idx = range(offsets[t], offsets[t] + spec.rows * spec.cols);
      const tr: TensorResult = { name: spec.name, rows: spec.rows, cols: spec.cols, verdict: 'pass', probes: [] };
      result.tensors.push(tr);
      if (idx.length === 0) continue;
      if (o.mode === 'full') {
        const cmp = await compareEntries(ctx, point, idx);
        Object.assign(tr, worstRelative(cmp));
        const bad = cmp.filter((c) => !c.passed);
        if (bad.length) {
          tr.verdict = 'fail';
          result.wrongEntries.push(...bad.slice(0, o.maxWrongEntries).map((c) => entryFinding(obj, offsets, c)));
          compared.push(...pairsOf(cmp, theta, offsets[t]));
          result.patterns.push(
            nameTensorPattern(spec, pairsOf(cmp, theta, offsets[t]), { ...obj.meta, complete: true }),
          );
        }
        continue;
      }
      for (let k = 0; k < o.probesPerTensor; k++) {
        const probe = rademacherProbe(rng.fork(`probe/${spec.name}/${k}`), idx, theta);
        const rec = await directionalTest(ctx, point, probe);
        tr.probes.push(rec);
        if (!rec.passed) {
          tr.verdict = 'fail';
          failing.push({ probe, rec, t });
          break;
        }
      }
    }
    for (const { probe, rec, t } of failing) {
      const spec = obj.tensors[t],
        size = spec.rows * spec.cols;
      const loc = await localise(ctx, point, probe, rec, {
        maxEntries: o.maxWrongEntries,
        maxLossEvaluations: o.maxLocaliseEvaluations,
      });
      result.tensors[t].widespread = loc.widespread;
      const located = loc.entries.map((e) => ({
        index: e.index,
        analytic: e.analytic,
        numeric: e.numeric,
        tolerance: e.tolerance,
        passed: false,
      }));
      result.wrongEntries.push(...located.map((c) => entryFinding(obj, offsets, c)));
      const complete = size <= o.fullCompareLimit;
      if (!complete && !loc.widespread) {
        // A few wrong entries in a large tensor, all found: their list is the pattern.
        result.patterns.push(
          nameTensorPattern(
            spec,
            located.map((e) => ({
              i: e.index - offsets[t],
              a: e.analytic,
              n: e.numeric,
              tol: e.tolerance,
              theta: theta[e.index],
            })),
            { ...obj.meta, complete: false, isolatedAmong: size },
          ),
        );
        continue;
      }
      const sample = complete
        ? range(offsets[t], offsets[t] + size)
        : Int32Array.from(
            new Set([
              ...Array.from({ length: o.patternSample }, () => offsets[t] + rng.int(size)),
              ...located.map((e) => e.index),
            ]),
          );
      const cmp = await compareEntries(ctx, point, sample);
      const listed = new Set(located.map((e) => e.index));
      const extra = cmp
        .filter((c) => !c.passed && !listed.has(c.index))
        .slice(0, Math.max(0, o.maxWrongEntries - located.length));
      result.wrongEntries.push(...extra.map((c) => entryFinding(obj, offsets, c)));
      Object.assign(result.tensors[t], worstRelative(cmp));
      compared.push(...pairsOf(cmp, theta, offsets[t]));
      result.patterns.push(nameTensorPattern(spec, pairsOf(cmp, theta, offsets[t]), { ...obj.meta, complete }));
    }
    const factors = ['missing-mean', 'double-mean', 'sign-flip', 'constant-factor'];
    if (!result.patterns.some((p) => factors.includes(p.pattern))) {
      const global = compared.length ? nameGlobalFactor(compared, { ...obj.meta, complete: false }) : null;
      if (global) result.patterns.unshift(global);
    }
    const other = await nameOtherLoss(ctx, obj, point, failing);
    if (other) result.patterns.unshift(other);
    const failingNames = new Set(result.tensors.filter((x) => x.verdict === 'fail').map((x) => x.name));
    result.patterns = scopeSignFlips(obj.tensors, result.patterns, failingNames);
    result.patterns.push(...nameAcrossTensors(obj.tensors, failingNames, obj.meta?.lam));
    if (result.tensors.some((x) => x.verdict === 'fail')) result.verdict = 'fail';
    if (o.taylor)
      result.taylor = await taylorTest(
        ev,
        theta,
        loss,
        grad,
        rademacherProbe(rng.fork('taylor'), range(0, theta.length), theta),
        result.lossNoise,
      );
  } catch (e) {
    const f =
      e instanceof ImplementationFault
        ? e
        : new ImplementationFault('exception', String((e as Error)?.message ?? e), (e as Error)?.stack);
    result.faults.push({ kind: f.kind, severity: 'bug', message: f.message, detail: f.detail });
    result.verdict = 'error';
  }
  return finish();
}

function locate(obj: Objective, offsets: number[], index: number): { tensor: string; row: number; col: number } {
  let t = offsets.length - 1;
  while (t > 0 && offsets[t] > index) t--;
  const spec = obj.tensors[t],
    local = index - offsets[t];
  return { tensor: spec.name, row: Math.floor(local / spec.cols), col: local % spec.cols };
}

function entryFinding(obj: Objective, offsets: number[], c: EntryComparison): EntryFinding {
  return {
    ...locate(obj, offsets, c.index),
    analytic: c.analytic,
    numeric: c.numeric,
    absError: Math.abs(c.analytic - c.numeric),
    relError: relError(c.analytic, c.numeric),
    tolerance: c.tolerance,
  };
}

const pairsOf = (cmp: EntryComparison[], theta: Float64Array, offset: number) =>
  cmp.map((c) => ({ i: c.index - offset, a: c.analytic, n: c.numeric, tol: c.tolerance, theta: theta[c.index] }));
