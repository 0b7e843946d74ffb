import { describe, expect, it } from 'vitest';
import { finding } from '../../src/findings/build.ts';
import { SCHEMA_VERSION } from '../../src/findings/report.ts';
import { runReport } from '../../src/findings/run-report.ts';
import { VERSION } from '../../src/util/version.ts';

const bug = finding({ id: 's.p', suite: 's', property: 'p', verdict: 'fail', severity: 'bug', message: 'wrong' });
const base = {
  command: 'check',
  startedAt: new Date('2026-01-01T00:00:00.000Z'),
  finishedAt: new Date('2026-01-01T00:00:01.500Z'),
  settings: { seed: 3, runs: 10 },
  subjects: [],
  findings: [bug],
};

describe('runReport()', () => {
  it('fills the envelope: schema, tool and version, times, duration, suites, summary', () => {
    expect(runReport(base)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'nncheck', version: VERSION },
      command: 'check',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.500Z',
      ms: 1500,
      settings: { seed: 3, runs: 10, suites: [] },
      subjects: [],
      findings: [bug],
      summary: {
        total: 1,
        passed: 0,
        failed: 1,
        errors: 0,
        skipped: 0,
        bugs: 1,
        warnings: 0,
        infos: 0,
        setupErrors: 0,
        exitCode: 1,
      },
    });
  });

  it('keeps a measured duration, charts and defects, and an exit code that is not the findings own', () => {
    const r = runReport({
      ...base,
      ms: 12.5,
      charts: { training: [] },
      defects: [],
      exitCode: 130,
      interrupted: { signal: 'SIGINT' },
    });
    expect(r.ms).toBe(12.5);
    expect(r.charts).toEqual({ training: [] });
    expect(r.defects).toEqual([]);
    expect(r.summary.exitCode).toBe(130);
    expect(r.interrupted).toEqual({ signal: 'SIGINT' });
    expect('setupError' in r).toBe(false);
  });
});
