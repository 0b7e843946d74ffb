import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson, reportProblems, runHostile } from './run-hostile.ts';
import { expectCase } from './table.ts';
import { capText, escapeMarkdown, markdownCode, terminalSafe, xmlSafe } from '../../src/util/text-safety.ts';
import { joinRegex } from '../helpers/join-regex.ts';

/** Fault injection, items 6, 7 and 9 of issue 13: hostile text, source encodings, odd values. */
const H = 'fixtures/hostile';
const quick = ['--suite', 'network', '--runs', '3', '--quiet'];
// What a terminal would execute: ESC, BEL, NUL, BS, CR, CSI (U+009B), a bidi override.
// eslint-disable-next-line no-control-regex
const EXECUTABLE = /[\u0000\u0007\u0008\u000d\u001b\u009b\u202e]/;

describe(
  '6. user text is shown, never executed; XML stays well-formed; every string is capped',
  { timeout: 200_000 },
  () => {
    it.each([
      ['py', 'py_hostile_text.py'],
      ['ts', 'ts_hostile_text.ts'],
    ] as const)('%s: escapes, noncharacters and a 1 MB message', async (lang, file) => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-text-'));
      const r = await runHostile([
        'check',
        `${H}/${file}`,
        '--suite',
        'network',
        '--property',
        'network.shapes',
        '--runs',
        '3',
        '--report',
        dir,
      ]);
      expectCase(r, {
        item: '6',
        lang,
        name: 'hostile exception text',
        exit: 1,
        finding: /\\x1b\[31mRED\\x1b\[0m \\x1b\[2J\\x1b\]0;pwned title\\x07 NUL\\x00 BS\\x08 CR\\x0d/,
        maxSeconds: 90,
      });
      expect(r.stdout).not.toMatch(EXECUTABLE);
      expect(r.stdout.length).toBeLessThan(40_000);
      expect(reportProblems(dir)).toEqual([]);
      for (const f of ['nncheck.json', 'junit.xml', 'nncheck.html', 'nncheck.md'])
        expect(statSync(join(dir, f)).size, f).toBeLessThan(100_000);
      const md = readFileSync(join(dir, 'nncheck.md'), 'utf8');
      expect(md).not.toMatch(/<b>html<\/b>/);
      expect(md).toMatch(/\\<b\\>html\\<\/b\\>/);
      expect(reportJson(dir).findings.some((f: { message: string }) => /more characters cut/.test(f.message))).toBe(
        true,
      );
    });
    it('the helpers: terminal, XML, Markdown, caps', () => {
      expect(terminalSafe('\x1b[2J\r\x00\u009b\u202eok\n\tend')).toBe('\\x1b[2J\\x0d\\x00\\x9b\\u202eok\n\tend');
      expect(xmlSafe('a\x1b\ufffe\uffff\ud800b\ud83d\ude00')).toBe('a\\x1b\ufffd\ufffd\ufffdb\ud83d\ude00');
      expect(escapeMarkdown('- a | *b* <i>c</i> [d](e) `f`\ng')).toBe(
        '\\- a \\| \\*b\\* \\<i\\>c\\</i\\> \\[d\\](e) \\`f\\` g',
      );
      expect(markdownCode('x | `y`')).toBe('`` x \\| `y` ``');
      expect(capText('x'.repeat(5000))).toHaveLength(4096 + ' … [904 more characters cut]'.length);
      expect(capText(`${'a'.repeat(5000)}END`, 10, 'tail')).toBe('[4993 characters cut] … aaaaaaaEND');
    });
  },
);

describe('7. Python sources are compiled from bytes', { timeout: 200_000 }, () => {
  it.each([
    ['a UTF-8 BOM', 'py_bom.py'],
    ['a Latin-1 file with a coding line', 'py_latin1.py'],
  ])('%s is read as Python reads it', async (what, file) => {
    const r = await runHostile(['check', `${H}/${file}`, ...quick]);
    expectCase(r, { item: '7', lang: 'py', name: what, exit: 0, finding: /\d+ passed, 0 failed/, maxSeconds: 60 });
  });
});

describe('9. the smaller items, each with a clear message', { timeout: 200_000 }, () => {
  it('LEAKY_SLOPE = np.float32(0.02) is a slope like any other', async () => {
    const r = await runHostile(['check', `${H}/py_slope_float32.py`, ...quick]);
    expectCase(r, {
      item: '9',
      lang: 'py',
      name: 'LEAKY_SLOPE = np.float32(0.02)',
      exit: 0,
      finding: /\d+ passed, 0 failed/,
      maxSeconds: 60,
    });
  });
  it('LEAKY_SLOPE = nan is named as such', async () => {
    const r = await runHostile(['check', `${H}/py_slope_nan.py`, ...quick]);
    expectCase(r, {
      item: '9',
      lang: 'py',
      name: 'LEAKY_SLOPE = nan',
      exit: 2,
      finding: /LEAKY_SLOPE = nan is not a finite number\n {2}fix: set LEAKY_SLOPE/,
      maxSeconds: 60,
    });
    expect(r.stderr).not.toMatch(/channel/);
  });
  it('init_params raising shows the traceback', async () => {
    const r = await runHostile(['check', `${H}/py_init_raises.py`, ...quick]);
    expectCase(r, {
      item: '9',
      lang: 'py',
      name: 'init_params raises',
      exit: 2,
      finding: joinRegex(
        /init_params\(5, 4, 3, 0\), called before any check, failed: /,
        /init_params\(\) raised ValueError: no weights for D=5, H=4\n/,
        / {2}File "[^"]+py_init_raises\.py", line \d+, in init_params/,
      ),
      maxSeconds: 60,
    });
  });
  it('initParams throwing shows where', async () => {
    const r = await runHostile(['check', `${H}/ts_init_raises.ts`, ...quick]);
    expectCase(r, {
      item: '9',
      lang: 'ts',
      name: 'initParams throws',
      exit: 2,
      finding: joinRegex(
        /initParams\(5, 4, 3, 0\), called before any check, failed: RangeError: no weights for D=5, H=4\n/,
        /.*\n\s+at makeWeights \(\S+ts_init_raises\.ts/,
      ),
      maxSeconds: 60,
    });
  });
  it.each([
    ['py', 'py_loss_string.py', /loss\(\) returned a str \('\d\.\d+'\), expected a number/],
    ['ts', 'ts_loss_string.ts', /loss\(\) returned a string \("\d\.\d+"\), expected a number/],
  ] as const)('%s: a loss returned as a string is a finding', async (lang, file, finding) => {
    const r = await runHostile(['check', `${H}/${file}`, ...quick]);
    expectCase(r, { item: '9', lang, name: 'loss() returns a string', exit: 1, finding, maxSeconds: 60 });
  });
  it.each([
    ['py', 'py_none_sometimes.py', /gradients\(\) returned None on this input: a code path without a return/],
    ['ts', 'ts_none_sometimes.ts', /gradients\(\) returned nothing on this input: a code path without a return/],
  ] as const)('%s: None on some inputs is a finding, not an unfinished template', async (lang, file, finding) => {
    const r = await runHostile(['check', `${H}/${file}`, ...quick]);
    expectCase(r, { item: '9', lang, name: 'None on some inputs only', exit: 1, finding, maxSeconds: 60 });
    expect(r.stdout + r.stderr).not.toMatch(/unfinished/);
  });
  it('nncheck frobnicate says unknown command', async () => {
    const r = await runHostile(['frobnicate']);
    expectCase(r, {
      item: '9',
      lang: '-',
      name: 'nncheck frobnicate',
      exit: 2,
      finding: /unknown command 'frobnicate'\. Commands: .*check/,
      maxSeconds: 20,
    });
  });
});
