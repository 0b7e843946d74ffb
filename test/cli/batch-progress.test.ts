import { describe, expect, it } from 'vitest';
import { clock } from '../../src/cli/batch-progress.ts';

describe('the ETA clock of batch progress', () => {
  it('rounds to whole seconds before splitting minutes, so 179.6 s is 3m00s, never 2m60s', () => {
    expect(clock(179.6)).toBe('3m00s');
    expect(clock(125.2)).toBe('2m05s');
    expect(clock(59.6)).toBe('1m00s');
    expect(clock(59.4)).toBe('59s');
    expect(clock(0)).toBe('0s');
  });
});
