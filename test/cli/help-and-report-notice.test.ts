import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';
import { NO_REPORT } from '../../src/cli/output.ts';

/** What the help says is what the commands do: where TS/JS runs, which files a report set has. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const FILES = Object.values(REPORTERS).map((r) => r.file);

describe('help texts and the console say what happens', () => {
  it('check --help: TS/JS runs in a Node process of its own; --report lists every file; --reporter owns stdout', () => {
    const help = oneLine(runCli(['check', '--help']).stdout);
    expect(help).toContain('.ts/.js in a Node process of its own');
    expect(help).not.toContain('.ts/.js in process');
    for (const file of FILES) expect(help).toContain(file);
    expect(help).toContain('stdout then holds that format alone and the console text goes to stderr');
  });

  it('run --help lists every file of the report set', () => {
    const help = oneLine(runCli(['run', '--help']).stdout);
    for (const file of FILES) expect(help).toContain(file);
  });

  it('a single check without --report says that no report was written', { timeout: 120_000 }, () => {
    const r = runCli(['check', 'examples/numpy_network.py', '--suite', 'softmax', '--runs', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(NO_REPORT);
  });
});
