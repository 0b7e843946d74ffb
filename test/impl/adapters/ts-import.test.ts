import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { importUserModule } from '../../../src/impl/adapters/ts-import.ts';
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
});
