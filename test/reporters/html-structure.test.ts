import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHtml, select, allElements, type El } from '../helpers/html-dom.ts';
import { writeHtmlReports } from '../helpers/html-reports.ts';

// The HTML report's structure, checked with a parser on every run (no browser needed); the
// real-browser test (html-browser.test.ts) adds layout and rendering where Chromium exists.
let out: string;
let runPage: El;
let checkPage: El;

beforeAll(() => {
  out = writeHtmlReports('nncheck-html-dom-');
  runPage = parseHtml(readFileSync(join(out, 'run', 'nncheck.html'), 'utf8'));
  checkPage = parseHtml(readFileSync(join(out, 'nncheck.html'), 'utf8'));
}, 180_000);

describe('the HTML report parsed as a document', () => {
  it('is well-formed and self-contained: no scripts, nothing fetched from the network', () => {
    for (const page of [runPage, checkPage]) {
      const els = allElements(page);
      expect(els.filter((e) => ['script', 'iframe', 'object', 'embed'].includes(e.tag))).toEqual([]);
      const urls = els.flatMap((e) => ['src', 'href', 'xlink:href'].map((a) => e.attrs[a]).filter(Boolean));
      expect(urls.filter((u) => !u.startsWith('#'))).toEqual([]);
      expect(els.filter((e) => Object.keys(e.attrs).some((a) => /^on/i.test(a)))).toEqual([]);
      expect(select(page, 'meta').some((m) => m.attrs.charset === 'utf-8')).toBe(true);
    }
  });
  it("shows the main job's charts: loss and accuracy curves (sigmoid vs ReLU), dead units, gradient error", () => {
    expect(select(runPage, 'h1')[0].text).toMatch(/no defects found/);
    const titles = select(runPage, 'svg')
      .flatMap((s) => select(s, '.title'))
      .map((t) => t.text);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Training loss per epoch',
        'Training accuracy per epoch',
        'Dead ReLU units per epoch',
        'Gradient error per tensor (worst cs231n relative error)',
      ]),
    );
    const series = select(runPage, 'path.series');
    const labels = series.map((p) => p.attrs['data-label']);
    expect(labels.some((l) => l?.startsWith('sigmoid'))).toBe(true);
    expect(labels.some((l) => l?.startsWith('relu'))).toBe(true);
    expect(labels).toContain('ReLU lr 0.5, raw pixels');
    for (const p of series) expect(p.attrs.d).toMatch(/^M\s*[\d.]+[ ,][\d.]+(\s*L\s*[\d.]+[ ,][\d.]+)*\s*$/);
    expect(select(runPage, 'figure.chart').every((f) => select(f, 'svg').length === 1)).toBe(true);
    expect(select(runPage, 'rect.bar').length).toBeGreaterThanOrEqual(16);
  });
  it('shows each finding of a failing check with its numbers and replay line', () => {
    expect(select(checkPage, 'h1')[0].text).toMatch(/\d+ defects? found/);
    const bugs = select(checkPage, '.finding.bug');
    expect(bugs.length).toBeGreaterThanOrEqual(4);
    const text = select(checkPage, 'body')[0].text;
    expect(text).toMatch(/cause: global-max[- ]softmax/);
    expect(text).toMatch(/binary cross-entropy summed over classes/);
    expect(text).toMatch(/replay: npx nncheck check examples\/numpy_four_defects.py --suite \w+/);
    for (const b of bugs) expect(b.text).toMatch(/replay: npx nncheck/);
  });
});
