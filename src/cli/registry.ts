import type { Command } from 'commander';
import { baselinesCommand } from './commands/baselines.ts';
import { checkCommand } from './commands/check.ts';
import { compareCommand } from './commands/compare.ts';
import { mergeCommand } from './commands/merge.ts';
import { runCommand } from './commands/run.ts';
import { gradCommand } from './commands/grad.ts';
import { replayCommand } from './commands/replay.ts';

/**
 * Commands beyond train register here. A command's module holds its definition (flags, help);
 * what its action runs is imported by the action, so that starting the CLI for one command does
 * not load every command's code (in a checkout each module costs about 1.5 ms of start-up through
 * tsx, and a check of one file is meant to take seconds).
 */
export function registerCommands(program: Command): void {
  program.addCommand(runCommand(), { isDefault: true });
  program.addCommand(checkCommand());
  program.addCommand(compareCommand());
  program.addCommand(baselinesCommand());
  program.addCommand(gradCommand());
  program.addCommand(mergeCommand());
  program.addCommand(replayCommand());
}
