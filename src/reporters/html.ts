import type { RunReport } from '../findings/report.ts';
import type { GradientErrorBar, TrainingSeries } from '../findings/charts.ts';
import { isFailure, isNote, isPlainPass, isSetupError, type Finding } from '../findings/finding.ts';
import type { Reporter } from './reporter.ts';
import { escapeXml as e } from './escape.ts';
import { headline } from '../findings/headline.ts';
import { lineChart, barChart, type Series } from './svg-charts.ts';
import { colourMap } from './scales.ts';
import { defectsOf } from '../diagnosis/index.ts';
import { diagnosisHtml } from './html-diagnosis.ts';
import { hintLabel, severityLabel } from './severity-label.ts';
import { openTag } from './html-tag.ts';
import { htmlPage } from './html-page.ts';
import { REPORT_CSS } from './html-style.ts';
import { NO_CHECKS, summaryCells } from './summary-cells.ts';

const replayText = (r: NonNullable<Finding['replay']>) =>
  r.command ?? `seed ${r.seed}${r.path ? ` path ${r.path}` : ''}`;

const numbersText = (numbers: NonNullable<Finding['numbers']>) =>
  Object.entries(numbers)
    .map(([k, v]) => `${e(k)} = <code>${e(typeof v === 'number' ? v.toPrecision(6) : v)}</code>`)
    .join(', ');

/** A finding's card; `index` is its anchor, which the diagnosis links its evidence to. */
function findingHtml(f: Finding, index: number): string {
  const kind = isSetupError(f) ? 'setup-error' : f.severity;
  const rows: string[] = [
    openTag('div', { class: `finding ${kind}`, id: `f-${index}`, 'data-verdict': f.verdict }),
    `<span class="sev">${e(severityLabel(f))}</span> <b>${e(f.suite)} › ${e(f.property)}</b><div>${e(f.message)}</div>`,
  ];
  if (f.location) rows.push(`<div>where: ${e(f.location)}</div>`);
  if (f.counterexample) rows.push(`<div>counterexample (shrunk): <code>${e(f.counterexample)}</code></div>`);
  if (f.numbers) rows.push(`<div>numbers: ${numbersText(f.numbers)}</div>`);
  if (f.cause) rows.push(`<div>cause: <b>${e(f.cause)}</b></div>`);
  if (f.hint) rows.push(`<div>${hintLabel(f)}: ${e(f.hint)}</div>`);
  if (f.detail) rows.push(`<pre>${e(f.detail)}</pre>`);
  if (f.replay) rows.push(`<div class="replay">replay: <code>${e(replayText(f.replay))}</code></div>`);
  return rows.join('') + '</div>';
}

/** Training curves in the report: explicit charts first, else histories carried by diagnostics findings. */
function trainingSeries(r: RunReport): TrainingSeries[] {
  const explicit = r.charts?.training ?? [];
  if (explicit.length) return explicit;
  return r.findings.flatMap((f) => {
    const d = f.data as { history?: TrainingSeries['history']; label?: string } | undefined;
    // Diagnostics attach { history, label } to a run's first finding; that is the curve to draw.
    return d?.history && d.label ? [{ label: `${f.subject ?? ''} ${d.label}`.trim(), history: d.history }] : [];
  });
}

type HistoryPoint = TrainingSeries['history'][number];

/** Loss, accuracy and (when measured) dead ReLU units per epoch, one curve per training run. */
function trainingCharts(training: TrainingSeries[]): string[] {
  const series = (pick: (h: HistoryPoint) => number | undefined): Series[] =>
    training.map((t) => ({
      label: t.label,
      points: t.history.map((h) => [h.epoch, pick(h) ?? NaN] as [number, number]),
    }));
  // One colour per series name across every chart of the page.
  const colour = colourMap(training.map((t) => t.label));
  const out = [
    lineChart({
      title: 'Training loss per epoch',
      series: series((h) => h.loss),
      xLabel: 'epoch',
      yLabel: 'loss',
      colour,
    }),
    lineChart({
      title: 'Training accuracy per epoch',
      series: series((h) => h.accuracy),
      xLabel: 'epoch',
      yLabel: 'accuracy',
      yMin: 0,
      yMax: 1,
      colour,
    }),
  ];
  const measured = (h: HistoryPoint) => h.deadFraction !== undefined && Number.isFinite(h.deadFraction);
  if (training.some((t) => t.history.some(measured))) {
    const dead = series((h) => h.deadFraction).filter((x) => x.points.some(([, y]) => Number.isFinite(y)));
    out.push(
      lineChart({
        title: 'Dead ReLU units per epoch',
        series: dead,
        xLabel: 'epoch',
        yLabel: 'fraction of hidden units',
        yMin: 0,
        yMax: 1,
        colour,
      }),
    );
  }
  return out;
}

