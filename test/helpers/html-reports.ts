import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './run-cli.ts';

/**
 * Writes the two report sets the HTML tests read: a failing check of the motivating network
 * (into the returned folder) and a passing `nncheck run` (into its `run/` subfolder).
 */
export function writeHtmlReports(prefix: string): string {
  const out = mkdtempSync(join(tmpdir(), prefix));
  const suites = ['--suite', 'softmax', '--suite', 'cross-entropy', '--suite', 'activations'];
  const r = runCli(['check', 'examples/numpy_four_defects.py', '--report', out, '--quiet', ...suites]);
  expect(r.code).toBe(1);
  const run = runCli(['run', '--report', join(out, 'run'), '--runs', '20', '--quiet']);
  expect(run.code).toBe(0);
  return out;
}
