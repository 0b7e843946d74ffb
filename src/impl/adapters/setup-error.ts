/** A problem with the user's file or environment that stops a check before it starts (exit 2). */
export class SetupError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(fix ? `${message}\n  fix: ${fix}` : message);
    this.name = 'SetupError';
  }
}