/** Each tensor's worst relative gradient error against the checker's tolerance there. */
function gradientChart(grads: GradientErrorBar[]): string {
  return barChart({
    title: 'Gradient error per tensor (worst cs231n relative error)',
    bars: grads.map((g) => ({
      label: `${g.subject} ${g.tensor}`,
      value: g.relError,
      bad: g.failed,
      tolerance: g.tolerance,
    })),
    unit: 'relative error; red: failed the error model',
  });
}

function chartsHtml(r: RunReport): string {
  const training = trainingSeries(r);
  const grads = r.charts?.gradientErrors ?? [];
  const out = [...(training.length ? trainingCharts(training) : []), ...(grads.length ? [gradientChart(grads)] : [])];
  return out.length ? `<h2>Charts</h2><div class="charts">${out.join('')}</div>` : '';
}

/** The summary table: one row of headings, one of values. */
function summaryTable(r: RunReport): string[] {
  const cells = summaryCells(r);
  return [
    `<table class="summary"><tr>${cells.map(([heading]) => `<th>${heading}</th>`).join('')}</tr>`,
    `<tr>${cells.map(([, value]) => `<td>${value}</td>`).join('')}</tr></table>`,
  ];
}

/** One subject's section: its failures as cards, its notes, and the checks it passed folded away. */
function subjectHtml(sub: RunReport['subjects'][number], r: RunReport, card: (f: Finding) => string): string[] {
  const mine = r.findings.filter((f) => (f.subject ?? sub.name) === sub.name);
  const bad = mine.filter(isFailure);
  const notes = mine.filter(isNote);
  const ok = mine.filter(isPlainPass);
  const passed = ok.map((f) => `<li>${e(f.suite)} › ${e(f.message)}</li>`).join('');
  const about = `(${e(sub.language)}, ${e(sub.activation)}, ${e(sub.layout)} layout)`;
  return [
    `<h2 class="subject">${e(sub.name)} <small>${about}</small></h2>`,
    bad.length ? bad.map(card).join('') : ok.length ? '<p class="ok">every check passed</p>' : `<p>${NO_CHECKS}</p>`,
    ...(notes.length ? [notes.map(card).join('')] : []),
    // The same count as the Markdown's: the checks listed (notes are shown above, apart).
    ...(ok.length ? [`<details><summary>${ok.length} checks passed</summary><ul>${passed}</ul></details>`] : []),
  ];
}

/** A run that could not start: the message and the fix, apart from the diagnosis (a setup error is no defect). */
const setupErrorHtml = ({ message, fix }: NonNullable<RunReport['setupError']>) =>
  `<section class="setup-error"><h2>Could not be checked</h2><div>${e(message)}</div>` +
  `${fix ? `<dl><dt>fix</dt><dd>${e(fix)}</dd></dl>` : ''}</section>`;

/** A self-contained HTML page: inline CSS and SVG, no scripts, no network. */
export const htmlReporter: Reporter = {
  name: 'html',
  file: 'nncheck.html',
  render(r: RunReport) {
    const defects = defectsOf(r);
    const head = headline({ ...r, defects });
    const at = new Map(r.findings.map((f, i) => [f, i]));
    const card = (f: Finding) => findingHtml(f, at.get(f) ?? -1);
    const body: string[] = [
      `<h1>nncheck ${e(r.command)}: <span class="${head.ok ? 'ok' : 'bad'}">${e(head.text)}</span></h1>`,
      r.setupError ? setupErrorHtml(r.setupError) : '',
      diagnosisHtml(defects, r.findings),
      ...summaryTable(r),
      chartsHtml(r),
      ...r.subjects.flatMap((sub) => subjectHtml(sub, r, card)),
    ];
    return htmlPage('nncheck report', REPORT_CSS, body, { version: r.tool.version, startedAt: r.startedAt });
  },
};
