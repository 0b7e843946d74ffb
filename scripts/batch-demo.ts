/**
 * A course's worth of generated submissions for batch mode, each of a known kind, and a check that
 * a batch report gives every submission the verdict its kind calls for.
 *
 *   npx tsx scripts/batch-demo.ts generate DIR [SCALE]    # writes DIR/<kind>-NN/... and DIR/expected.json
 *   npx tsx scripts/batch-demo.ts verify DIR REPORT_DIR   # exit 0 when every verdict matches its kind
 *
 * Kinds: correct networks (examples/numpy_network.py, examples/ts_network.ts, the outsider-written
 * zoo as written), mutants of the example (a missing 1/N, a global-max softmax,
 * no ReLU derivative, a sign flip), the four-defect network, Python faults (an exception, NaN, a
 * wrong shape, the process exiting, a hang, unloadable files, one that kills its checker) and a TS
 * memory blow-up past the cap.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BatchReport, SubmissionVerdict } from '../src/findings/batch-report.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const NUMPY = read('examples/numpy_network.py');
const TS = read('examples/ts_network.ts');

function mutate(src: string, from: string, to: string): string {
  if (!src.includes(from)) throw new Error(`mutation target not found: ${from}`);
  return src.replace(from, to);
}

interface Kind {
  name: string;
  expect: SubmissionVerdict[];
  files: Record<string, string>;
  copies?: number;
}

// The outsider-written zoo as it is (no declarations added: the activation is read from the code),
// float32 and TS files included; each is a correct network and must pass.
const ZOO = readdirSync(join(ROOT, 'fixtures/zoo')).filter((f) => /\.(py|ts)$/.test(f));
const fault = (name: string) => ({
  'net.py': read(`fixtures/user/py_faults/${name}.py`),
  '_base.py': read('fixtures/user/py_faults/_base.py'),
});
const tsInForward = (line: string) =>
  mutate(
    TS,
    'export function forward(params: M[], X: M): M {',
    `export function forward(params: M[], X: M): M {\n  ${line}`,
  );

export const KINDS: Kind[] = [
  { name: 'correct-numpy', expect: ['pass'], files: { 'net.py': NUMPY }, copies: 18 },
  { name: 'correct-ts', expect: ['pass'], files: { 'net.ts': TS }, copies: 9 },
  ...ZOO.map((f): Kind => ({
    name: `correct-zoo-${basename(f).replace(/\.(py|ts)$/, '')}`,
    expect: ['pass'],
    files: { [`net${f.slice(f.lastIndexOf('.'))}`]: read(`fixtures/zoo/${f}`) },
    copies: 2,
  })),
  {
    name: 'mutant-four-defects',
    expect: ['fail'],
    files: { 'net.py': read('examples/numpy_four_defects.py') },
    copies: 6,
  },
  { name: 'mutant-missing-mean', expect: ['fail'], files: { 'net.py': mutate(NUMPY, '- Y) / n', '- Y)') }, copies: 5 },
  {
    name: 'mutant-global-max',
    expect: ['fail'],
    files: { 'net.py': mutate(NUMPY, 'z.max(axis=1, keepdims=True)', 'z.max()') },
    copies: 5,
  },
  {
    name: 'mutant-no-relu-derivative',
    expect: ['fail'],
    files: { 'net.py': mutate(NUMPY, '(d2 @ W2.T) * (z1 > 0)', '(d2 @ W2.T)') },
    copies: 5,
  },
  {
    name: 'mutant-sign-flip',
    expect: ['fail'],
    files: { 'net.py': mutate(NUMPY, 'a1.T @ d2 + lam / n * W2', '-(a1.T @ d2 + lam / n * W2)') },
    copies: 5,
  },
  ...['throws', 'returns_nan', 'wrong_shape', 'exits'].map((f): Kind => ({
    name: `fault-${f}`,
    expect: ['fail'],
    files: fault(f),
    copies: 4,
  })),
  // A hang ends either by the check's own per-call timeout (a finding: fail) or by the batch's budget.
  { name: 'fault-sleeps', expect: ['timeout', 'fail'], files: fault('sleeps'), copies: 3 },
  ...['python2', 'no_contract', 'missing_module'].map((f): Kind => ({
    name: `setup-${f}`,
    expect: ['setup-error'],
    files: fault(f),
    copies: 3,
  })),
  // Past the memory cap: the check's process dies (crash), or, where nncheck runs TS modules in a
  // process of their own, the check names the aborted module (setup error).
  {
    name: 'crash-ts-memory-hog',
    expect: ['crash', 'setup-error'],
    files: {
      'net.ts': tsInForward(
        'if (X.length > 0) { const hog: number[][] = []; for (;;) hog.push(new Array(1e6).fill(X.length)); }',
      ),
    },
    copies: 2,
  },
  // A submission that kills the process checking it: the one kind a check cannot report from inside.
  {
    name: 'crash-kills-checker',
    expect: ['crash'],
    files: {
      'net.py': [
        'import os',
        'import signal',
        'from _base import *  # noqa: F401,F403',
        '',
        '',
        'def gradients(params, X, Y, lam):',
        '    os.kill(os.getppid(), signal.SIGKILL)',
        '',
      ].join('\n'),
      '_base.py': read('fixtures/user/py_faults/_base.py'),
    },
    copies: 2,
  },
];

function generate(dir: string, scale: number): void {
  const expected: Record<string, SubmissionVerdict[]> = {};
  for (const k of KINDS) {
    for (let i = 1; i <= Math.max(1, Math.round((k.copies ?? 1) * scale)); i++) {
      const sub = join(dir, `${k.name}-${String(i).padStart(2, '0')}`);
      mkdirSync(sub, { recursive: true });
      // Each copy differs by its header, as students' files do.
      for (const [name, text] of Object.entries(k.files))
        writeFileSync(
          join(sub, name),
          name.startsWith('_') ? text : `${name.endsWith('.py') ? '#' : '//'} submission ${k.name} ${i}\n${text}`,
        );
      const main = Object.keys(k.files).find((n) => !n.startsWith('_')) as string;
      expected[join(dir, basename(sub), main)] = k.expect;
    }
  }
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 1));
  console.log(`${Object.keys(expected).length} submissions in ${dir}`);
}

function verify(dir: string, reportDir: string): number {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, SubmissionVerdict[]>;
  const batch = JSON.parse(readFileSync(join(reportDir, 'nncheck.json'), 'utf8')) as BatchReport;
  // The report names each file as it was given (relative to where the batch ran): matched by its
  // submission folder and file name, which are unique in DIR.
  const key = (p: string) => p.split('/').slice(-2).join('/');
  const got = new Map(batch.submissions.map((s) => [key(s.path), s.verdict]));
  const byKind = new Map<string, string[]>();
  let wrong = 0;
  for (const [path, want] of Object.entries(expected)) {
    const v = got.get(key(path));
    const kind = basename(join(path, '..')).replace(/-\d+$/, '');
    byKind.set(kind, [...(byKind.get(kind) ?? []), v ?? 'missing']);
    if (!v || !want.includes(v)) {
      wrong++;
      console.log(`MISMATCH ${path}: ${v ?? 'not in the report'}, expected ${want.join(' or ')}`);
    }
  }
  for (const [kind, vs] of byKind) console.log(`${kind.padEnd(40)} ${vs.length} × ${[...new Set(vs)].join('/')}`);
  console.log(`${Object.keys(expected).length - wrong}/${Object.keys(expected).length} verdicts match their kind`);
  return wrong ? 1 : 0;
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'generate' && a) generate(a, b ? Number(b) : 1);
else if (cmd === 'verify' && a && b) process.exitCode = verify(a, b);
else {
  console.error('usage: tsx scripts/batch-demo.ts generate DIR [SCALE] | verify DIR REPORT_DIR');
  process.exitCode = 2;
}
