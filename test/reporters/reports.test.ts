import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
type AddFormats = (a: Ajv) => Ajv;
const addFormats = (formats as unknown as { default?: AddFormats }).default ?? (formats as unknown as AddFormats);
import { XMLParser } from 'fast-xml-parser';
import { checkImplementation } from '../../src/api/check.ts';
import { writeReports } from '../../src/reporters/write.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';
import type { RunReport } from '../../src/findings/report.ts';
import { summarise } from '../../src/findings/report.ts';
import { runReport } from '../../src/findings/run-report.ts';
import type { TrainingSeries } from '../../src/findings/charts.ts';
import { checkLossGradientPair } from '../../src/api/grad.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SUITES } from '../../properties/suites/index.ts';

const schema = JSON.parse(readFileSync(new URL('../../src/findings/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The JSON report as written, without what legitimately changes between identical runs. */
function stable(r: RunReport): unknown {
  return JSON.parse(
    JSON.stringify(r, (k, v) => (['startedAt', 'finishedAt', 'ms', 'timestamp'].includes(k) ? undefined : v)),
  );
}

let broken: RunReport;
const dir = mkdtempSync(join(tmpdir(), 'nncheck-reports-'));

beforeAll(async () => {
  broken = await checkImplementation('examples/numpy_four_defects.py', {
    catalogue: SUITES,
    suites: ['softmax', 'cross-entropy'],
    settings: { seed: 3, runs: 30 },
  });
  writeReports(broken, dir);
});

describe('reports', () => {
  it('writes every registered format, atomically (no temporary files left)', () => {
    expect(readdirSync(dir).sort()).toEqual(
      Object.values(REPORTERS)
        .map((r) => r.file)
        .sort(),
    );
  });
  it('the JSON report validates against its schema on real runs', () => {
    const written = JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8'));
    expect(validate(written), ajv.errorsText(validate.errors)).toBe(true);
    expect(written.summary.exitCode).toBe(1);
    // The diagnosis: ranked defects whose evidence points at real failing findings, every failure in one defect.
    expect(written.defects.map((d: { rank: number }) => d.rank)).toEqual(
      written.defects.map((_: unknown, k: number) => k + 1),
    );
    const cited = written.defects
      .flatMap((d: { findings: number[] }) => d.findings)
      .sort((a: number, b: number) => a - b);
    const failing = written.findings.flatMap((f: { verdict: string }, i: number) =>
      ['fail', 'error'].includes(f.verdict) ? [i] : [],
    );
    expect(cited).toEqual(failing);
    expect(written.defects.map((d: { cause: string }) => d.cause)).toEqual(
      expect.arrayContaining(['global-max-softmax', 'bce-on-softmax']),
    );
  });
  it('the same seed gives the same JSON apart from timestamps and timings', async () => {
    const again = await checkImplementation('examples/numpy_four_defects.py', {
      catalogue: SUITES,
      suites: ['softmax', 'cross-entropy'],
      settings: { seed: 3, runs: 30 },
    });
    expect(stable(again)).toEqual(stable(broken));
  });
  it('JUnit XML parses back with one test case per property and the failures marked', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
    );
    const suites = [xml.testsuites.testsuite].flat();
    const cases = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as {
      name: string;
      failure?: { type: string };
    }[];
    expect(cases).toHaveLength(broken.findings.length);
    expect(Number(xml.testsuites.failures)).toBe(broken.summary.failed);
    const independent = cases.find((c) => c.name === 'each row is independent of the other rows in the batch') as
      { failure?: { type: string; '#text': string } } | undefined;
    expect(independent?.failure?.type).toBe('bug');
    expect(independent?.failure?.['#text']).toMatch(
      /^defect \d of \d+: softmax subtracts one max for the whole batch — where: softmax — fix: /,
    );
  });
  it('escapes user text in HTML and XML', () => {
    const evil: RunReport = {
      ...broken,
      defects: undefined,
      findings: [
        {
          suite: 'x',
          property: '<script>alert(1)</script>',
          verdict: 'fail',
          severity: 'bug',
          message: 'a & b < c "quoted" \u0001',
          detail: '</pre><img src=x onerror=alert(1)>',
          ms: 1,
        },
      ],
    };
    evil.summary = summarise(evil.findings);
    const html = REPORTERS.html.render(evil);
    expect(html).not.toMatch(/<script>|<img/);
    expect(html).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(REPORTERS.junit.render(evil));
    expect(xml.testsuites.testsuite.testcase.name).toBe('<script>alert(1)</script>');
  });
  it('the Markdown summary lists the failures with their replay lines', () => {
    const md = readFileSync(join(dir, 'nncheck.md'), 'utf8');
    expect(md).toMatch(/^# nncheck check: ❌ \d+ defects? found/);
    expect(md).toMatch(/## Diagnosis\n\n1\. \*\*/);
    expect(md).toMatch(/global\\?-max\\?[- ]softmax/); // the Markdown escapes hyphens
    expect(md).toMatch(/--path [\d:]+/);
  });
});

describe('chart data in the JSON report', () => {
  const asWritten = (r: RunReport) => JSON.parse(JSON.stringify(r));
  it("validates a grad report's gradient errors and a run's training curves (NaN written as null)", async () => {
    const { report } = await checkLossGradientPair('fixtures/layers/mlp3.py', {
      loss: 'loss',
      grad: 'grad',
      params: 'params',
    });
    expect(report.charts?.gradientErrors?.length).toBe(8);
    expect(validate(asWritten(report)), ajv.errorsText(validate.errors)).toBe(true);
    const training: TrainingSeries[] = [
      { label: 'relu (lr 0.1)', history: [{ epoch: 1, loss: 2.3, accuracy: 0.1 }] },
      { label: 'diverged', history: [{ epoch: 1, loss: NaN, accuracy: 0.1, deadFraction: 0.5 }] },
    ];
    const run = runReport({
      command: 'run',
      startedAt: new Date(),
      settings: { seed: 0, runs: 1 },
      subjects: [],
      findings: [],
      charts: { training, gradientErrors: report.charts?.gradientErrors },
    });
    expect(validate(asWritten(run)), ajv.errorsText(validate.errors)).toBe(true);
  }, 60_000);

  it('rejects chart data of the wrong shape', () => {
    const r = runReport({
      command: 'run',
      startedAt: new Date(),
      settings: { seed: 0, runs: 1 },
      subjects: [],
      findings: [],
    });
    const bad = (charts: unknown) => validate({ ...asWritten(r), charts });
    expect(bad({ gradientErrors: [{ subject: 'a', tensor: 'W1', relError: '1e-3', failed: false }] })).toBe(false);
    expect(bad({ training: [{ label: 'x', history: [{ epoch: 1, loss: 1 }] }] })).toBe(false);
    expect(bad({ losses: [] })).toBe(false);
    expect(bad({ training: [], gradientErrors: [] })).toBe(true);
  });
});

describe('nncheck run (the main job)', () => {
  it('exits 0, writes the full report set and prints the HTML path', () => {
    const out = mkdtempSync(join(tmpdir(), 'nncheck-run-'));
    const r = runCli(['run', '--report', out, '--runs', '10'], { env: { CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(r.stdout).toContain(join(out, 'nncheck.html'));
    expect(r.stderr).toMatch(/^\[1\/\d+\] /m); // plain progress lines under CI
    for (const f of Object.values(REPORTERS)) expect(existsSync(join(out, f.file))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'nncheck.json'), 'utf8'));
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(report.subjects.map((s: { name: string }) => s.name)).toEqual([
      'reference-sigmoid',
      'reference-relu',
      'reference-leaky_relu',
      'reference-tanh',
      'motivating case',
    ]);
    expect(report.charts.training.length).toBeGreaterThanOrEqual(6);
  });
});
