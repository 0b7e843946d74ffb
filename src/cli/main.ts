import { Command, CommanderError } from 'commander';
import { trainCommand } from './commands/train.ts';
import { registerCommands } from './registry.ts';
import { VERSION } from '../api/version.ts';

// A closed pipe (nncheck ... | head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });

const program = new Command('nncheck')
  .description('property-based correctness harness for neural-network code')
  .version(VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
program.addCommand(trainCommand());
registerCommands(program);
for (const c of program.commands) c.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version exit 0; every usage error exits 2 after commander's one-line message.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`nncheck: ${(e as Error).message}\n`);
    process.exitCode = (e as { exitCode?: number }).exitCode ?? 2;
  }
}
