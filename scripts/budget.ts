/**
 * The readability budget, counted: (a) lines over 120 characters, (b) tolerance literals outside
 * src/core/tolerances.ts. Run with `npm run budget`; test/architecture/budget.test.ts holds both counts
 * to their ceilings.
 *
 * (b) counts every small numeric literal in code (a negative power of ten like 1e-6, or a decimal with
 * two or more leading zeros like 0.001), comments and strings left out, in every scanned file except the
 * tolerance table. A literal that is not a tolerance (a user's log epsilon, a step size, a division
 * guard, data) is listed in ALLOWED with the reason it is not one.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALLOWED, type Allowed } from './budget-allowed.ts';
import { codeOnly } from './code-only.ts';

export const MAX_LINE = 120;
/**
 * The most lines over MAX_LINE the code may hold (the one place this ceiling lives): none. ESLint's
 * max-len holds the TypeScript and JavaScript to it as they are written; this count adds the Python
 * nncheck ships.
 */
export const LONG_LINE_CEILING = 0;
export const ROOTS = ['src', 'properties', 'test', 'bench', 'scripts'];
export const TABLE = 'src/core/tolerances.ts';

export interface Hit {
  file: string;
  line: number;
  text: string;
}

const SOURCE = /\.(ts|mts|mjs|js)$/;
const PYTHON_DIR = 'src/impl/python';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The files the budget reads: TS/JS under the roots, and the Python modules nncheck ships. */
export function budgetFiles(root = '.'): string[] {
  return ROOTS.flatMap((r) => walk(join(root, r)))
    .map((p) => relative(root, p))
    .filter((p) => SOURCE.test(p) || (p.startsWith(PYTHON_DIR) && p.endsWith('.py')))
    .sort();
}

export function longLines(root = '.'): Hit[] {
  return budgetFiles(root).flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((text, i) => ([...text].length > MAX_LINE ? [{ file, line: i + 1, text }] : [])),
  );
}

/** A negative power of ten (1e-6, 2.5e-12) or a decimal with two or more leading zeros (0.001). */
const SMALL_LITERAL = /(?<![\w.])(\d+(?:\.\d+)?e-\d+|0\.00\d*)(?![\w.])/g;

export interface LiteralHit extends Hit {
  literal: string;
  allowed?: Allowed;
}

export function smallLiterals(root = '.'): LiteralHit[] {
  return budgetFiles(root)
    .filter((file) => file !== TABLE)
    .flatMap((file) => {
      const src = readFileSync(join(root, file), 'utf8');
      const lines = src.split('\n');
      return codeOnly(src, file.endsWith('.py'))
        .split('\n')
        .flatMap((code, i) =>
          [...code.matchAll(SMALL_LITERAL)].map((m) => {
            const text = lines[i];
            const allowed = ALLOWED.find((a) => a.file === file && text.includes(a.where));
            return { file, line: i + 1, text: text.trim(), literal: m[1], allowed };
          }),
        );
    });
}

/** Allow-list entries that no longer match any literal: stale reasons to delete. */
export function unusedAllowances(hits: LiteralHit[]): Allowed[] {
  return ALLOWED.filter((a) => !hits.some((h) => h.allowed === a));
}

export const toleranceLiterals = (root = '.') => smallLiterals(root).filter((h) => !h.allowed);

function main() {
  const long = longLines();
  const all = smallLiterals();
  const tol = all.filter((h) => !h.allowed);
  const stale = unusedAllowances(all);
  const out = [
    `(a) lines over ${MAX_LINE} characters: ${long.length} (ceiling ${LONG_LINE_CEILING})`,
    ...long.map((h) => `  ${h.file}:${h.line} (${[...h.text].length})`),
    `(b) tolerance literals outside ${TABLE}: ${tol.length}`,
    ...tol.map((h) => `  ${h.file}:${h.line} ${h.literal}  ${h.text.slice(0, 100)}`),
    `allowed non-tolerance literals: ${all.length - tol.length} (scripts/budget-allowed.ts; --allowed lists them)`,
    ...(process.argv.includes('--allowed')
      ? all.filter((h) => h.allowed).map((h) => `  ${h.file}:${h.line} ${h.literal}  ${h.allowed!.reason}`)
      : []),
    ...stale.map((a) => `  stale allowance: ${a.file} "${a.where}"`),
  ];
  process.stdout.write(out.join('\n') + '\n');
  if (long.length > LONG_LINE_CEILING || tol.length > 0 || stale.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
