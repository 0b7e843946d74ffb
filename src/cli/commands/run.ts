import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { checkReportDir, reportWriter } from '../report-dir.ts';
import { formatSummary } from '../../reporters/format-finding.ts';
import { REPORT_FILES } from '../../reporters/formats.ts';
import { diagnosisHeadline, formatDiagnosis, formatEvidence } from '../../reporters/format-defects.ts';
import { defectsOf } from '../../diagnosis/index.ts';
import { SUITES } from '../../../properties/suites/index.ts';
import { settingsFromEnv } from '../../engine/harness.ts';
import { intArg } from '../options.ts';

export function runCommand(): Command {
  return new Command('run')
    .description(
      'the main job: every suite against the reference networks, training on digits, the motivating case; ' +
        'writes the report set',
    )
    .option('--seed <n>', 'run seed (default NNCHECK_SEED or 42)', intArg('--seed', 0))
    .option('--runs <n>', 'generated cases per property (default NNCHECK_RUNS or 100)', intArg('--runs', 1))
    .option('--report <dir>', `folder for the report set (${REPORT_FILES})`, 'reports')
    .option('--json', 'print the JSON report instead of the summary')
    .option('--quiet', 'print only the diagnosis, the summary line and the report path')
    .action(async (f: { seed?: number; runs?: number; report: string; json?: boolean; quiet?: boolean }) => {
      const settings = settingsFromEnv({ seed: f.seed, runs: f.runs });
      checkReportDir(f.report);
      // Loaded by the command that runs them, not by every start of the CLI (see registry.ts).
      const { runMainJob } = await import('../../api/run.ts');
      const { createProgress } = await import('../progress.ts');
      const writeReportsOrSay = await reportWriter();
      const progress = createProgress(!!f.quiet || !!f.json);
      let report;
      try {
        report = await runMainJob({
          catalogue: SUITES,
          settings,
          onStage: (i, n, label) => progress.stage(i, n, label),
        });
      } finally {
        progress.stop();
      }
      const written = writeReportsOrSay(report, f.report);
      const html = resolve(join(f.report, 'nncheck.html'));
      if (f.json) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        const defects = defectsOf(report);
        console.log(formatDiagnosis(defects));
        if (!f.quiet) {
          if (defects.length) console.log(formatEvidence(defects, report.findings));
          console.log('reference networks trained on standardised digits:');
          for (const x of report.findings.filter((y) => y.suite === 'training')) console.log(`  ${x.message}`);
          console.log('the motivating case (ReLU with the learning rate that suited sigmoid, on raw pixels):');
          for (const x of report.findings.filter((y) => y.suite === 'motivating case')) console.log(`  ${x.message}`);
        }
        console.log(formatSummary(report.summary, report.ms / 1000, diagnosisHeadline(defects)));
        if (written) console.log(`reports: ${resolve(f.report)} (${REPORT_FILES}); open ${html}`);
      }
      process.exitCode = written ? report.summary.exitCode : 2;
    });
}
