/** A problem with the user's file or environment that stops a check before it starts (exit 2). */
export class SetupError extends Error {
  readonly exitCode = 2;
  constructor(
    /** What is wrong, without the fix. */
    readonly reason: string,
    readonly fix?: string,
    /** What kind of problem, when a caller adds to it (the bridge's codes: 'contract', 'syntax', ...). */
    readonly code?: string,
  ) {
    super(fix ? `${reason}\n  fix: ${fix}` : reason);
    this.name = 'SetupError';
  }
}
