import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Where a script does not compile: its line (1-based), column when known, and the compiler's text. */
export interface CompileError {
  /** The file that does not compile: the user's, or one it imports. */
  file: string;
  line: number;
  column?: number;
  text: string;
}

/**
 * The location of a compile error, which neither error keeps on its first line: esbuild (TypeScript)
 * says "Transform failed with 1 error:" and puts `/path/net.ts:78:22: ERROR: Unexpected ";"` on
 * the next; Node's SyntaxError for an ES module has no location at all, so `node --check` is asked.
 */
export function compileError(err: Error, file: string): CompileError | undefined {
  const esbuild = /^(.*):(\d+):(\d+): ERROR: (.*)$/m.exec(err.message);
  if (esbuild) return { file: esbuild[1], line: Number(esbuild[2]), column: Number(esbuild[3]), text: esbuild[4] };
  if (err.name !== 'SyntaxError') return undefined;
  const text = err.message.split('\n')[0];
  // CommonJS: the stack starts "/path/net.cjs:2", the source line and a caret.
  const at = (s: string) =>
    new RegExp(`^(?:file://)?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)$`, 'm').exec(s);
  const fromStack = at(err.stack ?? '');
  if (fromStack) return { file, line: Number(fromStack[1]), text };
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const fromCheck = at(check.stderr ?? '');
  return fromCheck ? { file, line: Number(fromCheck[1]), text } : undefined;
}

/** The source line, trimmed and cut to fit a message. */
export function sourceLine(file: string, line: number): string {
  const text = (readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim();
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}
