import { zeros } from '../core/matrix.ts';
import { createRng } from '../random/rng.ts';
import type { Dataset } from './dataset.ts';

/** The cs231n 3-arm spiral in 2-D: arm k sweeps radius 0..1 with angle noise 0.2. */
export function spiral(opts: { pointsPerClass: number; classes: number; seed: number; noise?: number }): Dataset {
  const { pointsPerClass: n, classes: K, seed } = opts;
  const noise = opts.noise ?? 0.2;
  const rng = createRng(`spiral/${seed}`);
  const X = zeros(n * K, 2);
  const labels = new Int32Array(n * K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      const r = n === 1 ? 0 : i / (n - 1);
      const t = k * 4 + (n === 1 ? 0 : (4 * i) / (n - 1)) + noise * rng.normal();
      const row = k * n + i;
      X.data[row * 2] = r * Math.sin(t);
      X.data[row * 2 + 1] = r * Math.cos(t);
      labels[row] = k;
    }
  }
  return { name: 'spiral', X, labels, classNames: Array.from({ length: K }, (_, k) => `arm${k}`) };
}

/** Isotropic Gaussian blobs: centres uniform in [−spread, spread]^D, unit standard deviation. */
export function blobs(opts: {
  pointsPerClass: number;
  classes: number;
  dims: number;
  seed: number;
  spread?: number;
  std?: number;
}): Dataset {
  const { pointsPerClass: n, classes: K, dims: D, seed } = opts;
  const spread = opts.spread ?? 5,
    std = opts.std ?? 1;
  const rng = createRng(`blobs/${seed}`);
  const centres = Array.from({ length: K }, () => Array.from({ length: D }, () => spread * (2 * rng.uniform() - 1)));
  const X = zeros(n * K, D);
  const labels = new Int32Array(n * K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      const row = k * n + i;
      for (let d = 0; d < D; d++) X.data[row * D + d] = centres[k][d] + std * rng.normal();
      labels[row] = k;
    }
  }
  return { name: 'blobs', X, labels, classNames: Array.from({ length: K }, (_, k) => `blob${k}`) };
}
