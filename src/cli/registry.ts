import type { Command } from 'commander';
import { baselinesCommand } from './commands/baselines.ts';
import { checkCommand } from './commands/check.ts';

/** Commands beyond train register here. */
export function registerCommands(program: Command): void {
  program.addCommand(checkCommand());
  program.addCommand(baselinesCommand());
}
