import { readFileSync } from 'node:fs';
import { zeros } from '../core/matrix.ts';
import type { Dataset } from './dataset.ts';

export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

export interface CsvFormat {
  /** First line is `n_samples,n_features,<class names...>` (iris, wine, breast_cancer). */
  header: boolean;
  /** Number of classes when there is no header (digits: 10). */
  classes?: number;
}

/**
 * Parses a features-then-label CSV. Every defect is reported with the file, the 1-based line
 * and column: a malformed row, a non-numeric cell, NaN or Inf, a label out of range, no rows.
 */
export function parseCsvDataset(text: string, file: string, name: string, format: CsvFormat): Dataset {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0)
    throw new DataError(`${file}: the file is empty; expected rows of features followed by a label`);
  let classNames: string[];
  let first = 0;
  let expectedRows: number | null = null;
  let features: number | null = null;
  if (format.header) {
    const h = lines[0].split(',');
    const n = Number(h[0]),
      d = Number(h[1]);
    if (h.length < 4 || !Number.isInteger(n) || !Number.isInteger(d)) {
      throw new DataError(
        `${file}:1: malformed header '${lines[0].slice(0, 60)}'; expected n_samples,n_features,class names...`,
      );
    }
    expectedRows = n;
    features = d;
    classNames = h.slice(2).map((s) => s.trim());
    first = 1;
  } else {
    const k = format.classes ?? 0;
    classNames = Array.from({ length: k }, (_, i) => String(i));
  }
  const rows = lines.length - first;
  if (rows === 0) throw new DataError(`${file}: no data rows after the header`);
  if (features === null) features = lines[first].split(',').length - 1;
  if (features < 1) throw new DataError(`${file}:${first + 1}: a row needs at least one feature and a label`);
  const X = zeros(rows, features);
  const labels = new Int32Array(rows);
  const K = classNames.length;
  for (let r = 0; r < rows; r++) {
    const lineNo = first + r + 1;
    const cells = lines[first + r].split(',');
    if (cells.length !== features + 1) {
      throw new DataError(
        `${file}:${lineNo}: malformed row with ${cells.length} cells, ` +
          `expected ${features + 1} (${features} features and a label)`,
      );
    }
    for (let c = 0; c <= features; c++) {
      const cell = cells[c].trim();
      const v = cell === '' ? NaN : Number(cell);
      if (cell === '' || (Number.isNaN(v) && !/^nan$/i.test(cell))) {
        throw new DataError(`${file}:${lineNo}:${c + 1}: non-numeric cell '${cell.slice(0, 30)}'`);
      }
      if (!Number.isFinite(v))
        throw new DataError(`${file}:${lineNo}:${c + 1}: cell '${cell}' is NaN or infinite; remove or impute it`);
      if (c < features) X.data[r * features + c] = v;
      else {
        if (!Number.isInteger(v) || v < 0 || v >= K) {
          throw new DataError(
            `${file}:${lineNo}:${c + 1}: label ${cell} is out of range; expected an integer in 0..${K - 1}`,
          );
        }
        labels[r] = v;
      }
    }
  }
  if (expectedRows !== null && expectedRows !== rows) {
    throw new DataError(`${file}: the header promises ${expectedRows} rows but the file has ${rows}`);
  }
  return { name, X, labels, classNames };
}

export function loadCsvDataset(file: string, name: string, format: CsvFormat): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(`${file}: cannot read the file (${(e as Error).message})`);
  }
  return parseCsvDataset(text, file, name, format);
}
