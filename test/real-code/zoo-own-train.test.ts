import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.ts';

// Correct networks written by outsiders: their own training loops and their code as written
// must never be called buggy (a slow default may draw a warning, a loop that needs standardised
// inputs a note).
const ZOO = readdirSync('fixtures/zoo')
  .filter((f) => /\.(py|ts)$/.test(f))
  .map((f) => `fixtures/zoo/${f}`);

describe('the zoo: own-train and as-written raise no false alarm', () => {
  it.each(ZOO)(
    '%s',
    (file) => {
      const r = runCli(['check', file, '--suite', 'own-train', '--suite', 'as-written'], {
        timeoutMs: 300_000,
        env: { NNCHECK_RUNS: '30' },
      });
      expect(r.stdout.split('\n').filter((l) => /^[✗!].*\[bug\]$/.test(l))).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/i hidden activation (inferred by probing|: the declared)/);
    },
    300_000,
  );
});
