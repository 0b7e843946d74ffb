// The HTML reports' stylesheets, one rule a line. Each page inlines its sheet in a <style>
// element: a report is one self-contained file that loads nothing.

/** The ranked defects at the top of a run's report. */
const DIAGNOSIS_CSS = `
.diagnosis ol{padding-left:22px}
.defect{margin:10px 0;padding:8px 12px;border-left:5px solid #c62828;background:#fff5f5}
.defect.warning{border-color:#ef6c00;background:#fff8ef}
.defect .what{font-weight:600;font-size:15px}
.defect .why{color:#444;margin-top:2px}
.defect .alt{color:#6a1b9a;margin-top:2px}
.defect dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0}
.defect dt{color:#666}
.defect dd{margin:0}`;

/** A single run's report: summary, diagnosis, finding cards, charts. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px}
h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
.ok{color:#1a7f37}
.bad{color:#c62828}
table.summary td,table.summary th{padding:4px 12px;border:1px solid #ddd;text-align:center}
.finding{border-left:4px solid #999;padding:6px 10px;margin:8px 0;background:#fafafa}
.finding.bug{border-color:#c62828}
.finding.warning{border-color:#ef6c00}
.finding.info{border-color:#1565c0}
.finding.setup-error{border-color:#6d4c41}
.setup-error dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0}
.finding pre{white-space:pre-wrap;margin:4px 0;font-size:12px}
.sev{font-weight:600;text-transform:uppercase;font-size:11px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{margin:0;border:1px solid #eee;padding:4px}
svg .title{font-weight:600;font-size:13px}
svg .tick,svg .legend{font-size:10px}
svg .label{font-size:11px}
svg .axis{stroke:#444}
svg .grid{stroke:#eee}
svg rect.bar{fill:#1f77b4}
svg rect.bar.bad{fill:#c62828}
svg .value{font-size:9px;fill:#333}
svg .tolerance{stroke:#111;stroke-width:2}
details{margin:8px 0}
code{background:#f3f3f3;padding:1px 4px}
${DIAGNOSIS_CSS}`;

/** A batch's report: the summary table of submissions, then what failed in each. */
export const BATCH_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
h1{font-size:22px}
.ok{color:#1a7f37}
.bad{color:#c62828}
h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse}
td,th{padding:3px 10px;border:1px solid #ddd;text-align:left}
td.n{text-align:right;white-space:nowrap}
tr.pass td.v{color:#1a7f37}
tr.fail td.v,tr.crash td.v,tr.timeout td.v{color:#c62828;font-weight:600}
tr.setup-error td.v{color:#ef6c00;font-weight:600}
tr.not-checked td.v{color:#6a1b9a;font-weight:600}
.sub{border-left:4px solid #c62828;padding:4px 10px;margin:10px 0;background:#fafafa}
.sub.not-checked{border-left-color:#6a1b9a}
pre{white-space:pre-wrap;font-size:12px;margin:4px 0}`;
