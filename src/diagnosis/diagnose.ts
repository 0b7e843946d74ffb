import { CAUSES, type CauseId } from '../findings/causes.ts';
import { isBug, isError, isFailure, isPassed, isSetupError, isWarning, type Finding } from '../findings/finding.ts';
import { namedCause, symptomClass, TRAINING_SYMPTOMS } from './classify.ts';
import type { Defect } from '../findings/defect.ts';
import { AMBIGUOUS, EXPLAINS, explains, refersTo, type PropertyRef } from './explains.ts';
import { probedRate, standing } from './rank.ts';
import { THRESHOLDS } from '../diagnostics/thresholds.ts';

interface Group {
  cause: CauseId | null;
  items: number[];
  alternatives?: Defect['alternatives'];
}

/** Adding one constant to the whole batch: exact for a softmax with one max per batch. */
const SHIFT_INVARIANT: PropertyRef = {
  ids: ['softmax.shift-invariant'],
  suite: 'softmax',
  sentence: /adding a constant/,
};

/** A learning-rate probe convinces only when a lower rate really learns (else the gradient is suspect). */
const PROBE_CONVINCES = THRESHOLDS.probeConvinces;

/**
 * Findings -> defects. Findings that name the same cause collapse into one defect; a finding
 * that names none joins the defect whose cause explains its kind of symptom, or stands alone
 * (saying which two causes fit it, when it fits two). Defects are ranked by what explains the
 * observed symptom. Info and passes are never defects; the exit code is not this module's.
 */
export function diagnose(findings: readonly Finding[]): Defect[] {
  const bySubject = new Map<string, number[]>();
  findings.forEach((f, i) => {
    // A setup error is no defect: the code could not be checked (reports show it on its own).
    if ((!isBug(f) && !isWarning(f)) || isSetupError(f)) return;
    const key = f.subject ?? '';
    bySubject.set(key, [...(bySubject.get(key) ?? []), i]);
  });
  const out: (Omit<Defect, 'id' | 'rank'> & { tier: number; first: number })[] = [];
  for (const [subject, idx] of bySubject) {
    const mine = findings.filter((f) => (f.subject ?? '') === subject);
    for (const g of groupFindings(findings, idx, mine)) {
      const evidence = g.items.map((i) => findings[i]);
      const s = standing(g.cause, evidence);
      const head = evidence[0];
      const text = g.cause
        ? CAUSES[g.cause]
        : {
            what: head.message,
            where: head.location ?? `${head.suite} › ${head.property}`,
            fix: head.hint ?? 'see the evidence below',
          };
      out.push({
        subject: subject || undefined,
        cause: g.cause,
        severity: evidence.some(isBug) ? 'bug' : 'warning',
        what: text.what,
        // A cause's place in general, narrowed to the tensors or entries its evidence names.
        where: g.cause && head.location ? `${head.location} (${text.where})` : text.where,
        fix: fixFor(g.cause, evidence) ?? text.fix,
        reason: s.reason,
        findings: g.items,
        ...(g.alternatives ? { alternatives: g.alternatives } : {}),
        tier: s.tier,
        first: g.items[0],
      });
    }
  }
  out.sort((a, b) => a.tier - b.tier || b.findings.length - a.findings.length || a.first - b.first);
  return out.map(({ tier: _t, first: _f, ...d }, k) => ({ id: `D${k + 1}`, rank: k + 1, ...d }));
}

/** The measured fix where the evidence has one (the learning rate the probe found). */
function fixFor(cause: CauseId | null, evidence: readonly Finding[]): string | undefined {
  const lr = probedRate(evidence);
  if (cause === 'lr-too-high' && lr !== undefined)
    return `lower the learning rate to ${lr} (measured), or standardise the inputs`;
  if (cause === 'lr-too-low' && lr !== undefined)
    return `raise the learning rate to ${lr} (measured), or train for longer`;
  return undefined;
}

