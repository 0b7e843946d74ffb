import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandInputs, glob } from '../../src/batch/inputs.ts';
import { inShard, parseShard, shardOf } from '../../src/batch/shard.ts';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'nncheck-inputs-'));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  return root;
}

describe('batch inputs', () => {
  const root = tree([
    'a/net.py',
    'a/_base.py',
    'a/notes.txt',
    'b/x/deep.ts',
    'b/x/types.d.ts',
    'b/node_modules/dep/i.js',
    'b/__pycache__/c.py',
    'c.py',
    '.hidden/h.py',
    'b/.venv/v.py',
    'venv/pyvenv.cfg',
    'venv/lib/python3.11/site-packages/PIL/Image.py',
    'env2/conda-meta/history',
    'env2/lib/x.py',
    'lib/site-packages/m.py',
  ]);

  it('a folder gives its source files, skipping helpers, dependencies, Python environments and dot folders', () => {
    expect(expandInputs(['.'], root)).toEqual(['a/net.py', 'b/x/deep.ts', 'c.py']);
    expect(expandInputs(['b'], root)).toEqual(['b/x/deep.ts']);
    expect(expandInputs(['**/*.py'], root)).not.toContainEqual(expect.stringMatching(/venv|env2|site-packages/));
  });
  it('globs: * within a name, ** at any depth, [..] classes; a matched folder is walked', () => {
    expect(glob('*.py', root).map((p) => p.slice(root.length + 1))).toEqual(['c.py']);
    expect(expandInputs(['**/*.py'], root)).toEqual(['a/_base.py', 'a/net.py', 'c.py']);
    expect(expandInputs(['[ab]/*'], root)).toEqual(['a/_base.py', 'a/net.py', 'a/notes.txt', 'b/x/deep.ts']);
    expect(expandInputs(['b/**/deep.?s'], root)).toEqual(['b/x/deep.ts']);
    expect(expandInputs(['nothing/*.py'], root)).toEqual([]);
  });
  it('files, folders and globs together, each once and sorted; a missing path is kept for its check to report', () => {
    expect(expandInputs(['c.py', 'a', 'a/net.py', 'missing.py', 'reference:relu'], root)).toEqual([
      'a/net.py',
      'c.py',
      'missing.py',
      'reference:relu',
    ]);
  });
});

describe('shards', () => {
  const paths = Array.from({ length: 600 }, (_, i) => `subs/student-${i}/net.py`);
  it('every path is in exactly one shard, the same one whatever else is in the batch', () => {
    const n = 3;
    for (const p of paths) expect([1, 2, 3].filter((i) => inShard(p, { index: i, count: n }))).toEqual([shardOf(p, n)]);
    // Adding files elsewhere never moves a file: its shard depends on its own path alone.
    const before = paths.map((p) => shardOf(p, n));
    const more = [...paths, ...Array.from({ length: 50 }, (_, i) => `late/${i}.py`)];
    expect(more.slice(0, paths.length).map((p) => shardOf(p, n))).toEqual(before);
  });
  it('shares are balanced: each of 3 shards holds 200 ± 4σ of 600 paths (binomial σ ≈ 11.5)', () => {
    const sizes = [1, 2, 3].map((i) => paths.filter((p) => shardOf(p, 3) === i).length);
    for (const s of sizes) expect(Math.abs(s - 200)).toBeLessThan(46);
  });
  it('I/N is parsed strictly', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/I\/N/);
  });
});
