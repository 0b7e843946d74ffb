import type { Matrix } from '../core/matrix.ts';

export type ActivationName = 'sigmoid' | 'relu' | 'leaky_relu' | 'tanh';
export const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'relu', 'leaky_relu', 'tanh'];

/**
 * An element-wise activation with its derivative. `forward` writes a = f(z); `backward`
 * writes dz = da ⊙ f'(z), reading z and the cached a, so no op allocates in a training loop.
 */
export interface Activation {
  readonly name: ActivationName;
  f(x: number): number;
  /** f'(x), given x and y = f(x). */
  df(x: number, y: number): number;
  forward(z: Matrix, out: Matrix): Matrix;
  backward(z: Matrix, a: Matrix, da: Matrix, out: Matrix): Matrix;
}

/** Builds the matrix forms from the scalar pair, so each op file states only its math. */
export function elementwise(
  name: ActivationName,
  f: (x: number) => number,
  df: (x: number, y: number) => number,
): Activation {
  return {
    name,
    f,
    df,
    forward(z, out) {
      const zd = z.data,
        od = out.data;
      for (let i = 0; i < zd.length; i++) od[i] = f(zd[i]);
      return out;
    },
    backward(z, a, da, out) {
      const zd = z.data,
        ad = a.data,
        g = da.data,
        od = out.data;
      for (let i = 0; i < zd.length; i++) od[i] = g[i] * df(zd[i], ad[i]);
      return out;
    },
  };
}
