import type { Command } from 'commander';
import { baselinesCommand } from './commands/baselines.ts';

/** Commands beyond train register here. */
export function registerCommands(program: Command): void {
  program.addCommand(baselinesCommand());
}
