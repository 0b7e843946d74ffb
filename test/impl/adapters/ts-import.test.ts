import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { importUserModule } from '../../../src/impl/adapters/ts-import.ts';
import { runAloneCommand } from '../../../src/impl/adapters/run-alone.ts';
import { runCli } from '../../helpers/run-cli.ts';

// Each file names its own kind, so a test can tell which file was actually loaded.
const TS = (kind: string) =>
  `type M = number[][];\nconst m: M = [[1]];\nexport const kind: string = '${kind}' + (m.length - 1 || '');\n`;
const ESM = (kind: string) => `export const kind = '${kind}';\n`;
const CJS = (kind: string) => `const path = require('node:path');\nexports.kind = '${kind}' + path.sep.slice(1);\n`;
const FILES: Record<string, string> = {
  'net.ts': TS('ts'),
  'net.mts': TS('mts'),
  'net.cts': TS('cts'),
  'net.mjs': ESM('mjs'),
  'net.cjs': CJS('cjs'),
  'uses-helper.ts': "import { kind } from './helper.js';\nexport { kind };\n",
  'helper.ts': TS('helper'),
};
// A `.js` file follows its package: ESM under "type": "module", CommonJS otherwise.
const FOLDERS: Record<string, { packageJson?: object; js: string }> = {
  esm: { packageJson: { type: 'module' }, js: ESM('js') },
  commonjs: { packageJson: { name: 'user-project' }, js: CJS('js') },
  'no-package-json': { js: CJS('js') },
};

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nncheck-import-'));
  for (const [name, f] of Object.entries(FOLDERS)) {
    const dir = join(root, name);
    mkdirSync(dir);
    if (f.packageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify(f.packageJson));
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'net.js'), f.js);
  }
});

const kindOf = (mod: Record<string, unknown>) => mod.kind ?? (mod.default as Record<string, unknown>)?.kind;

describe('importUserModule loads every script kind in every kind of project', () => {
  for (const folder of Object.keys(FOLDERS)) {
    it.each(['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'])(`${folder}: net.%s`, async (ext) => {
      expect(kindOf(await importUserModule(join(root, folder, `net.${ext}`)))).toBe(ext);
    });
    it(`${folder}: a .ts file importing './helper.js' gets helper.ts (TypeScript's convention)`, async () => {
      expect(kindOf(await importUserModule(join(root, folder, 'uses-helper.ts')))).toBe('helper');
    });
  }
});

describe('importUserModule reports load failures as setup errors', () => {
  it('names a missing file', async () => {
    await expect(importUserModule(join(root, 'nothere.ts'))).rejects.toThrow(/file not found/);
  });
  it('names CommonJS inside a "type": "module" package and the fix', async () => {
    const file = join(root, 'esm', 'wrong.js');
    writeFileSync(file, CJS('x'));
    await expect(importUserModule(file)).rejects.toThrow(/failed to load[\s\S]*rename it to \.cjs/);
  });
  it('names a missing import', async () => {
    const file = join(root, 'esm', 'missing-import.ts');
    writeFileSync(file, "import 'nncheck-fixture-no-such-package';\nexport const kind = 1;\n");
    await expect(importUserModule(file)).rejects.toThrow(/imports a module that cannot be found/);
  });
});

describe('a script that does not compile, or exits at import: where, and the fix', () => {
  const NET = readFileSync('examples/ts_network.ts', 'utf8');
  const write = (folder: string, name: string, text: string) => {
    const file = join(root, folder, name);
    writeFileSync(file, text);
    return file;
  };
  it("a TypeScript syntax error names its line, column, the compiler's text and the line itself", async () => {
    const file = write('commonjs', 'syntax.ts', `${NET}export const broken = ;\n`);
    const line = NET.split('\n').length;
    await expect(importUserModule(file)).rejects.toThrow(
      new RegExp(`syntax\\.ts does not compile: line ${line}, column 22: Unexpected ";": export const broken = ;`),
    );
    await expect(importUserModule(file)).rejects.toThrow(new RegExp(`fix: fix line ${line} of .*syntax\\.ts`));
  });
  it('an error in an imported file names that file; a JavaScript module its line too', async () => {
    write('esm', 'broken-helper.ts', 'export const x = 1;\nexport const y = ;\n');
    const user = write('esm', 'uses-broken.ts', "export { x } from './broken-helper.js';\n");
    await expect(importUserModule(user)).rejects.toThrow(
      /uses-broken\.ts imports .*broken-helper\.ts, which does not compile: line 2, column 17: Unexpected ";"/,
    );
    const mjs = write('esm', 'broken.mjs', 'export const a = 1;\nexport const b = ;\n');
    await expect(importUserModule(mjs)).rejects.toThrow(/broken\.mjs does not compile: line 2: Unexpected token ';'/);
  });
  it.each(['commonjs', 'esm'])(
    'process.exit() at the top level (%s) is named with the fix, and ends nothing',
    async (folder) => {
      const before = process.exit;
      const file = write(folder, 'exits.ts', `process.exit(0);\n${NET}`);
      await expect(importUserModule(file)).rejects.toThrow(
        /exits\.ts calls process\.exit\(0\) while being imported \((at|process\.exit at) line 1\b[\s\S]*main guard/,
      );
      expect(process.exit).toBe(before);
    },
  );
  it('the suggested main guards work: the guarded script loads (ESM and CommonJS)', async () => {
    const esm =
      "import { fileURLToPath } from 'node:url';\n" +
      `${NET}if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(0);\n`;
    for (const folder of ['commonjs', 'esm'])
      expect(typeof (await importUserModule(write(folder, 'guarded.ts', esm))).forward).toBe('function');
    const cjs = write('commonjs', 'guarded.cjs', 'if (require.main === module) process.exit(0);\nexports.kind = 1;\n');
    expect(kindOf(await importUserModule(cjs))).toBe(1);
  });
  it('the command it suggests for the full stack runs from a folder without tsx', () => {
    const file = write('commonjs', 'throws.ts', "const n: number = 1;\nthrow new Error('boom ' + n);\n");
    const r = spawnSync(runAloneCommand('throws.ts'), { cwd: join(root, 'commonjs'), shell: true, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(r.stderr).toMatch(/Error: boom 1/);
    expect(r.stderr).toContain(file);
  });
});

describe('nncheck check on a TypeScript network outside an ESM package', () => {
  it('checks a .ts network in a CommonJS project (no "type": "module"); network.js means network.js', () => {
    const dir = join(root, 'commonjs');
    copyFileSync('examples/ts_network.ts', join(dir, 'network.ts'));
    writeFileSync(join(dir, 'network.js'), CJS('not a network'));
    const ok = runCli(['check', 'network.ts', '--suite', 'softmax', '--runs', '3', '--quiet'], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const js = runCli(['check', 'network.js', '--suite', 'softmax', '--runs', '3', '--quiet'], { cwd: dir });
    expect(js.code).toBe(2);
    expect(js.stderr).toMatch(/network\.js does not export initParams\(\)/);
  });
  it('a network that calls process.exit(0) at import: exit 2 naming process.exit and the main guard', () => {
    const dir = join(root, 'commonjs');
    writeFileSync(join(dir, 'exit.ts'), `process.exit(0);\n${readFileSync('examples/ts_network.ts', 'utf8')}`);
    const r = runCli(['check', 'exit.ts', '--suite', 'softmax', '--runs', '3'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /exit\.ts calls process\.exit\(0\) while being imported \(process\.exit at line 1\): importing it ends/,
    );
    expect(r.stderr).toMatch(/fix: move the script's work and its process\.exit\(\) under a main guard/);
  });
});
