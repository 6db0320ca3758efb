// Screenshots the <pre> of an HTML page (a rendered terminal capture) in headless Chromium.
// Usage: node shoot.js <page.html> <out.png> [<page.html> <out.png> ...]
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const pairs = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      await page.goto(`file://${path.resolve(pairs[i])}`);
      await page.evaluate(() => document.fonts.ready);
      await page.locator('pre').screenshot({ path: pairs[i + 1] });
      console.log(`wrote ${pairs[i + 1]}`);
    }
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
