import type { RunReport } from '../findings/report.ts';
import type { TrainingSeries } from '../findings/charts.ts';
import { isFailure, isNote, isPlainPass, type Finding } from '../findings/finding.ts';
import type { Reporter } from './reporter.ts';
import { escapeXml as e } from './escape.ts';
import { headline } from '../findings/headline.ts';
import { lineChart, barChart, type Series } from './svg-charts.ts';
import { colourMap } from './scales.ts';
import { defectsOf } from '../diagnosis/index.ts';
import { DIAGNOSIS_CSS, diagnosisHtml } from './html-diagnosis.ts';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}.ok{color:#1a7f37}.bad{color:#c62828}
table.summary td,table.summary th{padding:4px 12px;border:1px solid #ddd;text-align:center}
.finding{border-left:4px solid #999;padding:6px 10px;margin:8px 0;background:#fafafa}.finding.bug{border-color:#c62828}.finding.warning{border-color:#ef6c00}.finding.info{border-color:#1565c0}
.finding pre{white-space:pre-wrap;margin:4px 0;font-size:12px}.sev{font-weight:600;text-transform:uppercase;font-size:11px}.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{margin:0;border:1px solid #eee;padding:4px}svg .title{font-weight:600;font-size:13px}svg .tick,svg .legend{font-size:10px}svg .label{font-size:11px}
svg .axis{stroke:#444}svg .grid{stroke:#eee}svg rect.bar{fill:#1f77b4}svg rect.bar.bad{fill:#c62828}svg .value{font-size:9px;fill:#333}svg .tolerance{stroke:#111;stroke-width:2}
details{margin:8px 0}code{background:#f3f3f3;padding:1px 4px}
${DIAGNOSIS_CSS}`;

function findingHtml(f: Finding, index: number): string {
  const rows: string[] = [
    `<div class="finding ${e(f.severity)}" id="f-${index}" data-verdict="${e(f.verdict)}"><span class="sev">${e(f.severity)}</span> <b>${e(f.suite)} › ${e(f.property)}</b><div>${e(f.message)}</div>`,
  ];
  if (f.location) rows.push(`<div>where: ${e(f.location)}</div>`);
  if (f.counterexample) rows.push(`<div>counterexample (shrunk): <code>${e(f.counterexample)}</code></div>`);
  if (f.numbers)
    rows.push(
      `<div>numbers: ${Object.entries(f.numbers)
        .map(([k, v]) => `${e(k)} = <code>${e(typeof v === 'number' ? v.toPrecision(6) : v)}</code>`)
        .join(', ')}</div>`,
    );
  if (f.cause) rows.push(`<div>cause: <b>${e(f.cause)}</b></div>`);
  if (f.hint) rows.push(`<div>hint: ${e(f.hint)}</div>`);
  if (f.detail) rows.push(`<pre>${e(f.detail)}</pre>`);
  if (f.replay)
    rows.push(
      `<div class="replay">replay: <code>${e(f.replay.command ?? `seed ${f.replay.seed}${f.replay.path ? ` path ${f.replay.path}` : ''}`)}</code></div>`,
    );
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

function chartsHtml(r: RunReport): string {
  const training = trainingSeries(r);
  const out: string[] = [];
  if (training.length) {
    const series = (pick: (h: TrainingSeries['history'][number]) => number | undefined): Series[] =>
      training.map((t) => ({
        label: t.label,
        points: t.history.map((h) => [h.epoch, pick(h) ?? NaN] as [number, number]),
      }));
    // One colour per series name across every chart of the page.
    const colour = colourMap(training.map((t) => t.label));
    out.push(
      lineChart({
        title: 'Training loss per epoch',
        series: series((h) => h.loss),
        xLabel: 'epoch',
        yLabel: 'loss',
        colour,
      }),
    );
    out.push(
      lineChart({
        title: 'Training accuracy per epoch',
        series: series((h) => h.accuracy),
        xLabel: 'epoch',
        yLabel: 'accuracy',
        yMin: 0,
        yMax: 1,
        colour,
      }),
    );
    if (training.some((t) => t.history.some((h) => h.deadFraction !== undefined && Number.isFinite(h.deadFraction)))) {
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
  }
  const grads = r.charts?.gradientErrors ?? [];
  if (grads.length)
    out.push(
      barChart({
        title: 'Gradient error per tensor (worst cs231n relative error)',
        bars: grads.map((g) => ({
          label: `${g.subject} ${g.tensor}`,
          value: g.relError,
          bad: g.failed,
          tolerance: g.tolerance,
        })),
        unit: 'relative error; red: failed the error model',
      }),
    );
  return out.length ? `<h2>Charts</h2><div class="charts">${out.join('')}</div>` : '';
}

/** A self-contained HTML page: inline CSS and SVG, no scripts, no network. */
export const htmlReporter: Reporter = {
  name: 'html',
  file: 'nncheck.html',
  render(r: RunReport) {
    const s = r.summary;
    const defects = defectsOf(r);
    const head = headline({ ...r, defects });
    const at = new Map(r.findings.map((f, i) => [f, i]));
    const card = (f: Finding) => findingHtml(f, at.get(f) ?? -1);
    const body: string[] = [
      `<h1>nncheck ${e(r.command)}: <span class="${head.ok ? 'ok' : 'bad'}">${e(head.text)}</span></h1>`,
      diagnosisHtml(defects, r.findings),
      `<table class="summary"><tr><th>passed</th><th>failed</th><th>bugs</th><th>warnings</th><th>notes</th><th>seed</th><th>runs</th><th>time</th></tr>`,
      `<tr><td>${s.passed}</td><td>${s.failed + s.errors}</td><td>${s.bugs}</td><td>${s.warnings}</td><td>${s.infos}</td><td>${r.settings.seed}</td><td>${r.settings.runs}</td><td>${(r.ms / 1000).toFixed(1)} s</td></tr></table>`,
      chartsHtml(r),
    ];
    for (const sub of r.subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? sub.name) === sub.name);
      const bad = mine.filter(isFailure);
      body.push(
        `<h2 class="subject">${e(sub.name)} <small>(${e(sub.language)}, ${e(sub.activation)}, ${e(sub.layout)} layout)</small></h2>`,
      );
      body.push(bad.length ? bad.map(card).join('') : '<p class="ok">every check passed</p>');
      const notes = mine.filter(isNote);
      if (notes.length) body.push(notes.map(card).join(''));
      const ok = mine.filter(isPlainPass);
      body.push(
        `<details><summary>${ok.length} checks passed</summary><ul>${ok.map((f) => `<li>${e(f.suite)} › ${e(f.message)}</li>`).join('')}</ul></details>`,
      );
    }
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nncheck report</title><meta name="viewport" content="width=device-width"><style>${CSS}</style></head><body>${body.join('\n')}<footer><small>nncheck ${e(r.tool.version)}, ${e(r.startedAt)}</small></footer></body></html>\n`;
  },
};
