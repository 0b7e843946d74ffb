import { Command, CommanderError } from 'commander';
import { trainCommand } from './commands/train.ts';
import { registerCommands } from './registry.ts';
import { VERSION } from '../util/version.ts';
import { handleSignals } from './interrupt.ts';
import { capText, MAX_TEXT, terminalSafe } from '../util/text-safety.ts';
import { SetupError } from '../impl/adapters/setup-error.ts';
import { writeSetupReportFallback } from './setup-report-fallback.ts';

// A closed pipe (nncheck ... | head) is not an error, and does not change the exit code: the run
// goes on (reports are written) and exits with the code its findings give.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') process.stderr.write(`nncheck: stdout: ${e.message}\n`);
});
handleSignals();

const program = new Command('nncheck')
  .description('property-based correctness harness for neural-network code')
  .version(VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
program.addCommand(trainCommand());
registerCommands(program);
for (const c of program.commands) c.exitOverride();

try {
  // `run` is the default command, so a mistyped command would read as run's stray argument.
  const first = process.argv[2];
  const known = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (first !== undefined && !first.startsWith('-') && !known.includes(first) && first !== 'help') {
    process.stderr.write(
      terminalSafe(
        `nncheck: unknown command '${capText(first, 200)}'. Commands: ${known.join(', ')} (nncheck --help)\n`,
      ),
    );
    process.exit(2);
  }
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version exit 0; every usage error exits 2 after commander's one-line message.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    if (e.exitCode !== 0) await writeSetupReportFallback(process.argv, usageError(e, process.argv[2]));
  } else {
    process.stderr.write(terminalSafe(`nncheck: ${capText((e as Error).message, 2 * MAX_TEXT)}\n`));
    process.exitCode = (e as { exitCode?: number }).exitCode ?? 2;
    // A setup error still leaves its report (message, fix, exit code 2) where one was asked for.
    if (process.exitCode === 2) await writeSetupReportFallback(process.argv, e as Error);
  }
}

/** A usage error as a setup report gives it: commander's message, and where the flags are listed. */
function usageError(e: CommanderError, command: string | undefined): Error {
  const help = command && !command.startsWith('-') ? `nncheck ${command} --help` : 'nncheck --help';
  return new SetupError(e.message.replace(/^error: /, ''), `see ${help} for the flags and their values`);
}