/** Groups one subject's failing findings (indices into all findings) into defects. */
function groupFindings(all: readonly Finding[], idx: number[], mine: readonly Finding[]): Group[] {
  const failed = (r: PropertyRef) => mine.some((f) => refersTo(r, f) && isFailure(f));
  const passed = (r: PropertyRef) => mine.some((f) => refersTo(r, f) && isPassed(f));
  // The shift property adds one constant to the whole batch: one max per batch is exactly
  // invariant to it, so when it fails the softmax subtracts no max at all (exp overflows).
  const noMax = failed(SHIFT_INVARIANT);
  // A binary cross-entropy cost differs from −log p by its (1 − y)·log(1 − p) terms at every
  // input, which the stable-value check reads as a clip: the cost explains it, not a clip.
  const bce = mine.some((g) => isFailure(g) && namedCause(g) === 'bce-on-softmax' && symptomClass(g) !== 'gradient');
  const claim = (f: Finding): CauseId | undefined => {
    const named = namedCause(f);
    if (named === 'clipped-log' && bce) return undefined;
    const c = named === 'global-max-softmax' && noMax ? 'no-max-softmax' : named;
    if (c === 'lr-too-high' && typeof f.numbers?.bestAccuracy === 'number' && f.numbers.bestAccuracy < PROBE_CONVINCES)
      return undefined;
    // "The loss is another function" from the gradient checker holds only if the loss's value says so too.
    if (
      c === 'bce-on-softmax' &&
      symptomClass(f) === 'gradient' &&
      !mine.some((g) => isFailure(g) && symptomClass(g) === 'loss-value')
    )
      return undefined;
    return c;
  };
  const groups = new Map<string, Group>();
  const add = (key: string, cause: CauseId | null, i: number) => {
    const g = groups.get(key) ?? { cause, items: [] };
    g.items.push(i);
    groups.set(key, g);
  };
  const loose: number[] = [];
  for (const i of idx) {
    const c = claim(all[i]);
    if (c && !TRAINING_SYMPTOMS.has(c)) add(c, c, i);
    else loose.push(i);
  }
  // Symptoms and unnamed findings join the first established cause that explains them; training
  // symptoms no root cause explains become defects of their own, which then explain the rest.
  const attach = (i: number): boolean => {
    if (isError(all[i])) return false;
    const cls = symptomClass(all[i]);
    const host = EXPLAINS.find(([id]) => groups.has(id) && explains(id, cls));
    if (host) groups.get(host[0])!.items.push(i);
    return !!host;
  };
  const order = (i: number) => {
    const c = claim(all[i]);
    return c ? EXPLAINS.findIndex(([id]) => id === c) : Infinity;
  };
  const symptoms = loose.filter((i) => !attach(i)).sort((a, b) => order(a) - order(b) || a - b);
  const unnamed: number[] = [];
  for (const i of symptoms) {
    const c = claim(all[i]);
    if (!c || isError(all[i])) unnamed.push(i);
    else if (!attach(i)) add(c, c, i);
  }
  const rest = unnamed.filter((i) => !attach(i));
  for (const i of rest) {
    const f = all[i];
    const amb = AMBIGUOUS.find((a) => refersTo(a, f));
    if (amb?.resolvedBy && passed(amb.resolvedBy) && !failed(amb.resolvedBy)) {
      add(amb.causes[0], amb.causes[0], i);
      continue;
    }
    groups.set(`#${i}`, {
      cause: null,
      items: [i],
      ...(amb && !isError(f) ? { alternatives: { causes: amb.causes, discriminator: amb.discriminator } } : {}),
    });
  }
  // Evidence in the order the findings came, the one that names the cause first.
  for (const g of groups.values())
    g.items.sort((a, b) => Number(claim(all[b]) === g.cause) - Number(claim(all[a]) === g.cause) || a - b);
  return [...groups.values()];
}
