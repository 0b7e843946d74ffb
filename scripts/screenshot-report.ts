/**
 * Renders reports/nncheck.html (from `npx nncheck run`) in headless Chromium and saves the top
 * of the page as docs/report.png, the picture in the README. Usage: npx tsx scripts/screenshot-report.ts
 */
import { chromium } from 'playwright-core';
import { pathToFileURL, fileURLToPath } from 'node:url';

const html = fileURLToPath(new URL('../reports/nncheck.html', import.meta.url));
const png = fileURLToPath(new URL('../docs/report.png', import.meta.url));
const browser = await chromium.launch({
  executablePath: process.env.NNCHECK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1150, height: 820 } });
await page.goto(pathToFileURL(html).href);
await page.screenshot({ path: png });
await browser.close();
console.log(`wrote ${png}`);
