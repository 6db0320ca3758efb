// The page of `corpus-lsp timeline` in real headless Chromium: writes it for the invented corpus
// of tests/timeline/corpus, loads it from file://, checks by structure that the lanes, marks,
// conflict marks and undated ranges render (SVG elements by class, each with a size), that the
// hostile headline stays text and nothing is fetched, and takes a screenshot.
// Usage: node e2e/timeline-page.js <corpus-lsp> <screenshot.png>
'use strict';
/* global document, getComputedStyle -- used in functions the page runs */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = path.join(REPO, 'tests/timeline/corpus');

let failures = 0;
function check(name, ok, detail) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail === undefined ? '' : ` :: ${detail}`}`);
  if (!ok) failures++;
}

(async () => {
  const [server, screenshot] = process.argv.slice(2);
  if (!server || !screenshot) {
    console.error('usage: node e2e/timeline-page.js <corpus-lsp> <screenshot.png>');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-'));
  const page = path.join(dir, 'timeline.html');
  execFileSync(server, ['timeline', CORPUS, '-o', page], { stdio: 'inherit' });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 200 }, deviceScaleFactor: 1 });
    const errors = [];
    const requests = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(`file://${page}`, { waitUntil: 'load' });

    // Rendered elements of a class: how many, and how many have a size on the screen.
    const rendered = (selector) => tab.$$eval(selector, (els) => ({
      count: els.length,
      visible: els.filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      }).length,
    }));
    const lanes = await rendered('svg.timeline g.lane');
    const entityLanes = await rendered('svg.timeline g.lane:not(.undated-lane)');
    const claims = await rendered('svg.timeline .claim');
    const conflicts = await rendered('svg.timeline .claim.conflict');
    const undated = await rendered('svg.timeline .undated-lane rect.undated');
    const ticks = await rendered('svg.timeline .axis .tick-label');
    check('lanes render: one per entity, and the undated lane', entityLanes.count >= 2 &&
      lanes.count === entityLanes.count + 1 && lanes.visible === lanes.count, JSON.stringify({ lanes, entityLanes }));
    check('every claim renders as a mark with a size', claims.count >= 6 && claims.visible === claims.count,
      JSON.stringify(claims));
    check('the two conflicting claims render red', conflicts.count === 2 && conflicts.visible === 2, JSON.stringify(conflicts));
    const colours = await tab.$$eval('svg.timeline .claim', (els) =>
      [...new Set(els.map((e) => `${e.classList.contains('conflict')}:${getComputedStyle(e).fill}`))]);
    const fillOf = (conflict) => colours.filter((c) => c.startsWith(`${conflict}:`)).map((c) => c.split(':')[1]);
    check('conflict marks have their own colour', fillOf(true).length === 1 && !fillOf(false).includes(fillOf(true)[0]),
      colours.join(' | '));
    check('the undated article renders as a range', undated.count === 1 && undated.visible === 1, JSON.stringify(undated));
    check('the axis has year/month ticks', ticks.count >= 3 && ticks.visible === ticks.count, JSON.stringify(ticks));
    const tipOfB = await tab.$eval('svg.timeline a[data-path$="b_contract_questioned.txt"] title', (t) => t.textContent);
    check('the hostile headline is text in the tooltip, not markup',
      tipOfB.includes('<script>alert("pwned")</script> & Vantry\'s <b>contract</b>') &&
      (await tab.$$('script')).length === 1 && (await tab.$$('b')).length === 0, tipOfB.split('\n').slice(-2).join(' / '));
    const listed = await tab.$$eval('ul.conflicts li.conflict a.source', (as) => as.map((a) => a.textContent));
    check('the conflict is listed with both sources', listed.length === 2 &&
      listed[0].startsWith('a_orlop_signs.txt:') && listed[1].startsWith('b_contract_questioned.txt:'), listed.join(', '));
    check('nothing but the page itself is loaded', requests.every((u) => u === `file://${page}`), requests.join(' '));
    check('no script errors', errors.length === 0, errors.join(' | '));

    // Hover a conflict mark for the screenshot: the tooltip is the browser's own, so it is not
    // in the picture, but the outline shows which mark it is.
    await tab.hover('svg.timeline .claim.conflict');
    const height = await tab.evaluate(() => document.documentElement.scrollHeight);
    await tab.setViewportSize({ width: 1280, height: Math.min(height + 16, 1200) });
    fs.mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
    await tab.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'TIMELINE-PAGE: PASS' : `TIMELINE-PAGE: ${failures} FAILED`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
