// Takes the README's VS Code screenshots: opens a seed article in code-server's workbench (headless
// Chromium), waits until the server has indexed the corpus, then shoots the editor area twice:
// the semantic highlighting, and the hover card over "Fujitsu".
// Usage: node vscode.js <url> <highlighting.png> <hover.png>
'use strict';
const { chromium } = require('playwright-core');

const ARTICLE = '000_32c5173d7283f2a0.txt';
// A title of another article: only in the hover card once the whole corpus is indexed.
const CROSS_REFERENCE = 'Cerner contract re-set puts focus on local needs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10000 });
  await page.keyboard.type(title);
  await sleep(400);
  await page.keyboard.press('Enter');
  await sleep(400);
}

(async () => {
  const [url, highlightingPng, hoverPng] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 640 } });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await sleep(1500); // let the workbench restore its layout before changing it

    await runCommand(page, 'View: Close Primary Side Bar');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10000 });
    await page.keyboard.type(ARTICLE);
    await sleep(800);
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: ARTICLE }).waitFor({ timeout: 15000 });
    // The cursor opens on "BT": move it to the blank line 2, so no occurrences are marked.
    await sleep(500);
    await page.keyboard.press('ArrowDown');

    // Semantic tokens have arrived once an entity is rendered with a class of its own.
    const classOf = (text) => page.locator('.view-lines .view-line span span', { hasText: text }).first()
      .getAttribute('class', { timeout: 2000 }).catch(() => null);
    await until('semantic highlighting', async () => {
      const [organization, body] = [await classOf('Fujitsu'), await classOf('to take over')];
      return organization && body && organization !== body;
    }, 60000);

    // Hover until the card lists the other articles: then background indexing is done.
    const fujitsu = page.locator('.view-lines .view-line span span', { hasText: /^Fujitsu$/ }).first();
    const card = page.locator('.monaco-hover:visible', { hasText: CROSS_REFERENCE });
    await until('a hover card with cross references', async () => {
      await page.mouse.move(5, 5);
      await sleep(300);
      await fujitsu.hover();
      return card.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
    }, 90000);

    // Indexing may have changed what is highlighted: let the editor fetch the tokens again.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await sleep(2500);
    const editor = page.locator('.part.editor');
    await editor.screenshot({ path: highlightingPng });

    await fujitsu.hover();
    await card.first().waitFor({ timeout: 10000 });
    await sleep(800); // the card fades in
    await editor.screenshot({ path: hoverPng });
    console.log(`wrote ${highlightingPng} ${hoverPng}`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
