import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeHtmlReports } from '../helpers/html-reports.ts';

/**
 * Debian's Chromium (.ci/run installs it when missing), headless with the network switched off:
 * NNCHECK_CHROMIUM names the executable (empty: skip), else `chromium` is looked up on PATH.
 * Without one this file is skipped, saying so; html-structure.test.ts checks the page's
 * structure in every run.
 */
function findChromium(): string | undefined {
  const named = process.env.NNCHECK_CHROMIUM;
  if (named !== undefined) {
    if (named && !existsSync(named)) throw new Error(`NNCHECK_CHROMIUM=${named} does not exist`);
    return named || undefined;
  }
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return ['chromium', 'chromium-browser'].flatMap((n) => dirs.map((d) => join(d, n))).find((f) => existsSync(f));
}
const CHROMIUM = findChromium();
const SKIPPED =
  'skipped: no Chromium on PATH; enable with `apt-get install -y chromium` (what .ci/run does) or' +
  ' NNCHECK_CHROMIUM=/path/to/chromium';
if (!CHROMIUM) console.warn(`the HTML report in a real browser: ${SKIPPED}`);

let browser: Browser;
let out: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  out = writeHtmlReports('nncheck-html-');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!CHROMIUM)(`the HTML report in a real browser${CHROMIUM ? '' : ` (${SKIPPED})`}`, () => {
  it(
    "shows the main job's charts: loss and accuracy curves (sigmoid vs ReLU), dead units, " +
      'gradient error per tensor',
    async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith('file:')) requests.push(req.url());
      });
      await page.goto(pathToFileURL(join(out, 'run', 'nncheck.html')).href);
      expect(await page.locator('h1').innerText()).toMatch(/no defects found/);
      const titles = await page.locator('svg .title').allTextContents();
      expect(titles).toEqual(
        expect.arrayContaining([
          'Training loss per epoch',
          'Training accuracy per epoch',
          'Dead ReLU units per epoch',
          'Gradient error per tensor (worst cs231n relative error)',
        ]),
      );
      const labels = await page
        .locator('svg path.series')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-label')));
      expect(labels.some((l) => l?.startsWith('sigmoid'))).toBe(true);
      expect(labels.some((l) => l?.startsWith('relu'))).toBe(true);
      expect(labels).toContain('ReLU lr 0.5, raw pixels');
      const box = await page.locator('figure.chart').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(await page.locator('svg rect.bar').count()).toBeGreaterThanOrEqual(16);
      expect(requests).toEqual([]); // self-contained: no network
      await page.screenshot({ path: join(out, 'run.png'), fullPage: false });
    },
  );
  it('shows each finding of a failing check with its numbers and replay line', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'nncheck.html')).href);
    // The softmax, cross-entropy and activations suites only.
    expect(await page.locator('h1').innerText()).toMatch(/3 defects found/);
    // The diagnosis opens the page: ranked defect cards, each linking to its evidence.
    const defects = page.locator('.diagnosis li.defect');
    expect(await defects.evaluateAll((ds) => ds.map((d) => d.getAttribute('data-cause')).sort())).toEqual([
      'bce-on-softmax',
      'global-max-softmax',
      'leaky-forward-hard-gradient',
    ]);
    const first = await page.locator('section.diagnosis, .finding').first().getAttribute('class');
    expect(first).toBe('diagnosis');
    const link = await defects.first().locator('a').first().getAttribute('href');
    expect(await page.locator(link!).count()).toBe(1);
    const bugs = page.locator('.finding.bug');
    expect(await bugs.count()).toBeGreaterThanOrEqual(4);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/cause: global-max[- ]softmax/);
    expect(text).toMatch(/binary cross-entropy summed over classes/);
    expect(text).toMatch(/replay: npx nncheck check examples\/numpy_four_defects.py --suite \w+/);
  });
});
