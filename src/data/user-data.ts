import { readFileSync, existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { zeros } from '../core/matrix.ts';
import type { Dataset } from './dataset.ts';
import { DataError } from './csv-loader.ts';
import { readNpy, readNpz } from './npy.ts';

const LABEL_NAMES = ['label', 'labels', 'target', 'class', 'y'];

/** Classes from raw label values: integers keep their order, strings sort; K = number of distinct values. */
function encode(raw: string[], file: string): { labels: Int32Array; classNames: string[] } {
  const numeric = raw.every((v) => /^-?\d+(\.0+)?$/.test(v.trim()));
  const names = [...new Set(raw.map((v) => v.trim()))].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  if (names.length < 2)
    throw new DataError(
      `${file}: the label column holds ${names.length} distinct value(s); a classifier needs at least 2`,
    );
  const index = new Map(names.map((n, i) => [n, i]));
  return { labels: Int32Array.from(raw, (v) => index.get(v.trim())!), classNames: names.map(String) };
}

/**
 * A CSV of features and one label column: the last column, or the one a header names label,
 * target, class or y. A first row that is not all numbers is a header. Every defect names the
 * file, the line and the column.
 */
export function parseUserCsv(text: string, file: string): Dataset {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ cells: l.split(',').map((c) => c.trim()), line: i + 1 }))
    .filter((l) => l.cells.join('') !== '');
  if (lines.length === 0)
    throw new DataError(`${file}: the file is empty; expected rows of features and a label column`);
  const header = lines[0].cells.some((c) => c === '' || !Number.isFinite(Number(c))) ? lines.shift()!.cells : null;
  const width = (header ?? lines[0]?.cells ?? []).length;
  if (width < 2 || lines.length === 0)
    throw new DataError(`${file}: expected a header or data rows with at least one feature and a label column`);
  const named = header ? header.findIndex((h) => LABEL_NAMES.includes(h.toLowerCase())) : -1;
  const labelCol = named >= 0 ? named : width - 1;
  const X = zeros(lines.length, width - 1);
  const raw: string[] = [];
  lines.forEach(({ cells, line }, i) => {
    if (cells.length !== width) throw new DataError(`${file}:${line}: ${cells.length} columns, expected ${width}`);
    let j = 0;
    cells.forEach((c, col) => {
      if (col === labelCol) {
        raw.push(c);
        return;
      }
      const v = Number(c);
      if (c === '' || !Number.isFinite(v))
        throw new DataError(`${file}:${line}:${col + 1}: '${c.slice(0, 20)}' is not a finite number`);
      X.data[i * (width - 1) + j++] = v;
    });
  });
  return { name: basename(file), X, ...encode(raw, file) };
}

/** --data FILE: a CSV with a label column, a .npz holding X and y, or X.npy beside y.npy. */
export function loadUserData(file: string): Dataset {
  if (!existsSync(file)) throw new DataError(`--data ${file}: file not found`);
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return parseUserCsv(readFileSync(file, 'utf8'), file);
  const arrays = ext === '.npz' ? readNpz(readFileSync(file), file) : ext === '.npy' ? npyPair(file) : null;
  if (!arrays) throw new DataError(`--data ${file}: unknown file type '${ext}'`);
  const X = arrays.get('X') ?? arrays.get('x'),
    y = arrays.get('y') ?? arrays.get('Y');
  if (!X || !y)
    throw new DataError(`${file}: expected arrays named X and y, found ${[...arrays.keys()].join(', ') || 'none'}`);
  if (X.shape.length !== 2 || X.shape[0] !== y.data.length)
    throw new DataError(
      `${file}: X has shape (${X.shape.join(', ')}) and y ${y.data.length} values; expected X (N, D) and y (N,)`,
    );
  if (!X.data.every(Number.isFinite)) throw new DataError(`${file}: X holds NaN or Inf`);
  const labels = y.shape.length === 2 && y.shape[1] > 1 ? argmaxRows(y.data, y.shape[1]) : Array.from(y.data, String);
  return {
    name: basename(file),
    X: { rows: X.shape[0], cols: X.shape[1], data: Float64Array.from(X.data) },
    ...encode(labels, file),
  };
}

const argmaxRows = (d: ArrayLike<number>, K: number) =>
  Array.from({ length: d.length / K }, (_, i) => {
    let b = 0;
    for (let j = 1; j < K; j++) if (d[i * K + j] > d[i * K + b]) b = j;
    return String(b);
  });

function npyPair(file: string) {
  const other = file.replace(/X(\.npy)$/i, 'y$1');
  if (other === file || !existsSync(other))
    throw new DataError(
      `--data ${file}: a .npy file holds one array; pass X.npy with y.npy beside it, or a .npz with X and y`,
    );
  return new Map([
    ['X', readNpy(readFileSync(file), file)],
    ['y', readNpy(readFileSync(other), other)],
  ]);
}
