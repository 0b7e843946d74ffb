import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { batchReport } from '../../src/batch/run-batch.ts';
import { defectsOf } from '../../src/diagnosis/index.ts';
import type { SubmissionResult } from '../../src/findings/batch-report.ts';
import type { RunReport } from '../../src/findings/report.ts';
import { setupErrorReport } from '../../src/findings/setup-report.ts';
import { SetupError } from '../../src/impl/adapters/setup-error.ts';
import { BATCH_REPORTERS } from '../../src/reporters/batch-registry.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';

/**
 * A setup error (exit 2) says the file could not be checked, not that its maths is wrong: every
 * format counts it apart from bugs, makes no defect of it, and states its fix once.
 */
const MESSAGE = 'subs/sysexit.py called exit() while being imported';
const FIX = "move script code under if __name__ == '__main__':";
const report = setupErrorReport('check', 'subs/sysexit.py', new SetupError(MESSAGE, FIX), { seed: 42, runs: 100 });
// What a batch reads back from a submission's nncheck.json.
const fromJson = JSON.parse(REPORTERS.json.render(report)) as RunReport;
const render = (name: string) => REPORTERS[name].render(report);

describe("a setup error's report, in every format", () => {
  it('is counted as a setup error, not as a bug, an error or a failure, and is no defect', () => {
    expect(report.summary).toMatchObject({ bugs: 0, warnings: 0, failed: 0, errors: 0, setupErrors: 1, exitCode: 2 });
    expect(report.setupError).toEqual({ message: MESSAGE, fix: FIX });
    expect(defectsOf(report)).toEqual([]);
  });

  it('never says "fix: fix:" and never ranks it as a bug ("Why first: a bug")', () => {
    for (const name of Object.keys(REPORTERS)) {
      expect(render(name), name).not.toMatch(/fix: fix:/i);
      expect(render(name), name).not.toMatch(/why first/i);
    }
  });

  it('JSON: setupError with the fix, summary.setupErrors, no defects', () => {
    const j = JSON.parse(render('json'));
    expect(j.defects).toEqual([]);
    expect(j.summary).toMatchObject({ bugs: 0, setupErrors: 1, exitCode: 2 });
    expect(j.findings[0]).toMatchObject({ suite: 'setup', verdict: 'error', severity: 'none', hint: FIX });
  });

  it('Markdown: a "Could not be checked" section with the fix; bugs 0 and setup errors 1 in the table', () => {
    const md = render('markdown');
    expect(md).toContain('## Could not be checked');
    expect(md.match(/move script code/g)).toHaveLength(2); // the section's fix and the table's hint column
    expect(md).not.toContain('## Diagnosis');
    const table = md.split('\n').filter((l) => l.startsWith('| passed'));
    expect(table[0]).toBe('| passed | failed | bugs | warnings | notes | setup errors | seed | runs | time |');
    const values = md.split('\n')[md.split('\n').indexOf(table[0]) + 2];
    expect(values).toMatch(/^\| 0 \| 0 \| 0 \| 0 \| 0 \| 1 \| 42 \| 100 \|/);
    expect(md).toContain('| ⚙️ setup error | setup |');
  });

  it('HTML: its own section and card kind; bugs 0 and setup errors 1 in the summary table', () => {
    const html = render('html');
    expect(html).toContain('<section class="setup-error"><h2>Could not be checked</h2>');
    expect(html).toContain('<th>setup errors</th>');
    expect(html).toMatch(/<tr><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
    expect(html).toContain('<div class="finding setup-error"');
    expect(html).not.toContain('class="diagnosis"');
  });

  it('CSV: verdict setup-error, bugs 0, no defect, the message in the error column', () => {
    expect(render('csv').trim().split('\n')[1]).toBe(`subs/sysexit.py,setup-error,2,0,0,,0.0,no,${MESSAGE}`);
  });

  it('JUnit: an errored case of type setup-error; GitHub: an error titled "could not be checked" with the fix', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(render('junit'));
    expect(xml.testsuites.testsuite.testcase.error.type).toBe('setup-error');
    expect(render('github')).toBe(
      `::error file=subs/sysexit.py,title=nncheck%3A could not be checked::${MESSAGE}%0Afix: ${FIX}\n`,
    );
  });
});

describe('a setup error in a batch', () => {
  const subs: SubmissionResult[] = [
    { path: 'subs/sysexit.py', verdict: 'setup-error', exitCode: 2, ms: 400, report: fromJson, error: MESSAGE },
  ];
  const batch = batchReport('check subs', '0.1.0', {}, undefined, subs, new Date());
  const out = (name: string) => BATCH_REPORTERS.find((r) => r.name === name)!.render(batch);

  it('has a batch form of every single-run format, with the same file name', () => {
    expect(BATCH_REPORTERS.map((r) => [r.name, r.file]).sort()).toEqual(
      Object.values(REPORTERS)
        .map((r) => [r.name, r.file])
        .sort(),
    );
  });

  it('CSV and Markdown count no bug and name no defect; the fix is not doubled anywhere', () => {
    expect(out('csv').trim().split('\n')[1]).toBe(`subs/sysexit.py,setup-error,2,0,0,,0.4,no,${MESSAGE}`);
    expect(out('markdown')).toMatch(/\| ⚠️ cannot be checked \| 2 \| 0 \| 0 \| {2}\| 0\.4 s \|/);
    expect(out('markdown')).not.toContain('## Defects across submissions');
    expect(out('html')).toMatch(/<td class="n">2<\/td><td class="n">0<\/td><td class="n">0<\/td><td><\/td>/);
    for (const r of BATCH_REPORTERS) expect(out(r.name), r.name).not.toMatch(/fix: fix:/i);
    expect(out('github')).toContain('title=nncheck%3A could not be checked');
  });
});
