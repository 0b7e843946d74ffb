import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Files a folder walk takes as submissions: the languages nncheck checks. */
const SOURCE = /\.(py|ts|mts|cts|js|mjs|cjs)$/;
/** Folders a walk never enters: dependencies, caches, version control, nncheck's own output. */
const SKIP_DIR = /^(node_modules|__pycache__|site-packages|dist-packages|__pypackages__|\..*)$/;

/** A folder a walk never enters: by name, or a Python environment (a venv or conda env: installed packages). */
function skipped(dir: string, name: string): boolean {
  return SKIP_DIR.test(name) || existsSync(join(dir, 'pyvenv.cfg')) || existsSync(join(dir, 'conda-meta'));
}
const GLOB = /[*?[]/;

/**
 * The submissions named by paths, folders and globs (`*`, `?`, `[...]` within a name, `**` for any
 * depth), as '/'-separated paths relative to the current directory, sorted and each once. A folder
 * gives every source file below it except helpers (names starting with `_` or `.`, `.d.ts`); a glob
 * gives what it matches. A path that names nothing is kept: its check reports "file not found"
 * while the rest of the batch goes on. `reference:<activation>` passes through.
 */
export function expandInputs(args: readonly string[], cwd = process.cwd()): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    if (arg.startsWith('reference:')) out.add(arg);
    else if (existsSync(abs) && statSync(abs).isDirectory()) for (const f of walk(abs)) out.add(display(f, cwd));
    else if (existsSync(abs) || !GLOB.test(arg)) out.add(display(abs, cwd));
    else for (const f of glob(arg, cwd)) out.add(display(f, cwd));
  }
  return [...out].sort();
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => {
      const p = join(dir, d.name);
      if (d.isDirectory()) return skipped(p, d.name) ? [] : walk(p);
      return d.isFile() && SOURCE.test(d.name) && !/^[_.]/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
    });
}

/** A glob segment as a regular expression; `*` and `?` never match '/' or a leading dot. */
function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && seg.indexOf(']', i + 1) > i) {
      const end = seg.indexOf(']', i + 1);
      re += `[${seg
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^(?!\\.)${re}$`);
}

/** The files a glob matches (a matched folder gives its submissions, as a folder argument does). */
export function glob(pattern: string, cwd = process.cwd()): string[] {
  const segs = pattern.split(/[\\/]+/);
  const absolute = isAbsolute(pattern);
  let start = absolute ? sep : cwd;
  let i = absolute ? 1 : 0;
  while (i < segs.length - 1 && !GLOB.test(segs[i]) && segs[i] !== '**') start = join(start, segs[i++]);
  const found = new Set<string>();
  const visit = (dir: string, k: number): void => {
    if (k === segs.length) {
      if (existsSync(dir)) for (const f of statSync(dir).isDirectory() ? walk(dir) : [dir]) found.add(f);
      return;
    }
    const seg = segs[k];
    if (!GLOB.test(seg) && seg !== '**') return visit(join(dir, seg), k + 1);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (seg === '**') {
      visit(dir, k + 1);
      for (const d of entries) if (d.isDirectory() && !skipped(join(dir, d.name), d.name)) visit(join(dir, d.name), k);
      return;
    }
    const re = segmentRegExp(seg);
    for (const d of entries) {
      if (d.isDirectory() ? !skipped(join(dir, d.name), d.name) : k === segs.length - 1)
        if (re.test(d.name)) visit(join(dir, d.name), k + 1);
    }
  };
  visit(start, i);
  return [...found].sort();
}
