import type { RunReport } from '../findings/report.ts';
import { isNote, isSetupError, type Finding } from '../findings/finding.ts';
import type { Reporter } from './reporter.ts';
import { formatFinding } from './format-finding.ts';
import { defectsOf } from '../diagnosis/index.ts';

import { stripControl as clean } from './escape.ts';
import { el, xmlDocument, type XmlElement } from './xml.ts';

/** JUnit XML: a test suite per implementation and nncheck suite, a test case per property. */
export const junitReporter: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  render(r: RunReport) {
    const defects = defectsOf(r);
    // Each failing test case names the defect it is evidence of, so a CI panel reads as the diagnosis.
    const defectOf = new Map<Finding, string>();
    for (const d of defects)
      for (const i of d.findings) {
        defectOf.set(
          r.findings[i],
          `defect ${d.rank} of ${defects.length}: ${d.what} — where: ${d.where} — fix: ${d.fix}\n`,
        );
      }
    const groups = new Map<string, Finding[]>();
    for (const f of r.findings) {
      const key = `${f.subject ?? r.subjects[0]?.name ?? 'nncheck'} › ${f.suite}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const count = (fs: Finding[], v: string) => fs.filter((f) => f.verdict === v).length;
    const suites: XmlElement[] = [];
    for (const [name, fs] of groups) {
      const cases = fs.map((f) => {
        const text = clean((defectOf.get(f) ?? '') + formatFinding(f));
        const attrs = {
          classname: clean(name.replace(' › ', '.')),
          name: clean(f.property),
          time: (f.ms / 1000).toFixed(3),
        };
        // A warning is reported as a failure too (CI shows it), an info never fails.
        if (f.verdict === 'fail')
          return el('testcase', attrs, [el('failure', { message: clean(f.message), type: f.severity }, text)]);
        if (f.verdict === 'error')
          return el('testcase', attrs, [
            el('error', { message: clean(f.message), type: isSetupError(f) ? 'setup-error' : f.severity }, text),
          ]);
        if (f.verdict === 'skip') return el('testcase', attrs, [el('skipped', { message: clean(f.message) })]);
        if (isNote(f)) return el('testcase', attrs, [el('system-out', {}, clean(f.message))]);
        return el('testcase', attrs);
      });
      suites.push(
        el(
          'testsuite',
          {
            name: clean(name),
            tests: fs.length,
            failures: count(fs, 'fail'),
            errors: count(fs, 'error'),
            skipped: count(fs, 'skip'),
            time: (fs.reduce((a, f) => a + f.ms, 0) / 1000).toFixed(3),
            timestamp: r.startedAt,
          },
          cases,
        ),
      );
    }
    return xmlDocument(
      el(
        'testsuites',
        {
          name: `nncheck ${r.command}`,
          tests: r.findings.length,
          failures: count(r.findings, 'fail'),
          errors: count(r.findings, 'error'),
          time: (r.ms / 1000).toFixed(3),
        },
        suites,
      ),
    );
  },
};
