import { type Matrix, zeros } from '../core/matrix.ts';

export interface Dataset {
  name: string;
  X: Matrix;
  labels: Int32Array;
  classNames: string[];
}

export function oneHot(labels: ArrayLike<number>, K: number): Matrix {
  const Y = zeros(labels.length, K);
  for (let i = 0; i < labels.length; i++) Y.data[i * K + labels[i]] = 1;
  return Y;
}

export const numClasses = (d: Dataset): number => d.classNames.length;
