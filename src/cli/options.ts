import { InvalidArgumentError, type Command } from 'commander';
import { ACTIVATIONS, type ActivationName } from '../ops/activation.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';
import { MAX_TIMER_MS } from '../util/timers.ts';

/** Commander value parsers: a bad value fails with a one-line message naming what was expected. */
export function intArg(name: string, min = 0) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got '${v}'.`);
    }
    return n;
  };
}

export function positiveNumberArg(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive number, got '${v}'.`);
    return n;
  };
}

export function nonNegativeNumberArg(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a number ≥ 0, got '${v}'.`);
    return n;
  };
}

export function choiceArg<T extends string>(name: string, choices: readonly T[]) {
  return (v: string): T => {
    if (!(choices as readonly string[]).includes(v))
      throw new InvalidArgumentError(`${name} must be one of ${choices.join(', ')}, got '${v}'.`);
    return v as T;
  };
}

/** --timeout in seconds, capped at what Node's timers honour (2^31 − 1 ms, about 24.8 days) with a message. */
export function timeoutArg(name: string) {
  const positive = positiveNumberArg(name);
  return (v: string): number => {
    const n = positive(v);
    const max = Math.floor(MAX_TIMER_MS / 1000);
    if (n <= max) return n;
    process.stderr.write(
      `nncheck: ${name} ${v} is beyond the longest timer Node supports; using ${max} s (about 24.8 days)\n`,
    );
    return max;
  };
}

/** The flags withImplementationOptions adds, as commander parses them. */
export interface ImplementationFlags {
  python: string;
  class?: string;
  activation?: ActivationName;
  /** Seconds. */
  timeout: number;
  layerClasses?: string;
}

/** The implementation flags as the loaders take them. */
export const loadOptionsOf = (f: ImplementationFlags): LoadOptions => ({
  python: f.python,
  className: f.class,
  activation: f.activation,
  timeoutMs: f.timeout * 1000,
  layerClasses: f.layerClasses,
});

/** The options that say how to load an implementation, shared by check and compare. */
export function withImplementationOptions(cmd: Command, defaultTimeoutSeconds: number): Command {
  return cmd
    .option('--python <path>', 'Python interpreter for .py files', 'python3')
    .option('--class <name>', 'the class to check when the module holds several')
    .option(
      '--activation <name>',
      'the hidden activation, when the file does not declare it',
      choiceArg('--activation', ACTIVATIONS),
    )
    .option(
      '--layer-classes <map>',
      'layer-style modules: role=ClassName,... for classes not found by their methods ' +
        '(roles: dense, activation, softmax, loss, fused)',
    )
    .option(
      '--timeout <seconds>',
      'limit for one call into the implementation',
      timeoutArg('--timeout'),
      defaultTimeoutSeconds,
    );
}
