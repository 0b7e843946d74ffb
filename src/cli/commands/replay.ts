import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { SetupError } from '../../impl/adapters/setup-error.ts';
import type { ReplayOutcome } from '../../api/replay.ts';
import { PROJECT_COUNTEREXAMPLE_DIR, selectionOf } from '../../engine/counterexamples.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { SUITES } from '../../../properties/suites/index.ts';
import { positiveNumberArg } from '../options.ts';

const shellQuote = (s: string) => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** The check command line that replays one saved counterexample on its own. */
export function replayLine(o: ReplayOutcome): string {
  const c = o.saved;
  const load = c.load
    ? [shellQuote(c.load.target), ...(c.load.className ? ['--class', c.load.className] : [])]
    : [c.implementation];
  return [
    'npx nncheck check',
    ...load,
    '--suite',
    c.suite,
    '--property',
    shellQuote(selectionOf(c)),
    '--seed',
    String(c.seed),
    '--runs',
    String(c.runs),
    '--path',
    c.path,
  ].join(' ');
}

/** `nncheck replay [DIR]`: re-runs saved counterexamples; exit 1 while one still fails. */
export function replayCommand(): Command {
  return new Command('replay')
    .description(
      're-run the counterexamples saved by check --save-counterexamples ' +
        `(default folder ${PROJECT_COUNTEREXAMPLE_DIR}); fails while one still fails`,
    )
    .argument('[dir]', 'the folder of saved counterexamples', PROJECT_COUNTEREXAMPLE_DIR)
    .option('--python <path>', 'Python interpreter for .py files', 'python3')
    .addOption(
      new Option('--timeout <seconds>', 'limit for one call into the implementation')
        .argParser(positiveNumberArg('--timeout'))
        .default(DEFAULT_TIMEOUT_MS / 1000),
    )
    .action(async (dir: string, f: { python: string; timeout: number }) => {
      if (dir !== PROJECT_COUNTEREXAMPLE_DIR && !existsSync(dir)) {
        throw new SetupError(
          `no folder ${dir}`,
          `pass the folder check --save-counterexamples wrote (default ${PROJECT_COUNTEREXAMPLE_DIR})`,
        );
      }
      // Loaded by the command that runs it, not by every start of the CLI (see registry.ts).
      const { replayCounterexamples } = await import('../../api/replay.ts');
      const outcomes = await replayCounterexamples(dir, SUITES, { python: f.python, timeoutMs: f.timeout * 1000 });
      if (!outcomes.length) {
        console.log(`no saved counterexamples in ${dir} (nncheck check FILE --save-counterexamples saves them there)`);
        return;
      }
      for (const o of outcomes) {
        const mark = o.status === 'fixed' ? '✓' : o.status === 'still fails' ? '✗' : '?';
        const target = o.saved.load?.target ?? o.saved.implementation;
        console.log(`${mark} ${o.status}: ${target} › ${o.saved.suite} › ${o.saved.property}`);
        if (o.status === 'still fails') console.log(`    ${o.finding?.message}\n    replay: ${replayLine(o)}`);
        if (o.reason) console.log(`    ${o.reason}`);
      }
      const n = (s: ReplayOutcome['status']) => outcomes.filter((o) => o.status === s).length;
      console.log(
        `${outcomes.length} counterexamples: ${n('still fails')} still fail, ${n('fixed')} fixed, ` +
          `${n('cannot replay')} cannot be replayed`,
      );
      process.exitCode = n('still fails') ? 1 : n('cannot replay') ? 2 : 0;
    });
}
