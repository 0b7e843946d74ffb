/** Thrown when user code reads standard input: nncheck runs it without a terminal. */
export class StdinClosed extends Error {
  constructor() {
    super(
      'the code read from standard input (process.stdin), which nncheck closes: checks run without a terminal; ' +
        'remove the read or pass the value as an argument',
    );
    this.name = 'StdinClosed';
  }
}

/** Replaces process.stdin with a getter that names the read (the real stdin is /dev/null anyway). */
export function closeStdin(): void {
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    get: () => {
      throw new StdinClosed();
    },
  });
}
