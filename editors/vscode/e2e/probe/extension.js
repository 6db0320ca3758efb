// Test-only extension: drives VS Code's own API against the Corpus LSP extension and writes
// what it observed to corpusLspE2e.resultFile, for e2e/drive.js to check.
'use strict';
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);

async function open(file) {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function describeSymbols(symbols) {
  return (symbols || []).map((s) => ({
    name: s.name, detail: s.detail, kind: vscode.SymbolKind[s.kind],
    children: describeSymbols(s.children),
  }));
}

async function run(result, save) {
  const corpus = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'corpus');
  const seed = (prefix) => path.join(corpus, fs.readdirSync(corpus).find((f) => f.startsWith(prefix)));
  const ext = vscode.extensions.getExtension('corpus-lsp.corpus-lsp');
  result.extensionFound = Boolean(ext);
  await ext.activate();
  result.steps.push('extension active');
  save();

  const undated = await open(seed('002'));
  const diagnostics = await poll('missing-dateline on 002', () => {
    const ds = vscode.languages.getDiagnostics(undated.uri);
    return ds.some((d) => codeOf(d) === 'missing-dateline') && ds;
  }, 30000);
  result.diagnostics002 = diagnostics.map((d) => ({
    code: codeOf(d), severity: vscode.DiagnosticSeverity[d.severity], source: d.source, message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  }));
  result.steps.push('diagnostics');
  save();

  // Pull diagnostics: the Problems panel holds the whole corpus, articles never opened included
  // (004 is opened nowhere in this run).
  const never = await poll('findings of the unopened 004', () => vscode.languages.getDiagnostics()
    .find(([uri, ds]) => path.basename(uri.fsPath).startsWith('004_') && ds.length > 0), 30000).catch(() => null);
  result.unopened004 = never && {
    codes: never[1].map(codeOf),
    open: vscode.workspace.textDocuments.some((d) => d.uri.toString() === never[0].toString()),
  };
  result.steps.push('unopened article');
  save();

  const boilerplate = await open(seed('003'));
  const folds = await poll('folding ranges of 003', async () => {
    const f = await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', boilerplate.uri);
    return f && f.length > 0 && f;
  }, 15000);
  result.folding003 = folds.map((f) => ({ start: f.start, end: f.end, kind: f.kind && vscode.FoldingRangeKind[f.kind] }));

  const dated = await open(seed('000'));
  const symbols = await poll('document symbols of 000', async () => {
    const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', dated.uri);
    return s && s.length > 0 && s;
  }, 15000);
  result.symbols000 = describeSymbols(symbols);
  result.languageId000 = dated.languageId;
  result.semanticLegend = (await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', dated.uri)) || null;
  result.steps.push('symbols');
  save();

  // The checks on 000: a dated warning, cross-article hover, an entity's semantic token.
  const late = await poll('date-after-publication on 000', () =>
    vscode.languages.getDiagnostics(dated.uri).find((d) => codeOf(d) === 'date-after-publication'), 30000)
    .catch(() => null);
  result.lateDate000 = late && {
    severity: vscode.DiagnosticSeverity[late.severity], message: late.message, line: late.range.start.line,
    lineText: dated.lineAt(late.range.start.line).text,
  };
  const fujitsu = dated.lineAt(4).text.indexOf('from Fujitsu, with an agreement');
  const hoverAt = new vscode.Position(4, fujitsu + 'from '.length + 2);
  const hovers = fujitsu < 0 ? [] : await poll('hover over Fujitsu', async () => {
    const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', dated.uri, hoverAt);
    // Indexing runs in the background: wait until the card lists the other articles.
    const text = (h || []).flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.includes('Cerner contract re-set') && h;
  }, 15000).catch(() => []);
  result.hoverFujitsu = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  const tokens = await poll('semantic tokens of 000', async () => {
    const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', dated.uri);
    return t && t.data && t.data.length > 0 && t;
  }, 15000).catch(() => null);
  // Decode the relative (line, start, length, type, modifiers) quintuples into absolute tokens.
  result.semanticTokens000 = [];
  if (tokens && result.semanticLegend) {
    let line = 0;
    let start = 0;
    for (let i = 0; i + 4 < tokens.data.length; i += 5) {
      line += tokens.data[i];
      start = tokens.data[i] === 0 ? start + tokens.data[i + 1] : tokens.data[i + 1];
      if (line > 4) break;
      result.semanticTokens000.push({ line, start, length: tokens.data[i + 2],
        type: result.semanticLegend.tokenTypes[tokens.data[i + 3]] });
    }
  }
  result.steps.push('hover and tokens');
  save();

  // Corpus LSP: Show timeline, with the cursor on "Fujitsu": a webview panel of its timeline.
  result.timeline = await timeline(dated, fujitsu < 0 ? null : new vscode.Position(4, fujitsu + 'from '.length + 2));
  result.steps.push('timeline');
  save();

  // A text file outside the corpus must not reach the server: no diagnostics, no outline.
  const outside = await open(path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'notes', 'undated.txt'));
  await sleep(3000);
  result.outside = {
    diagnostics: vscode.languages.getDiagnostics(outside.uri).length,
    symbols: ((await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', outside.uri)) || []).length,
  };

  // An article of a corpus outside the workspace brings that corpus in.
  const workspaceRoot = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const elsewhere = await open(`${workspaceRoot}-elsewhere/undated.txt`);
  await poll('missing-dateline in a corpus outside the workspace', () =>
    vscode.languages.getDiagnostics(elsewhere.uri).some((d) => codeOf(d) === 'missing-dateline'), 30000);
  result.steps.push('corpus outside the workspace');
  save();

  const restartStarted = Date.now();
  await vscode.commands.executeCommand('corpusLsp.restartServer');
  await open(seed('002'));
  await poll('diagnostics after restart', () =>
    vscode.languages.getDiagnostics(undated.uri).some((d) => codeOf(d) === 'missing-dateline'), 30000);
  result.restartMs = Date.now() - restartStarted;
  result.steps.push('restart');
  save();

  // Before the settings step: a new corpus.toml restarts the server, which reads
  // corpusLsp.server.path again (see serverPath below).
  await annotations(result, save);
  await labelAll(result, save);

  // Settings apply live: the server gets them pushed and pulls them (see the trace in drive.js).
  const serverPath = () => vscode.workspace.getConfiguration('corpusLsp').get('server.path');
  result.serverPath = { before: serverPath() };
  const inlayHints = async () => ((await vscode.commands.executeCommand('vscode.executeInlayHintProvider', dated.uri,
    new vscode.Range(0, 0, dated.lineCount, 0))) || []).length;
  result.inlayHintsBefore = await inlayHints();
  const settings = vscode.workspace.getConfiguration('corpusLsp');
  await settings.update('diagnostics.severity', { 'missing-dateline': 'hint' }, vscode.ConfigurationTarget.Global);
  await settings.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
  const severityOf002 = () => {
    const d = vscode.languages.getDiagnostics(undated.uri).find((x) => codeOf(x) === 'missing-dateline');
    return d && vscode.DiagnosticSeverity[d.severity];
  };
  await poll('missing-dateline as a hint', () => severityOf002() === 'Hint', 10000).catch(() => false);
  result.severityAfterSetting = severityOf002() || null;
  result.inlayHintsDisabled = await poll('inlay hints off', async () => (await inlayHints()) === 0, 5000)
    .then(() => 0, inlayHints);
  await settings.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
  await settings.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
  await poll('missing-dateline back to information', () => severityOf002() === 'Information', 10000).catch(() => false);
  result.severityAfterReset = severityOf002() || null;
  result.serverPath.after = serverPath();
  result.steps.push('settings');
  save();
  // A restart reads corpusLsp.server.path again.
  await vscode.commands.executeCommand('corpusLsp.restartServer');
  await open(seed('002'));
  result.restartAfterSettings = await poll('diagnostics after a restart that follows the settings step', () =>
    vscode.languages.getDiagnostics(undated.uri).some((d) => codeOf(d) === 'missing-dateline'), 30000)
    .then(() => true, (err) => String(err));
  save();


  // Leave the UI in a state worth a screenshot: 000 with its outline, Problems open.
  await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  await open(seed('002'));
  await open(seed('000'));
  await vscode.commands.executeCommand('outline.focus');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  result.steps.push('done');
}

const timelineTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('corpusLsp.timeline'))
  .map((t) => ({ label: t.label, viewType: t.input.viewType, active: t.isActive }));

async function timeline(doc, at) {
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  if (at) editor.selection = new vscode.Selection(at, at);
  const r = { tabsBefore: timelineTabs().length };
  r.shown = (await vscode.commands.executeCommand('corpusLsp.showTimeline')) || null;
  r.tabs = await poll('the timeline panel', () => timelineTabs().length > 0 && timelineTabs(), 20000).catch(() => []);
  // A selection names the entity too; a name the corpus does not know falls back to the whole corpus.
  // The panel has the focus now: back to the article, as a user would go.
  const select = async (selection) => {
    const e = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    e.selection = selection;
  };
  await select(new vscode.Selection(0, 0, 0, 2));
  r.selected = (await vscode.commands.executeCommand('corpusLsp.showTimeline')) || null;
  const word = doc.lineAt(4).text.indexOf(' to ');
  await select(new vscode.Selection(4, word + 1, 4, word + 3));
  r.unknown = (await vscode.commands.executeCommand('corpusLsp.showTimeline')) || null;
  r.tabsAfter = await poll('the panel retitled', () => {
    const tabs = timelineTabs();
    return tabs.some((t) => t.label === 'Corpus timeline') && tabs;
  }, 5000).catch(timelineTabs);
  return r;
}

// brat annotations: typing in an article keeps its .ann offsets (code points) in step, through
// the server's workspace/applyEdit, with emoji and CJK before the names. A corpus of its own,
// written here; a.ann is not open when the first edit comes.
const ARTICLE = 'Tidewater Rail wins 🚆 bid\n\n3 March 2011\n\n'
  + 'After a long review, Tidewater Rail agreed terms with 東京 Transit on Friday.\n';
const INSERTED = '(🌧️ 雨天, 港) ';
const codePoints = (s) => Array.from(s).length;

function spanOf(text, needle, from = 0) {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not in the article`);
  const start = codePoints(text.slice(0, at));
  return [start, start + codePoints(needle)];
}

function annFor(text, metro) {
  const body = text.indexOf('After');
  const [h1, h2] = spanOf(text, 'Tidewater Rail');
  const [b1, b2] = spanOf(text, 'Tidewater Rail', body);
  const [m1, m2] = spanOf(text, metro, body);
  return [
    `T1\tOrganization ${h1} ${h2}\tTidewater Rail`,
    `T2\tOrganization ${b1} ${b2}\tTidewater Rail`,
    'A1\tConfidence T2 High',
    `T3\tOrganization ${m1} ${m2}\t${metro}`,
    '#1\tAnnotatorNotes T3\tchecked against the timetable',
  ].join('\n') + '\n';
}

async function annotations(result, save) {
  const dir = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'annotated');
  const articlePath = path.join(dir, 'a.txt');
  const annPath = path.join(dir, 'a.ann');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'corpus.toml'), '[annotations]\nformat = "brat"\n');
  fs.writeFileSync(articlePath, ARTICLE);
  fs.writeFileSync(annPath, annFor(ARTICLE, '東京 Transit'));
  const r = { steps: [] };
  result.annotations = r;
  const annDoc = () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === annPath);
  const hoverText = async (doc, needle) => {
    const line = doc.lineAt(4).text;
    const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri,
      new vscode.Position(4, line.indexOf(needle) + 4));
    return (h || []).flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  };
  const codesOf = (uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

  const doc = await open(articlePath);
  // The new corpus.toml restarts the server with this corpus too: wait until it serves the
  // annotation (the hover says so) before typing.
  r.hoverBefore = await poll('the annotated corpus served', async () => {
    const text = await hoverText(doc, 'Tidewater Rail agreed');
    return text.includes('Annotated as') && text;
  }, 60000).catch(() => null);
  r.annOpenBeforeEdit = Boolean(annDoc());
  r.steps.push('served');
  save();

  const editor = vscode.window.activeTextEditor;
  const at = doc.lineAt(4).text.indexOf('Tidewater Rail');
  r.edited = await editor.edit((e) => e.insert(new vscode.Position(4, at), INSERTED));
  let edited = ARTICLE.replace('review, Tidewater', `review, ${INSERTED}Tidewater`);
  r.articleMatches = doc.getText() === edited;
  r.expectedShift = annFor(edited, '東京 Transit');
  await poll('a.ann shifted', () => annDoc() && annDoc().getText() === r.expectedShift, 15000).catch(() => false);
  r.shifted = annDoc() ? annDoc().getText() : null;
  r.annDirty = Boolean(annDoc() && annDoc().isDirty);
  // Diagnostics settle: collect every stale-annotation VS Code is shown for the article meanwhile.
  const stale = new Set();
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const uri of e.uris) {
      if (uri.fsPath === articlePath && codesOf(uri).includes('stale-annotation')) stale.add('article');
      if (uri.fsPath === annPath && codesOf(uri).includes('stale-annotation')) stale.add('ann');
    }
  });
  await sleep(2000);
  r.staleSeen = [...stale];
  r.articleCodes = codesOf(doc.uri);
  r.annCodes = codesOf(vscode.Uri.file(annPath));
  r.hoverAfter = await hoverText(doc, 'Tidewater Rail agreed');
  r.steps.push('shifted');
  save();

  // A character typed inside 東京: T3 grows by one code point and its text follows.
  const inside = doc.lineAt(4).text.indexOf('東京') + 1;
  await editor.edit((e) => e.insert(new vscode.Position(4, inside), 'の'));
  edited = edited.replace('東京', '東の京');
  r.expectedInside = annFor(edited, '東の京 Transit');
  await poll('a.ann follows the typing', () => annDoc() && annDoc().getText() === r.expectedInside, 15000).catch(() => false);
  r.inside = annDoc() ? annDoc().getText() : null;
  await sleep(1500);
  listener.dispose();
  r.staleSeen = [...stale];
  r.articleCodesAfterTyping = codesOf(doc.uri);

  await vscode.commands.executeCommand('workbench.action.files.saveAll');
  await poll('saved', () => !doc.isDirty && !(annDoc() && annDoc().isDirty), 10000).catch(() => false);
  r.savedArticle = fs.readFileSync(articlePath, 'utf8') === edited;
  r.savedAnn = fs.readFileSync(annPath, 'utf8');
  r.steps.push('done');
  result.steps.push('annotations');
  save();
}

// Label all: "Annotate all N mentions of ‘X’ in the corpus as …" writes T lines into every
// article's .ann in one workspace edit (creating files); one undo reverts it; "Remove all
// annotations of ‘X’" is its inverse. drive.js answers VS Code's "undo across all files?" dialog.
const LABEL_A = 'Harbour Light wins 🌊 deal\n\n15 July 2008\n\nThe firm Harbour Light signed with 北京 Metro on Monday.\n';
const LABEL_B = 'Harbour Light expands\n\n2 August 2008\n\nHarbour Light opened an office in 東京. Staff at Harbour Light welcomed it.\n';

async function labelAll(result, save) {
  const dir = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'labelled');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'corpus.toml'), '[annotations]\nformat = "brat"\n');
  fs.writeFileSync(path.join(dir, 'a.txt'), LABEL_A);
  fs.writeFileSync(path.join(dir, 'b.txt'), LABEL_B);
  const r = { steps: [] };
  result.labelAll = r;
  const disk = (name) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : null);
  const both = () => ({ a: disk('a.ann'), b: disk('b.ann') });
  const tLines = (text) => (text || '').split('\n').filter((l) => l.startsWith('T')).length;
  const doc = await open(path.join(dir, 'a.txt'));
  const at = new vscode.Position(4, doc.lineAt(4).text.indexOf('Harbour Light') + 2);
  const find = async (re) => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri,
      new vscode.Range(at, at), undefined, 50);
    return (actions || []).find((a) => re.test(a.title));
  };
  const ANNOTATE = /^Annotate all 5 mentions of ‘Harbour Light’ in the corpus as \w+ \(2 files\)$/;
  const annotateAll = async (what) => {
    // The new corpus.toml restarts the server: wait until it offers the action.
    const action = await poll(what, () => find(ANNOTATE), 60000).catch(() => null);
    r.annotateTitle = action ? action.title : null;
    if (!action || !action.edit) return false;
    const applied = await vscode.workspace.applyEdit(action.edit);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await poll('T lines on disk', () => tLines(disk('a.ann')) === 2 && tLines(disk('b.ann')) === 3, 10000).catch(() => false);
    return applied;
  };
  r.applied = await annotateAll('the annotate-all action');
  r.afterApply = both();
  r.steps.push('annotated');
  save();
  if (!r.applied) return;

  // One undo, from the editor of a file the edit changed.
  await open(path.join(dir, 'a.ann'));
  await vscode.commands.executeCommand('undo');
  const annDocs = () => vscode.workspace.textDocuments.filter((d) => /[ab]\.ann$/.test(d.uri.fsPath));
  // Undoing the creation deletes the files (and closes their documents), else they are left empty.
  r.undoneInEditor = await poll('the edit undone in both files',
    () => annDocs().every((d) => tLines(d.getText()) === 0), 15000).catch(() => false);
  await vscode.commands.executeCommand('workbench.action.files.saveAll');
  await sleep(500);
  r.afterUndo = both();
  r.afterUndoDocs = annDocs().map((d) => ({ file: path.basename(d.uri.fsPath), tLines: tLines(d.getText()), dirty: d.isDirty }));
  r.steps.push('undone');
  save();

  // Again, then its inverse.
  r.reapplied = await annotateAll('the annotate-all action again');
  const remove = await poll('the remove-all action',
    () => find(/^Remove all 5 annotations of ‘Harbour Light’ \(2 files\)$/), 20000).catch(() => null);
  r.removeTitle = remove ? remove.title : null;
  if (remove && remove.edit) {
    r.removed = await vscode.workspace.applyEdit(remove.edit);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await poll('no T lines on disk', () => tLines(disk('a.ann')) + tLines(disk('b.ann')) === 0, 10000).catch(() => false);
  }
  r.afterRemove = both();
  r.steps.push('done');
  result.steps.push('label all');
  save();
}

async function activate() {
  const resultFile = vscode.workspace.getConfiguration('corpusLspE2e').get('resultFile');
  if (!resultFile) return;
  const result = { vscodeVersion: vscode.version, steps: [] };
  const save = () => fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  try {
    await run(result, save);
  } catch (e) {
    result.error = String((e && e.stack) || e);
  }
  save();
}

module.exports = { activate, deactivate() {} };
