// Builds the published package into dist/: tsc (JS, .d.ts, source maps with their sources
// inlined) over src/ and properties/, then the non-TypeScript files the code reads at run time
// next to their modules (bridge.py and the Python modules beside it, report.schema.json, the
// .mjs entry of the TypeScript subprocess).
// Runs on `npm pack`/`npm publish` (prepack); the repository itself runs from the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const ASSETS = /\.(py|json|mjs)$/;

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

let copied = 0;
for (const top of ['src', 'properties']) {
  for (const entry of readdirSync(join(root, top), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !ASSETS.test(entry.name)) continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, join(dist, relative(root, from)));
    copied++;
  }
}
console.log(`built ${relative(process.cwd(), dist) || 'dist'}/ (tsc, ${copied} asset files)`);
