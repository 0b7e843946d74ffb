import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SetupError } from './setup-error.ts';
import { ExitWhileLoading, trapExit } from './exit-trap.ts';
import { runAloneCommand } from './run-alone.ts';
import { compileError, sourceLine } from './compile-error.ts';

/** The module files checked in process: TypeScript (through tsx) and plain JavaScript. */
export const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

export const isScriptFile = (path: string): boolean =>
  (SCRIPT_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());

/** The first stack line that points into the user's file, e.g. `net.ts:12:7`, when there is one. */
function whereIn(err: Error, file: string): string {
  const hit = (err.stack ?? '').split('\n').find((l) => l.includes(file));
  const m = hit ? /:(\d+):(\d+)\)?\s*$/.exec(hit) : null;
  return m ? ` (at line ${m[1]}, column ${m[2]})` : '';
}

/** Where the source calls process.exit, when the stack cannot say (CommonJS runs from a data: URL). */
function exitLines(file: string): string {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l, i) => (/\bprocess\.exit\s*\(/.test(l) ? [i + 1] : []));
  return lines.length ? ` (process.exit at line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 5).join(', ')})` : '';
}

/**
 * Imports the user's module file exactly as named (`net.js` is net.js, never a `net.ts` beside
 * it) through tsx's scoped `tsImport`: TypeScript compiles on the fly and the file's own module
 * kind (ESM or CommonJS, from its extension and nearest package.json, or none) is honoured,
 * without registering hooks for the rest of the process.
 */
export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  }
  const release = trapExit();
  try {
    // The parent is the file itself: tsx maps `x.js` to `x.ts` when the importer is a TypeScript
    // file, which nncheck's own sources are when run from source.
    const url = pathToFileURL(file).href;
    // tsx (and esbuild under it) loads only when a script is checked: `--help` and Python stay light.
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, url)) as Record<string, unknown>;
  } catch (e) {
    const err = (e instanceof Error ? e : new Error(String(e))) as Error & { code?: string };
    const first = err.message.split('\n')[0];
    if (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') {
      throw new SetupError(
        `${path} imports a module that cannot be found: ${first}`,
        'install it (npm install ...) or fix the import path',
      );
    }
    if (/(exports|require|module) is not defined in ES module scope/.test(err.message)) {
      throw new SetupError(
        `${path} failed to load: ${first}`,
        'the file uses CommonJS inside a "type": "module" package: rename it to .cjs or use export',
      );
    }
    if (err instanceof ExitWhileLoading) {
      throw new SetupError(
        `${path} calls process.exit(${err.exitCode ?? ''}) while being imported` +
          `${whereIn(err, file) || exitLines(file)}: ` +
          'importing it ends the process before its functions can be checked',
        "move the script's work and its process.exit() under a main guard: " +
          'if (process.argv[1] === fileURLToPath(import.meta.url)) { ... } (CommonJS: if (require.main === module))',
      );
    }
    const compile = compileError(err, file);
    if (compile) {
      const column = compile.column ? `, column ${compile.column}` : '';
      const own = compile.file === file;
      const what = own ? `${path} does not compile` : `${path} imports ${compile.file}, which does not compile`;
      throw new SetupError(
        `${what}: line ${compile.line}${column}: ${compile.text}: ${sourceLine(compile.file, compile.line)}`,
        `fix line ${compile.line} of ${own ? path : compile.file}`,
      );
    }
    throw new SetupError(
      `${path} failed to load: ${err.name}: ${first}${whereIn(err, file)}`,
      `fix the error in ${path}; \`${runAloneCommand(path)}\` shows the full stack`,
    );
  } finally {
    release();
  }
}
