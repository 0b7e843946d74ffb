import { describe, it, expect } from 'vitest';
import { oneBlasThread } from '../../../src/impl/python/bridge-client.ts';

describe('the BLAS threads of the Python process', () => {
  it('are one unless the user set a number', () => {
    expect(oneBlasThread({})).toEqual({ OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
    expect(oneBlasThread({ OMP_NUM_THREADS: '4' })).toEqual({});
  });
});
