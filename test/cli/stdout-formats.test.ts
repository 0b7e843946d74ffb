import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { runCli } from '../helpers/run-cli.ts';
import { parseHtml } from '../helpers/html-dom.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';

/**
 * With --reporter NAME, stdout holds that format and nothing else (the console text goes to
 * stderr), for one file and for a batch: what `> grades.csv` or `| jq` gets is parsed here with
 * a real parser, and it is byte for byte the file of the same name in the --report folder.
 */
const REPO = resolve(import.meta.dirname, '../..');
const FAST = ['--suite', 'softmax', '--runs', '10'];

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"' && field === '') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else field += c;
  }
  expect(quoted, 'an unclosed quote').toBe(false);
  expect(field + row.join(''), 'the CSV ends with a line break').toBe('');
  return rows;
}

const HEADER = ['path', 'verdict', 'exit_code', 'bugs', 'warnings', 'defects', 'seconds', 'cached', 'error'];

/** Parses stdout as the format it claims to be; throws (the test fails) when it is not that format alone. */
function parseAs(format: string, stdout: string): void {
  if (format === 'json') expect(() => JSON.parse(stdout)).not.toThrow();
  if (format === 'junit') expect(XMLValidator.validate(stdout)).toBe(true);
  if (format === 'html') expect(() => parseHtml(stdout)).not.toThrow();
  if (format === 'markdown') expect(stdout).toMatch(/^# nncheck /);
  if (format === 'github')
    for (const line of stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) /);
  if (format === 'csv') {
    const [head, ...rows] = parseCsv(stdout);
    expect(head).toEqual(HEADER);
    for (const r of rows) expect(r).toHaveLength(HEADER.length);
  }
}

describe('stdout holds only the --reporter format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-stdout-'));
  copyFileSync(join(REPO, 'examples/numpy_four_defects.py'), join(dir, 'four.py'));
  copyFileSync(join(REPO, 'examples/numpy_network.py'), join(dir, 'ok.py'));
  copyFileSync(join(REPO, 'fixtures/user/py_faults/python2.py'), join(dir, 'py2.py'));

  it('covers every format there is', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual(['csv', 'github', 'html', 'json', 'junit', 'markdown']);
  });

  for (const format of Object.keys(REPORTERS)) {
    const file = REPORTERS[format].file;
    it(
      `one file, --reporter ${format}: stdout parses and is ${file}; the text is on stderr`,
      { timeout: 120_000 },
      () => {
        const r = runCli(['check', 'four.py', ...FAST, '--reporter', format, '--report', `one-${format}`], {
          cwd: dir,
        });
        expect(r.code, r.stderr).toBe(1);
        parseAs(format, r.stdout);
        expect(r.stdout).toBe(readFileSync(join(dir, `one-${format}`, file), 'utf8'));
        expect(r.stderr).toMatch(/defects? found/);
        expect(r.stderr).toMatch(/^\d+ passed, \d+ failed/m);
        expect(r.stderr).toContain(`reports written to one-${format}`);
      },
    );

    it(`a batch, --reporter ${format}: stdout parses and is the batch's ${file}`, { timeout: 300_000 }, () => {
      const args = ['check', 'four.py', 'ok.py', 'py2.py', ...FAST, '--jobs', '2', '--reporter', format];
      const r = runCli([...args, '--report', `batch-${format}`], { cwd: dir, env: { CI: '1' } });
      expect(r.code, r.stderr).toBe(1);
      parseAs(format, r.stdout);
      expect(r.stdout).toBe(readFileSync(join(dir, `batch-${format}`, file), 'utf8'));
      if (format === 'csv') {
        const py2 = parseCsv(r.stdout).find((row) => row[0] === 'py2.py');
        expect(py2?.slice(1, 6)).toEqual(['setup-error', '2', '0', '0', '']); // no bug, no defect
      }
      expect(r.stderr).toContain('checking 3 submissions with 2 jobs');
      expect(r.stderr).toMatch(/^✗ py2\.py: cannot be checked/m);
      expect(r.stderr).toMatch(/^3 submissions: 1 passed, 1 failed, 1 could not be checked/m);
    });
  }

  it('a setup error with --reporter csv: its row alone on stdout, the message and fix on stderr', () => {
    const r = runCli(['check', 'py2.py', '--reporter', 'csv'], { cwd: dir });
    expect(r.code).toBe(2);
    const [head, row] = parseCsv(r.stdout);
    expect(head).toEqual(HEADER);
    expect(row.slice(0, 6)).toEqual(['py2.py', 'setup-error', '2', '0', '0', '']);
    expect(row[8]).toMatch(/\bpy2\.py looks like a Python 2 file: line 5 uses a print statement/);
    expect(r.stderr).toContain('fix: port it to Python 3');
  });

  it('--json with --reporter is a usage error (two formats on one stdout parse as neither)', () => {
    const r = runCli(['check', 'four.py', '--json', '--reporter', 'csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--json and --reporter csv both print to stdout');
  });

  it('--json alone stays one JSON document', { timeout: 120_000 }, () => {
    const r = runCli(['check', 'four.py', ...FAST, '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.exitCode).toBe(1);
  });
});
