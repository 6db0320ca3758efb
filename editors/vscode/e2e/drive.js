// Opens code-server's workbench in headless Chromium, waits for the probe extension's report,
// checks it and the real UI (Outline, Problems, command palette), and takes screenshots.
// Usage: node e2e/drive.js <url> <result.json> <logs-dir> <screenshot-prefix>
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const HEADLINE = 'BT on track to get southern Cerner trusts';
const CONTRIBUTED_TYPES = require('../package.json').contributes.semanticTokenTypes.map((t) => t.id);
const STANDARD_TYPES = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter',
  'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment',
  'string', 'number', 'regexp', 'operator', 'decorator', 'label'];

let failures = 0;
function check(name, ok, detail) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail === undefined ? '' : ` :: ${detail}`}`);
  if (!ok) failures++;
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

// VS Code asks before undoing a multi-file edit: the probe's undo (label all) waits for this answer.
const undoDialogs = [];
async function answerUndoDialog(page) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: /undo/i });
  if (!(await dialog.count().catch(() => 0))) return;
  const message = await dialog.first().innerText().catch(() => '');
  const button = dialog.locator('.monaco-button', { hasText: /Undo in \d+ Files|Yes/ });
  if (await button.count().catch(() => 0)) {
    const label = await button.first().innerText().catch(() => '');
    await button.first().click().catch(() => null);
    undoDialogs.push({ message: message.replace(/\s+/g, ' ').slice(0, 160), clicked: label });
  }
}

async function waitForResult(page, file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let result = null;
  while (Date.now() < deadline) {
    await answerUndoDialog(page);
    if (fs.existsSync(file)) {
      try {
        result = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        result = null; // being written
      }
      if (result && (result.error || result.steps.includes('done'))) return result;
    }
    await page.waitForTimeout(200);
  }
  return result;
}

function checkResult(r) {
  check('probe finished without error', r && !r.error && r.steps.includes('done'), r && (r.error || r.steps.join(',')));
  if (!r) return;
  console.log(`VS Code ${r.vscodeVersion}`);
  const dateline = (r.diagnostics002 || []).find((d) => d.code === 'missing-dateline');
  check('missing-dateline diagnostic on 002 reached VS Code', dateline && dateline.severity === 'Information',
    JSON.stringify(dateline));
  const top = (r.symbols000 || [])[0];
  check('outline of 000 starts with the headline', top && top.name === HEADLINE && top.detail === 'headline' &&
    top.kind === 'File', JSON.stringify(top && { name: top.name, detail: top.detail, kind: top.kind }));
  const datelineSymbol = top && top.children.find((c) => c.kind === 'Event');
  check('the dateline is a child of the headline', Boolean(datelineSymbol), JSON.stringify(datelineSymbol));
  check('document symbols of 000 include the headline', (r.symbols000 || []).some((s) => s.name === HEADLINE));
  const late = r.lateDate000;
  check('date-after-publication warning on the "on 16 July" line of 000', late && late.line === 16 &&
    late.severity === 'Warning' && late.message.includes('‘16 July’') && late.lineText.includes('on 16 July'),
    JSON.stringify(late));
  const hover = r.hoverFujitsu || '';
  check('hover over "Fujitsu" lists the other articles that mention it',
    hover.includes('Cerner contract re-set puts focus on local needs') && hover.includes('002_66e3bc18b3f89ab8.txt'),
    hover.slice(0, 300));
  const bt = (r.semanticTokens000 || []).find((t) => t.line === 4 && t.start === 0);
  check('"British Telecom" (line 4, column 0) is an organization token',
    bt && bt.type === 'organization' && bt.length === 'British Telecom'.length, JSON.stringify(bt));
  check('boilerplate of 003 folds as regions', (r.folding003 || []).some((f) => f.kind === 'Region'),
    JSON.stringify(r.folding003));
  check('a .txt outside the corpus is left alone', r.outside && r.outside.diagnostics === 0 && r.outside.symbols === 0,
    JSON.stringify(r.outside));
  check('articles keep the plaintext language id', r.languageId000 === 'plaintext', r.languageId000);
  check('a severity setting applies live (missing-dateline → hint → back)',
    r.severityAfterSetting === 'Hint' && r.severityAfterReset === 'Information',
    `${r.severityAfterSetting} then ${r.severityAfterReset}`);
  if (r.inlayHintsBefore > 0) {
    check('corpusLsp.inlayHints.enabled = false turns inlay hints off', r.inlayHintsDisabled === 0,
      `${r.inlayHintsBefore} hints, then ${r.inlayHintsDisabled}`);
  } else {
    console.log('note: no inlay hints in 000 yet');
  }
  checkTimeline(r.timeline);
  check('server restarts and republishes', typeof r.restartMs === 'number', `${r.restartMs} ms`);
  checkAnnotations(r.annotations);
  checkLabelAll(r.labelAll);
  const never = r.unopened004;
  check('pull diagnostics: an article never opened (004) has its findings in the Problems panel',
    never && never.open === false && never.codes.includes('possible-misspelling'), JSON.stringify(never));
  check('corpusLsp.server.path still reads the binary after settings change through the API',
    r.serverPath && r.serverPath.before && r.serverPath.before === r.serverPath.after, JSON.stringify(r.serverPath));
  check('a restart after the settings step finds the server', r.restartAfterSettings === true,
    JSON.stringify(r.restartAfterSettings));
  if (r.semanticLegend) {
    const unknown = r.semanticLegend.tokenTypes.filter((t) => !CONTRIBUTED_TYPES.includes(t) && !STANDARD_TYPES.includes(t));
    check('every semantic token type of the server is contributed', unknown.length === 0,
      `legend ${r.semanticLegend.tokenTypes.join(',')}; unknown ${unknown.join(',')}`);
  } else {
    console.log('note: the server has no semantic tokens yet');
  }
}

// Corpus LSP: Show timeline (see timeline() in probe/extension.js).
function checkTimeline(t) {
  const shown = t && t.shown;
  check('timeline: the command runs for the entity at the cursor (Fujitsu)',
    shown && shown.requested === 'Fujitsu' && shown.entity === 'Fujitsu' && shown.bytes > 1000, JSON.stringify(shown));
  check('timeline: a webview panel opens', t && t.tabsBefore === 0 && t.tabs.length === 1 &&
    t.tabs[0].label === 'Timeline: Fujitsu', JSON.stringify(t && t.tabs));
  check('timeline: a selection names the entity (BT)', t && t.selected && t.selected.entity === 'BT',
    JSON.stringify(t && t.selected));
  check('timeline: an unknown name shows the whole corpus, in the same panel', t && t.unknown &&
    t.unknown.requested === 'to' && t.unknown.entity === undefined && t.tabsAfter.length === 1 &&
    t.tabsAfter[0].label === 'Corpus timeline', JSON.stringify(t && { unknown: t.unknown, tabs: t.tabsAfter }));
}

const show = (text) => (text === null || text === undefined ? String(text) : text.replace(/\t/g, '⇥').replace(/\n/g, '⏎ '));

// Typing in an article of a brat corpus (see annotations() in probe/extension.js).
function checkAnnotations(a) {
  check('brat: the annotated corpus is served (hover before the edit)', a && Boolean(a.hoverBefore),
    a && (a.hoverBefore || '').slice(0, 120));
  if (!a || !a.hoverBefore) return;
  check('brat: a.ann is not open before the first edit', a.annOpenBeforeEdit === false);
  check('brat: the edit with emoji and CJK went into the article', a.edited === true && a.articleMatches === true);
  check('brat: a.ann, opened by VS Code to apply the server\'s edit, has exactly the shifted T lines',
    a.shifted === a.expectedShift, `want ${show(a.expectedShift)} :: got ${show(a.shifted)}`);
  check('brat: a.ann is dirty, to be saved with the article', a.annDirty === true);
  check('brat: no stale-annotation shown for the article or a.ann while typing', a.staleSeen.length === 0
    && !a.articleCodes.includes('stale-annotation') && !a.articleCodesAfterTyping.includes('stale-annotation')
    && a.annCodes.length === 0,
    JSON.stringify({ staleSeen: a.staleSeen, article: a.articleCodes, afterTyping: a.articleCodesAfterTyping, ann: a.annCodes }));
  check('brat: hover on the moved name says "Annotated as Organization (T2 in a.ann)"',
    (a.hoverAfter || '').includes('Annotated as Organization (T2 in a.ann)'), (a.hoverAfter || '').slice(0, 200));
  check('brat: after typing inside 東京, T3 spans and spells 東の京 Transit', a.inside === a.expectedInside,
    `want ${show(a.expectedInside)} :: got ${show(a.inside)}`);
  check('brat: Save All writes the article and a.ann', a.savedArticle === true && a.savedAnn === a.expectedInside,
    show(a.savedAnn));
}

const tCount = (text) => (text || '').split('\n').filter((l) => l.startsWith('T')).length;

// Label all (see labelAll() in probe/extension.js).
function checkLabelAll(l) {
  check('label all: "Annotate all 5 mentions of ‘Harbour Light’ … (2 files)" applied as one workspace edit',
    l && l.applied === true, JSON.stringify(l && { title: l.annotateTitle, steps: l.steps }));
  if (!l || !l.applied) return;
  check('label all: after Save All, a.ann has 2 and b.ann 3 T lines', tCount(l.afterApply.a) === 2 && tCount(l.afterApply.b) === 3,
    `${show(l.afterApply.a)} || ${show(l.afterApply.b)}`);
  console.log(`note: undo dialogs answered: ${JSON.stringify(undoDialogs)}`);
  check('label all: one undo reverts the edit in both files (no T lines in the editors or on disk)',
    l.undoneInEditor === true && tCount(l.afterUndo.a) + tCount(l.afterUndo.b) === 0,
    JSON.stringify({ disk: l.afterUndo, docs: l.afterUndoDocs }));
  check('label all: "Remove all 5 annotations of ‘Harbour Light’ (2 files)" removes every T line',
    l.reapplied === true && l.removed === true && tCount(l.afterRemove.a) + tCount(l.afterRemove.b) === 0,
    JSON.stringify({ title: l.removeTitle, reapplied: l.reapplied, after: l.afterRemove }));
}

function checkProgressTrace(logsDir) {
  const trace = filesUnder(logsDir).filter((f) => f.includes('Corpus LSP Trace'));
  const text = trace.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  check('indexing progress reached the client ($/progress "Indexing corpus")',
    text.includes("window/workDoneProgress/create") && text.includes("'$/progress'") && text.includes('Indexing corpus'),
    trace.length ? `${trace.length} trace file(s), ${text.length} chars` : `no trace file under ${logsDir}`);
  const pushed = text.split("Sending notification 'workspace/didChangeConfiguration'").slice(1).join('');
  check('changed settings reach the server (workspace/didChangeConfiguration)',
    pushed.includes('"missing-dateline": "hint"') && /"enabled": false/.test(pushed));
  // The selector covers .ann files: VS Code syncs a.ann once it opens it, so the server computes
  // the next offset edit against VS Code's copy, with its version.
  const annUri = 'annotated/a.ann';
  const opened = text.split("Sending notification 'textDocument/didOpen'").slice(1).some((m) => m.slice(0, 400).includes(annUri));
  const changed = text.split("Sending notification 'textDocument/didChange'").slice(1).some((m) => m.slice(0, 400).includes(annUri));
  check('brat: VS Code syncs a.ann with the server (didOpen and didChange)', opened && changed,
    `didOpen ${opened}, didChange ${changed}`);
  // VS Code pulls diagnostics (document and workspace reports); the server pushes none as well.
  const count = (what) => text.split(what).length - 1;
  const pulled = { workspace: count("Sending request 'workspace/diagnostic "),
    document: count("Sending request 'textDocument/diagnostic "),
    refresh: count("Received request 'workspace/diagnostic/refresh"),
    pushed: count("Received notification 'textDocument/publishDiagnostics'") };
  check('pull diagnostics: VS Code pulls, is asked to refresh, and nothing is pushed',
    pulled.workspace > 0 && pulled.document > 0 && pulled.refresh > 0 && pulled.pushed === 0, JSON.stringify(pulled));
  const pulls = text.split("Received request 'workspace/configuration").length - 1;
  if (pulls > 0) console.log(`note: the server pulled its settings ${pulls} time(s)`);
}

async function checkUi(page, shotPrefix, withSemanticTokens) {
  const outlineRow = page.locator('.outline-pane .monaco-list-row', { hasText: HEADLINE });
  check('the Outline view shows the headline of 000',
    await outlineRow.first().waitFor({ timeout: 15000 }).then(() => true, () => false));
  const problems = page.locator('.markers-panel', { hasText: 'dateline' });
  check('the Problems panel lists the missing dateline',
    await problems.first().waitFor({ timeout: 15000 }).then(() => true, () => false));
  const unopened = page.locator('.markers-panel', { hasText: 'Millenium' });
  check('the Problems panel lists a finding of an article never opened (004: ‘Millenium’)',
    await unopened.first().waitFor({ timeout: 15000 }).then(() => true, () => false));

  // The grammar marks the headline; semantic tokens colour entities. Compare rendered classes.
  const classOf = async (text) => page.locator('.view-lines .view-line span span', { hasText: text }).first()
    .getAttribute('class', { timeout: 5000 }).catch(() => null);
  const body = await classOf('to take over');
  const headline = await classOf('track to get');
  check('the headline is highlighted unlike the body', headline && body && headline !== body,
    `headline ${headline}, body ${body}`);
  if (withSemanticTokens) {
    const person = await classOf('Gordon Hextall');
    const organization = await classOf('Fujitsu');
    check('entities are coloured: person, organization and body differ',
      person && organization && new Set([person, organization, body]).size === 3,
      `person ${person}, organization ${organization}, body ${body}`);
  }
  await page.screenshot({ path: `${shotPrefix}-outline.png` });

  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Corpus LSP: Show corpus entities');
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  const answer = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Corpus entities' })
    .or(page.locator('.notifications-toasts', { hasText: /corpus entities|no entities/ }));
  const shown = await answer.first().waitFor({ timeout: 15000 }).then(() => answer.first().innerText(), () => null);
  check('"Show corpus entities" answers in the UI', Boolean(shown), shown && shown.replace(/\s+/g, ' ').slice(0, 120));
  await page.waitForTimeout(700); // let the toast or picker finish sliding in
  await page.screenshot({ path: `${shotPrefix}-entities.png` });
  if (shown && shown.includes('Corpus entities')) {
    // Pick a person: the editor opens the article with the mention selected.
    await page.keyboard.type('Gordon Hextall');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const selection = page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ });
    const where = await selection.first().waitFor({ timeout: 10000 }).then(() => selection.first().innerText(), () => null);
    check('picking an entity selects its mention', where !== null, where);
  } else {
    await page.keyboard.press('Escape');
  }
}

// The timeline in the real UI: the command palette opens it for the entity at the cursor (BT, the
// first word of 000, shown under its canonical name), its webview renders lanes and marks, and clicking a claim opens its article
// at its line.
async function checkTimelineUi(page, shotPrefix) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.keyboard.type('000_');
  await page.waitForTimeout(700);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Corpus LSP: Show timeline');
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  // The webview's page is a frame inside VS Code's own webview frame.
  let frame = null;
  const deadline = Date.now() + 20000;
  while (!frame && Date.now() < deadline) {
    for (const f of page.frames()) {
      if (await f.$('svg.timeline').catch(() => null)) frame = f;
    }
    if (!frame) await page.waitForTimeout(250);
  }
  check('timeline UI: the webview shows the timeline', frame !== null, page.frames().map((f) => f.url().slice(0, 80)).join(' | '));
  if (!frame) {
    await page.screenshot({ path: `${shotPrefix}-timeline-failed.png` });
    return;
  }
  const title = await frame.$eval('h1', (h) => h.textContent).catch(() => null);
  const lanes = await frame.$$eval('svg.timeline g.lane', (els) => els.length);
  const marks = await frame.$$eval('svg.timeline .claim', (els) => els.filter((e) => e.getBoundingClientRect().width > 0).length);
  check('timeline UI: lanes and marks render for BT', title && /^Timeline of (BT|British Telecom) /.test(title) && lanes > 0 && marks > 0,
    `${title}: ${lanes} lanes, ${marks} marks`);
  await page.screenshot({ path: `${shotPrefix}-timeline.png` });
  const link = await frame.$('svg.timeline a.claim-link');
  const target = link && await link.evaluate((a) => ({ path: a.getAttribute('data-path'), line: a.getAttribute('data-line') }));
  if (link) await frame.click('svg.timeline a.claim-link .claim');
  const file = target ? path.basename(target.path) : '?';
  const tab = page.locator('.tabs-container .tab.active', { hasText: file });
  const cursor = page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${target ? target.line : 0}, Col 1\\b`) });
  const opened = await tab.first().waitFor({ timeout: 10000 }).then(() => true, () => false);
  const at = opened && await cursor.first().waitFor({ timeout: 5000 }).then(() => true, () => false);
  check('timeline UI: clicking a claim opens its article at its line', opened && at, JSON.stringify(target));
}

(async () => {
  const [url, resultFile, logsDir, shotPrefix] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    console.log(`workbench after ${Date.now() - started} ms`);
    const result = await waitForResult(page, resultFile, 120000);
    console.log(`probe report after ${Date.now() - started} ms`);
    checkResult(result);
    checkProgressTrace(logsDir);
    if (result && result.steps.includes('done')) {
      await checkUi(page, shotPrefix, Boolean(result.semanticLegend));
      await checkTimelineUi(page, shotPrefix);
    }
    else await page.screenshot({ path: `${shotPrefix}-failed.png` });
  } finally {
    await browser.close();
  }
  console.log(failures === 0 ? 'VSCODE-E2E: PASS' : `VSCODE-E2E: ${failures} FAILED`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
