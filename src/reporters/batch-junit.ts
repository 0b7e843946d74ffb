import { create } from 'xmlbuilder2';
import type { BatchReport } from '../findings/batch-report.ts';
import type { Finding } from '../findings/finding.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { stripControl as clean } from './escape.ts';
import { formatFinding } from './format-finding.ts';

/**
 * JUnit XML for a batch: a test suite per submission, a test case per finding; a submission
 * that timed out, crashed or could not be checked is one errored case saying why.
 */
export const batchJunitReporter: BatchReporter = {
  name: 'junit',
  file: 'junit.xml',
  render(b: BatchReport) {
    const count = (fs: Finding[], v: string) => fs.filter((f) => f.verdict === v).length;
    const all = b.submissions.flatMap((s) => s.report?.findings ?? []);
    const broken = b.submissions.filter((s) => s.verdict !== 'pass' && s.verdict !== 'fail').length;
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
      name: 'nncheck batch',
      tests: all.length + broken,
      failures: count(all, 'fail'),
      errors: count(all, 'error') + broken,
      time: (b.ms / 1000).toFixed(3),
    });
    for (const s of b.submissions) {
      const fs = s.report?.findings ?? [];
      const extra = s.verdict === 'pass' || s.verdict === 'fail' ? 0 : 1;
      const suite = root.ele('testsuite', {
        name: clean(s.path),
        tests: fs.length + extra,
        failures: count(fs, 'fail'),
        errors: count(fs, 'error') + extra,
        skipped: count(fs, 'skip'),
        time: (s.ms / 1000).toFixed(3),
        timestamp: s.report?.startedAt ?? b.startedAt,
      });
      if (extra) {
        suite
          .ele('testcase', { classname: clean(s.path), name: 'the check completes', time: (s.ms / 1000).toFixed(3) })
          .ele('error', { message: clean((s.error ?? s.verdict).split('\n')[0]), type: s.verdict })
          .txt(clean(s.error ?? s.verdict));
      }
      for (const f of fs) {
        const tc = suite.ele('testcase', {
          classname: clean(`${s.path}.${f.suite}`),
          name: clean(f.property),
          time: (f.ms / 1000).toFixed(3),
        });
        if (f.verdict === 'fail')
          tc.ele('failure', { message: clean(f.message), type: f.severity }).txt(clean(formatFinding(f)));
        else if (f.verdict === 'error')
          tc.ele('error', { message: clean(f.message), type: f.severity }).txt(clean(formatFinding(f)));
        else if (f.verdict === 'skip') tc.ele('skipped', { message: clean(f.message) });
      }
    }
    return root.end({ prettyPrint: true }) + '\n';
  },
};
