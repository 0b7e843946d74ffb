import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerLock, type Lockfile, type PackedPackage } from './consumer-lock.ts';

/**
 * nncheck as a user gets it: `npm pack` (which builds dist/), the tarball installed offline from
 * the local npm cache into a fresh ESM project and a fresh CommonJS project (what `npm init -y`
 * writes), then in each: a strict NodeNext `tsc` over files importing `nncheck` and
 * `nncheck/vitest`, `npx nncheck --version`, `npx nncheck check` on a .ts network, and a vitest
 * test using the matchers. Both projects run side by side to keep the time down.
 */
const REPO = join(import.meta.dirname, '..', '..');
const own = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const TOOLS = ['vitest', 'typescript', '@types/node'];
const KINDS = { esm: { type: 'module' }, commonjs: {} } as const;
type Kind = keyof typeof KINDS;

const NETWORK = readFileSync(join(REPO, 'examples', 'ts_network.ts'), 'utf8');
// A wrong tanh derivative (1 − a instead of 1 − a²): the matcher must reject it.
const BROKEN = NETWORK.replace('g * (1 - A[i][j] * A[i][j])', 'g * (1 - A[i][j])');
const API_TS = `import { checkImplementation, referenceImplementation, type RunReport, type Finding } from 'nncheck';
import { describeImplementation, installMatchers, matchers, type VitestOptions } from 'nncheck/vitest';

export async function failures(target: string): Promise<Finding[]> {
  const report: RunReport = await checkImplementation(target, { settings: { seed: 1, runs: 5 }, suites: ['softmax'] });
  return report.findings.filter((f) => f.verdict === 'fail');
}
export const options: VitestOptions = { suites: ['gradients'], settings: { runs: 5 } };
export const api = [describeImplementation, installMatchers, matchers.toHaveCorrectGradients, referenceImplementation];
`;
const TEST_TS = `import { it, expect } from 'vitest';
import { installMatchers } from 'nncheck/vitest';

installMatchers();

it('accepts a correct network and rejects a wrong tanh derivative', async () => {
  await expect('network.ts').toHaveCorrectGradients({ settings: { runs: 5 } });
  await expect('broken.ts').not.toHaveCorrectGradients({ settings: { runs: 5 } });
}, 120_000);
`;
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    noEmit: true,
    types: ['node'],
    skipLibCheck: true,
  },
  include: ['*.ts'],
};

interface Result {
  code: number | null;
  stdout: string;
  out: string;
  ms: number;
}
// The consumer runs as a user would: none of this vitest run's variables leak into it.
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/.test(k)),
);
const run = (cmd: string, args: string[], cwd: string): Promise<Result> =>
  new Promise((done) => {
    const t0 = performance.now();
    execFile(cmd, args, { cwd, timeout: 180_000, maxBuffer: 1 << 24, env: ENV }, (err, stdout, stderr) =>
      done({
        code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
        stdout,
        out: `${stdout}${stderr}`,
        ms: performance.now() - t0,
      }),
    );
  });

const root = mkdtempSync(join(tmpdir(), 'nncheck-pack-'));
const results: Record<Kind, Record<string, Result>> = { esm: {}, commonjs: {} };
let packed: PackedPackage;

async function exercise(kind: Kind): Promise<void> {
  const dir = join(root, kind);
  mkdirSync(dir);
  const { devDependencies, lock } = consumerLock(
    JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as Lockfile,
    packed,
    `../${packed.filename}`,
    TOOLS,
    `consumer-${kind}`,
  );
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      { name: `consumer-${kind}`, version: '1.0.0', private: true, ...KINDS[kind], devDependencies },
      null,
      2,
    ),
    'package-lock.json': JSON.stringify(lock, null, 2),
    'tsconfig.json': JSON.stringify(TSCONFIG, null, 2),
    'network.ts': NETWORK,
    'broken.ts': BROKEN,
    'api.ts': API_TS,
    'network.test.ts': TEST_TS,
  };
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const steps: [string, string, string[]][] = [
    ['install', 'npm', ['ci', '--offline', '--no-audit', '--no-fund']],
    ['tsc', 'npx', ['--no', '--', 'tsc', '-p', '.']],
    ['version', 'npx', ['--no', '--', 'nncheck', '--version']],
    [
      'check',
      'npx',
      ['--no', '--', 'nncheck', 'check', 'network.ts', '--suite', 'softmax', '--suite', 'gradients', '--runs', '5'],
    ],
    ['vitest', 'npx', ['--no', '--', 'vitest', 'run']],
  ];
  for (const [name, cmd, args] of steps) {
    const result = await run(cmd, args, dir);
    results[kind][name] = result;
    const took = `exit ${result.code}, ${(result.ms / 1000).toFixed(1)} s`;
    console.log(`[${kind}] $ ${cmd} ${args.join(' ')}  (${took})\n${result.out.trim()}\n`);
    if (result.code !== 0) return;
  }
}

beforeAll(async () => {
  const pack = await run('npm', ['pack', '--json', '--pack-destination', root], REPO);
  expect(pack.code, pack.out).toBe(0);
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0];
  packed = {
    name: info.name,
    version: info.version,
    filename: info.filename,
    integrity: info.integrity,
    manifest: own,
  };
  console.log(
    `npm pack: ${info.filename}, ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} kB packed, ` +
      `${(info.unpackedSize / 1024).toFixed(0)} kB unpacked (${(pack.ms / 1000).toFixed(1)} s with the build)`,
  );
  await Promise.all((Object.keys(KINDS) as Kind[]).map(exercise));
}, 600_000); // about 60 s on a quiet 2-core machine; minutes under load

describe.each(Object.keys(KINDS) as Kind[])('the packed tarball in a fresh %s project', (kind) => {
  const step = (name: string) => {
    const r = results[kind][name];
    expect(r, `${name} did not run: an earlier step failed`).toBeDefined();
    expect(r.code, r.out).toBe(0);
    return r.out;
  };
  it('installs offline from the local npm cache', () => {
    step('install');
  });
  it('type-checks a file importing nncheck and nncheck/vitest: tsc (strict, NodeNext) with 0 errors', () => {
    expect(step('tsc')).not.toMatch(/error TS/);
  });
  it('npx nncheck --version prints the package version', () => {
    expect(step('version').trim()).toBe(own.version);
  });
  it('npx nncheck check checks a .ts network', () => {
    expect(step('check')).toMatch(/\d+ passed, 0 failed/);
  });
  it('a vitest test using the matchers passes', () => {
    expect(step('vitest')).toMatch(/1 passed/);
  });
});
