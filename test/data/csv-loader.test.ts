import { describe, it, expect } from 'vitest';
import { parseCsvDataset, DataError } from '../../src/data/csv-loader.ts';
import { loadBuiltin, BUILTIN_DATASETS } from '../../src/data/builtin.ts';
import { stratifiedSplit, prepare } from '../../src/data/preprocess.ts';
import { spiral, blobs } from '../../src/data/synthetic.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';

const H = { header: true };
const head = '2,2,a,b\n';

describe('CSV loader', () => {
  it('loads every bundled data set with the documented sizes', () => {
    const sizes: Record<string, [number, number, number]> = {
      digits: [1797, 64, 10],
      iris: [150, 4, 3],
      wine: [178, 13, 3],
      breast_cancer: [569, 30, 2],
      spiral: [300, 2, 3],
    };
    for (const name of BUILTIN_DATASETS) {
      const d = loadBuiltin(name);
      expect([d.X.rows, d.X.cols, d.classNames.length]).toEqual(sizes[name]);
    }
  });
  it.each([
    ['an empty file', '', /f.csv: the file is empty/],
    ['a malformed row', head + '1,2,0\n1,0\n', /f.csv:3: malformed row with 2 cells, expected 3/],
    ['a non-numeric cell', head + '1,x,0\n1,2,1\n', /f.csv:2:2: non-numeric cell 'x'/],
    ['a NaN', head + '1,2,0\nNaN,2,1\n', /f.csv:3:1: cell 'NaN' is NaN or infinite/],
    [
      'a label out of range',
      head + '1,2,0\n1,2,2\n',
      /f.csv:3:3: label 2 is out of range; expected an integer in 0..1/,
    ],
    ['a wrong row count', head + '1,2,0\n', /header promises 2 rows but the file has 1/],
  ])('rejects %s naming file, line and column', (_what, text, msg) => {
    expect(() => parseCsvDataset(text, 'f.csv', 'f', H)).toThrow(DataError);
    expect(() => parseCsvDataset(text, 'f.csv', 'f', H)).toThrow(msg);
  });
});

describe('splits and generators', () => {
  it('splits stratified and reproducibly', () => {
    const d = loadBuiltin('iris');
    const a = stratifiedSplit(d, 0.2, 4),
      b = stratifiedSplit(d, 0.2, 4);
    expect(Array.from(a.test.labels)).toEqual(Array.from(b.test.labels));
    const counts = [0, 0, 0];
    a.test.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([10, 10, 10]);
  });
  it('standardises with training statistics only and keeps raw available', () => {
    const d = loadBuiltin('wine');
    const s = prepare(d, { seed: 0 });
    const col = Array.from({ length: s.train.X.rows }, (_, i) => s.train.X.data[i * 13 + 12]);
    expect(Math.abs(col.reduce((a, b) => a + b, 0) / col.length)).toBeLessThan(TOLERANCES.standardisedMean.atol);
    expect(Math.max(...prepare(d, { seed: 0, raw: true }).train.X.data)).toBeGreaterThan(1000);
  });
  it('generates spirals and blobs deterministically', () => {
    expect(Array.from(spiral({ pointsPerClass: 5, classes: 3, seed: 1 }).X.data)).toEqual(
      Array.from(spiral({ pointsPerClass: 5, classes: 3, seed: 1 }).X.data),
    );
    const b = blobs({ pointsPerClass: 4, classes: 2, dims: 3, seed: 2 });
    expect([b.X.rows, b.X.cols]).toEqual([8, 3]);
  });
});
