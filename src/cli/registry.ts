import type { Command } from 'commander';

/** Later commands (check, compare, run, baselines) register here. */
export function registerCommands(_program: Command): void {}
