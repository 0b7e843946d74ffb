import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { loadOptionsOf, withImplementationOptions, type ImplementationFlags } from '../../src/cli/options.ts';

describe('the implementation flags', () => {
  it('reach the loaders as one LoadOptions: class, activation, interpreter, timeout in ms, layer classes', () => {
    const cmd = withImplementationOptions(new Command('x'), 30).exitOverride();
    cmd.parse(
      ['--python', 'py3', '--class', 'Net', '--activation', 'tanh', '--timeout', '2', '--layer-classes', 'dense=D'],
      { from: 'user' },
    );
    expect(loadOptionsOf(cmd.opts<ImplementationFlags>())).toEqual({
      python: 'py3',
      className: 'Net',
      activation: 'tanh',
      timeoutMs: 2000,
      layerClasses: 'dense=D',
    });
  });

  it('defaults: python3 and the command default timeout', () => {
    const cmd = withImplementationOptions(new Command('x'), 30).exitOverride();
    cmd.parse([], { from: 'user' });
    expect(loadOptionsOf(cmd.opts<ImplementationFlags>())).toMatchObject({ python: 'python3', timeoutMs: 30_000 });
  });
});
