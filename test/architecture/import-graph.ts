import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The layer of each folder, lowest first. A module may import its own layer or a lower one.
 * The entry points (CLI, programmatic index, vitest integration) sit on top and are the only
 * part of `src/` that may import the property catalogue.
 */
export const LAYERS: Record<string, number> = {
  'src/core': 0,
  'src/random': 0,
  'src/util': 0,
  'src/ops': 1,
  'src/data': 1,
  'src/findings': 1,
  'src/nn': 2,
  'src/gradcheck': 2,
  'src/oracle': 3,
  'src/impl': 3,
  'src/diagnostics': 4,
  'src/engine': 5,
  'src/diagnosis': 5,
  properties: 6,
  'src/reporters': 6,
  'src/api': 7,
  'src/batch': 7,
  'src/cli': 8,
  'src/index.ts': 8,
  'src/vitest': 8,
};

export type Graph = Map<string, string[]>;

/** `import … from '…'`, `export … from '…'`, a dynamic `import('…')` and a bare `import '…'` (for its effects). */
const SPECIFIER = new RegExp(
  [
    /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/.source,
    /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/.source,
    /(?:^|\s)import\s*['"](\.{1,2}\/[^'"]+)['"]/.source,
  ].join('|'),
  'gm',
);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts)$/.test(name) ? [p] : [];
  });
}

/** Every TypeScript module under the roots, with the modules it imports (relative imports only). */
export function importGraph(roots: string[]): Graph {
  const g: Graph = new Map();
  for (const file of roots.flatMap(walk)) {
    const src = readFileSync(file, 'utf8');
    const deps = [...src.matchAll(SPECIFIER)].map((m) => normalize(join(dirname(file), m[1] ?? m[2] ?? m[3])));
    g.set(
      normalize(file),
      deps.map((d) => relative('.', d)),
    );
  }
  return g;
}

/** The layer key of a module: its top folder under src/ (or src/index.ts, or properties). */
export function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'properties') return 'properties';
  if (parts[0] === 'src' && parts.length === 2) return file;
  return parts.slice(0, 2).join('/');
}

export interface Violation {
  kind: 'upward' | 'unlayered';
  text: string;
}

export function layerViolations(g: Graph): Violation[] {
  const out: Violation[] = [];
  const short = (k: string) => k.replace(/^src\//, '');
  for (const [file, deps] of g) {
    const from = layerOf(file);
    if (LAYERS[from] === undefined) out.push({ kind: 'unlayered', text: `${from} has no layer in LAYERS` });
    for (const dep of deps) {
      const to = layerOf(dep);
      if (LAYERS[to] === undefined || LAYERS[from] === undefined) continue;
      if (LAYERS[to] > LAYERS[from])
        out.push({ kind: 'upward', text: `${file} (${short(from)}) imports ${dep} (${short(to)})` });
    }
  }
  return [...new Map(out.map((v) => [v.text, v])).values()];
}

/** Strongly connected components of more than one module (or a module importing itself). */
export function cycles(g: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}
