/**
 * Where a command's text goes. When a machine-readable format is chosen for stdout (`--json`, or
 * `--reporter NAME`), stdout holds only that format, so `> grades.csv` or `| jq` gets a file a
 * parser reads (as eslint --format and vitest --reporter do). `--json` prints nothing else;
 * `--reporter` sends the console text (progress, diagnosis, summary, where the reports are) to
 * stderr, so a terminal still shows it.
 */
export interface OutputFlags {
  json?: boolean;
  reporter?: string;
}

/** Two machine formats on one stdout would parse as neither: a usage error (exit 2) with its fix. */
export function machineOutputOnly(f: OutputFlags): void {
  if (f.json && f.reporter)
    throw Object.assign(
      new Error(
        `--json and --reporter ${f.reporter} both print to stdout, which would then parse as neither\n` +
          `  fix: use one of them (--reporter json prints the same report); --report DIR writes every format as a file`,
      ),
      { exitCode: 2 },
    );
}

/** The writer for console text: stdout, or stderr when stdout carries a --reporter format. */
export function consoleFor(f: OutputFlags): (line: string) => void {
  return f.reporter ? (line) => process.stderr.write(`${line}\n`) : (line) => console.log(line);
}

/** Said after a single check without --report, so that no one looks for a report that was not written. */
export const NO_REPORT = 'no report written (add --report DIR for the HTML, Markdown, JSON, JUnit and CSV files)';
