import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const F = 'fixtures/user/py_faults';

describe('faults are findings and the run completes', () => {
  it.each([
    ['throws.py', /gradients\(\) raised IndexError: index 3 is out of bounds/],
    ['returns_nan.py', /NaN/],
    ['wrong_shape.py', /gradient 2 has shape 3x2, its parameter 2x3/],
  ])('%s', (file, message) => {
    const r = runCli(['check', `${F}/${file}`, '--suite', 'network', '--runs', '20', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/\d+ passed, \d+ failed/);
  });
  it('sleeps.py: a call past --timeout is stopped and reported', () => {
    const r = runCli([
      'check',
      `${F}/sleeps.py`,
      '--suite',
      'network',
      '--property',
      'network.shapes',
      '--runs',
      '5',
      '--timeout',
      '1.5',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gradients\(\) took longer than 1.5 s; the Python process was stopped/);
    // The property that met it fails, and the timeout is a finding of its own (with the breaker's count).
    expect(r.stdout).toMatch(/process › gradients\(\) did not return within the time limit/);
    expect(r.stdout).toMatch(/\d+ passed, 2 failed/);
  });
  it("prints_junk.py: the user's prints go to stderr and do not disturb the protocol", () => {
    const r = runCli(['check', `${F}/prints_junk.py`, '--suite', 'network', '--runs', '10', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/junk/);
  });
});

it('exits.py: a Python process that dies is reported, restarted, and the run goes on', () => {
  const r = runCli([
    'check',
    `${F}/exits.py`,
    '--suite',
    'network',
    '--property',
    'network.pure-calls',
    '--runs',
    '10',
  ]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/the Python process exited \(code 3\)/);
  // The property that met the crash fails, and the crash itself is a finding of its own.
  expect(r.stdout).toMatch(/process › the process running the implementation died \d+ times? during the run/);
  expect(r.stdout).toMatch(/\d+ passed, 2 failed/);
});
