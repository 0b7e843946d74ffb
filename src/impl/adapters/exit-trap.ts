/** Thrown instead of ending the process when a module calls process.exit() while it is imported. */
export class ExitWhileLoading extends Error {
  constructor(readonly exitCode: string | number | null | undefined) {
    super(`process.exit(${exitCode ?? ''}) called while the module was being loaded`);
    this.name = 'ExitWhileLoading';
  }
}

let depth = 0;
let realExit: typeof process.exit = process.exit;

/**
 * Until the returned function is called, process.exit() throws ExitWhileLoading where it was
 * called (its stack names the user's line) instead of ending nncheck or its worker silently.
 * Nested and overlapping loads share one trap; the last to finish puts process.exit back.
 */
export function trapExit(): () => void {
  if (depth++ === 0) {
    realExit = process.exit;
    process.exit = ((code?: string | number | null) => {
      throw new ExitWhileLoading(code);
    }) as typeof process.exit;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--depth === 0) process.exit = realExit;
  };
}
