import { isIncompleteSubmission, type BatchReport, type SubmissionResult } from '../findings/batch-report.ts';
import type { Finding } from '../findings/finding.ts';
import { NETWORK_NOT_CHECKED } from '../findings/network-not-checked.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { stripControl as clean } from './escape.ts';
import { formatFinding } from './format-finding.ts';
import { el, xmlDocument, type XmlElement } from './xml.ts';

/**
 * The case a submission whose network was not checked adds: skipped (nothing failed, nothing of
 * the network was checked), with the note saying what was checked and how to check the rest.
 */
function networkSkipped(s: SubmissionResult): XmlElement {
  const note = s.report?.findings.find((f) => f.id === NETWORK_NOT_CHECKED);
  const why = note?.message ?? 'the network was not checked';
  return el('testcase', { classname: clean(s.path), name: 'the network is checked', time: '0.000' }, [
    el('skipped', { message: clean(why) }),
  ]);
}

/**
 * JUnit XML for a batch: a test suite per submission, a test case per finding; a submission
 * that timed out, crashed or could not be checked is one errored case saying why, and one whose
 * network was not checked has a skipped case saying so.
 */
export const batchJunitReporter: BatchReporter = {
  name: 'junit',
  file: 'junit.xml',
  render(b: BatchReport) {
    const count = (fs: Finding[], v: string) => fs.filter((f) => f.verdict === v).length;
    const all = b.submissions.flatMap((s) => s.report?.findings ?? []);
    const broken = b.submissions.filter(isIncompleteSubmission).length;
    const unread = b.submissions.filter((s) => s.verdict === 'not-checked').length;
    const suites: XmlElement[] = b.submissions.map((s) => {
      const fs = s.report?.findings ?? [];
      const extra = isIncompleteSubmission(s) ? 1 : 0;
      const skippedNetwork = s.verdict === 'not-checked' ? 1 : 0;
      const cases: XmlElement[] = skippedNetwork ? [networkSkipped(s)] : [];
      if (extra) {
        cases.push(
          el('testcase', { classname: clean(s.path), name: 'the check completes', time: (s.ms / 1000).toFixed(3) }, [
            el(
              'error',
              { message: clean((s.error ?? s.verdict).split('\n')[0]), type: s.verdict },
              clean(s.error ?? s.verdict),
            ),
          ]),
        );
      }
      for (const f of fs) {
        const attrs = {
          classname: clean(`${s.path}.${f.suite}`),
          name: clean(f.property),
          time: (f.ms / 1000).toFixed(3),
        };
        const body =
          f.verdict === 'fail'
            ? [el('failure', { message: clean(f.message), type: f.severity }, clean(formatFinding(f)))]
            : f.verdict === 'error'
              ? [el('error', { message: clean(f.message), type: f.severity }, clean(formatFinding(f)))]
              : f.verdict === 'skip'
                ? [el('skipped', { message: clean(f.message) })]
                : [];
        cases.push(el('testcase', attrs, body));
      }
      return el(
        'testsuite',
        {
          name: clean(s.path),
          tests: fs.length + extra + skippedNetwork,
          failures: count(fs, 'fail'),
          errors: count(fs, 'error') + extra,
          skipped: count(fs, 'skip') + skippedNetwork,
          time: (s.ms / 1000).toFixed(3),
          timestamp: s.report?.startedAt ?? b.startedAt,
        },
        cases,
      );
    });
    return xmlDocument(
      el(
        'testsuites',
        {
          name: 'nncheck batch',
          tests: all.length + broken + unread,
          failures: count(all, 'fail'),
          errors: count(all, 'error') + broken,
          time: (b.ms / 1000).toFixed(3),
        },
        suites,
      ),
    );
  },
};
