import { describe, it, expect } from 'vitest';
import { autoScale, colourMap, linearScale, logScale, niceStep } from '../../src/reporters/scales.ts';
import { barChart, lineChart } from '../../src/reporters/svg-charts.ts';

describe('chart scales', () => {
  it('linear ticks are round numbers (1, 2 or 5 × 10^k) covering the data', () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(2.3, 5)).toBe(0.5);
    expect(niceStep(17, 5)).toBe(5);
    const s = linearScale(0.1003, 0.9987);
    expect(s.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(s.ticks.map(s.format)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const e = linearScale(1, 20);
    expect(e.ticks).toEqual([0, 5, 10, 15, 20]);
    expect(e.lo).toBeLessThanOrEqual(1);
    expect(linearScale(2.302, 2.302).ticks.length).toBeGreaterThan(1);
  });
  it('uses a log axis with decade ticks when a positive series spans more than three decades', () => {
    const s = autoScale([0.5, 2.3, 4e3]);
    expect(s.log).toBe(true);
    expect(s.ticks).toEqual([0.1, 1, 10, 100, 1000, 10000]);
    expect(s.ticks.map(s.format)).toEqual(['1e-1', '1', '10', '100', '1000', '10000']);
    expect(autoScale([0.5, 2.3, 40]).log).toBe(false);
    expect(autoScale([-1, 2e6]).log).toBe(false);
    expect(autoScale([0.01, 2e6], { lo: 0, hi: 1 }).log).toBe(false);
    expect(logScale(1e-17, 1).ticks.length).toBeLessThanOrEqual(7);
  });
  it('keeps one colour per series name', () => {
    const c = colourMap(['a', 'b', 'a', 'c']);
    expect(c('a')).not.toBe(c('b'));
    expect(new Set([c('a'), c('b'), c('c')]).size).toBe(3);
  });
});

describe('charts', () => {
  const long = 'reference-leaky_relu own train() on raw digits with a very long label';
  const svg = lineChart({
    title: 't',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      {
        label: long,
        points: [
          [1, 2.3],
          [2, 40],
          [3, 9000],
        ],
      },
      {
        label: 'b',
        points: [
          [1, 1],
          [2, 0.5],
          [3, NaN],
        ],
      },
    ],
  });
  it('draws an exploding loss on a log axis and every legend name whole, inside the figure', () => {
    expect(svg).toMatch(/\(log scale\)/);
    expect(svg).toContain(`>${long}</text>`);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(64 + 20 + 6 * long.length);
  });
  it('never puts an axis title on the tick labels', () => {
    const ticksY = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" class="tick">/g)].map((m) =>
      Number(m[1]),
    );
    const title = Number(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" class="label">epoch/.exec(svg)![1]);
    expect(Math.min(...ticksY.map((y) => title - y))).toBeGreaterThanOrEqual(12);
  });
  it('marks the tolerance on each gradient-error bar', () => {
    const bars = barChart({
      title: 'g',
      unit: 'relative error',
      bars: [
        { label: 'relu W1', value: 1e-9, tolerance: 1e-6 },
        { label: 'relu b1', value: 0.3, tolerance: 1e-6, bad: true },
      ],
    });
    expect(bars.match(/class="tolerance"/g)!.length).toBe(3); // two bars and the legend
    expect(bars).toContain("the checker's tolerance");
  });
});
