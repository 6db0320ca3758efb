import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { ServerResolution } from './serverPath';
import { entityAt, entityFromSelection, isUnknownEntity, newNonce, openRequest, timelineArgs } from './timeline';

/** What the timeline command needs from the extension. */
export interface TimelineHost {
  server: () => ServerResolution;
  rootOf: (doc: vscode.TextDocument) => string | undefined;
  roots: () => readonly string[];
}

/** What the command showed, for tests and for callers. */
export interface TimelineShown {
  root: string;
  /** The entity asked for (at the cursor or selected), if any. */
  requested?: string;
  /** The entity shown; `undefined` for the whole corpus. */
  entity?: string;
  bytes: number;
}

const VIEW_TYPE = 'corpusLsp.timeline';
// A big corpus makes a big page; far more than any real one.
const MAX_PAGE = 256 * 1024 * 1024;

let panel: vscode.WebviewPanel | undefined;
let panelRoot: string | undefined;
let panelColumn: vscode.ViewColumn = vscode.ViewColumn.One;

interface Run {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: MAX_PAGE, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ ok: !err, stdout, stderr: stderr || (err ? err.message : '') }),
    );
  });
}

/** The entity the user points at: the selection, else the name under the cursor. */
function entityOfEditor(editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor) {
    return undefined;
  }
  const selection = editor.selection;
  if (!selection.isEmpty) {
    return entityFromSelection(editor.document.getText(selection));
  }
  const at = selection.active;
  return entityAt(editor.document.lineAt(at.line).text, at.character);
}

/**
 * `corpusLsp.showTimeline`: the timeline of the entity at the cursor (or of the whole corpus) in a
 * webview, from `corpus-lsp timeline`. Clicking a claim opens its article at its line.
 */
export async function showTimeline(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  host: TimelineHost,
): Promise<TimelineShown | undefined> {
  const editor = vscode.window.activeTextEditor;
  const editorRoot = editor && host.rootOf(editor.document);
  const root = editorRoot ?? host.roots()[0];
  if (!root) {
    void vscode.window.showInformationMessage('Corpus LSP: open an article of a corpus (a folder with a corpus.toml) first.');
    return undefined;
  }
  const server = host.server();
  if (!server.ok) {
    void vscode.window.showErrorMessage(server.message);
    return undefined;
  }
  const requested = editorRoot ? entityOfEditor(editor) : undefined;
  const nonce = newNonce();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Drawing the corpus timeline' },
    async () => {
      let entity = requested;
      let page = await run(server.command, timelineArgs(root, entity, nonce), root);
      if (!page.ok && entity !== undefined && isUnknownEntity(page.stderr)) {
        log.info(`Timeline: no entity ‘${entity}’ in ${root}; showing the whole corpus`);
        entity = undefined;
        page = await run(server.command, timelineArgs(root, entity, nonce), root);
      }
      return { page, entity };
    },
  );
  const { page, entity } = result;
  if (!page.ok) {
    const message = `corpus-lsp timeline failed: ${page.stderr.trim() || 'no output'}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  // Scripts run only under the page's own policy, with our nonce: refuse a page without it.
  if (!page.stdout.includes(`script-src 'nonce-${nonce}'`)) {
    const message = 'corpus-lsp timeline gave a page without its Content Security Policy: update corpus-lsp.';
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  const title = entity ? `Timeline: ${entity}` : 'Corpus timeline';
  panelColumn = editor?.viewColumn ?? vscode.ViewColumn.One;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    const own = panel;
    context.subscriptions.push(
      own,
      own.onDidDispose(() => {
        if (panel === own) {
          panel = undefined;
          panelRoot = undefined;
        }
      }),
      own.webview.onDidReceiveMessage(async (message: unknown) => {
        const request = panelRoot === undefined ? undefined : openRequest(message, panelRoot);
        if (!request) {
          log.warn(`Timeline: ignored a message from the page: ${JSON.stringify(message)?.slice(0, 200)}`);
          return;
        }
        const line = request.line - 1;
        try {
          await vscode.window.showTextDocument(vscode.Uri.file(request.path), {
            viewColumn: panelColumn,
            selection: new vscode.Range(line, 0, line, 0),
            preview: true,
          });
        } catch (err) {
          void vscode.window.showErrorMessage(
            `Cannot open ${request.path}: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }),
    );
  } else {
    panel.reveal(panel.viewColumn, false);
  }
  panel.title = title;
  panelRoot = root;
  panel.webview.html = page.stdout;
  if (requested !== undefined && entity === undefined) {
    void vscode.window.showInformationMessage(`No entity ‘${requested}’ in the corpus: showing the whole corpus.`);
  }
  return { root, requested, entity, bytes: page.stdout.length };
}
