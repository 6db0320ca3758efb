import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  ResponseError,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  WorkspaceSymbolRequest,
  WorkspaceSymbolResolveRequest,
} from 'vscode-languageclient/node';
import { CORPUS_CONFIG, corpusRootsOf, enclosingCorpusRoot, isWithin, sameRoots } from './corpusRoots';
import { articleFiltersFrom, corpusDocumentSelector } from './documentSelector';
import { type EntityPick, entityPicks } from './entities';
import { type ServerResolution, resolveServer } from './serverPath';
import { RESTART_SETTINGS, SECTION, configurationValue, serverEnvFrom, serverSettingsFrom } from './settings';
import { showTimeline } from './timelineView';
import { SettingTraceChannel } from './traceChannel';

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);
const SEARCH_EXCLUDE = '**/{node_modules,.git,target}/**';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.R_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCorpusConfig(dir: string): boolean {
  return fs.existsSync(path.join(dir, CORPUS_CONFIG));
}

function currentServerSettings(log: vscode.LogOutputChannel) {
  const config = vscode.workspace.getConfiguration(SECTION);
  const { settings, problems } = serverSettingsFrom((key) => config.get(key));
  problems.forEach((p) => log.warn(p));
  return settings;
}

/** The server binary, as the settings, the bundle or `PATH` give it. */
function resolveServerCommand(context: vscode.ExtensionContext): ServerResolution {
  const config = vscode.workspace.getConfiguration(SECTION);
  return resolveServer({
    configuredPath: config.get<string>('server.path', ''),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    extensionPath: context.extensionPath,
    envPath: process.env.PATH,
    homeDir: os.homedir(),
    platform: process.platform,
    isExecutable: isExecutableFile,
  });
}

/** Owns the language client: which corpus roots it serves, starting, stopping, restarting. */
class CorpusClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private roots: string[] = [];
  private command: string | undefined;
  // Serialises start/stop so that quick successive restarts cannot interleave.
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly trace: SettingTraceChannel,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Corpus roots: every `corpus.toml` in the workspace, and those above open articles. */
  private async discoverRoots(): Promise<string[]> {
    const configs = await vscode.workspace.findFiles(`**/${CORPUS_CONFIG}`, SEARCH_EXCLUDE);
    const paths = configs.filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
    for (const doc of vscode.workspace.textDocuments) {
      const root = this.rootOfArticle(doc);
      if (root) {
        paths.push(path.join(root, CORPUS_CONFIG));
      }
    }
    return corpusRootsOf(paths);
  }

  private rootOfArticle(doc: vscode.TextDocument): string | undefined {
    if (doc.uri.scheme !== 'file' || !ARTICLE_LANGUAGES.has(doc.languageId)) {
      return undefined;
    }
    return enclosingCorpusRoot(doc.uri.fsPath, hasCorpusConfig);
  }

  /** The binary of the running server, if one runs. */
  get serverCommand(): string | undefined {
    return this.client ? this.command : undefined;
  }

  /** The corpus roots served (those found at the last start). */
  get corpusRoots(): readonly string[] {
    return this.roots;
  }

  /** The corpus root of an open article, if it is in one. */
  rootOf(doc: vscode.TextDocument): string | undefined {
    return this.rootOfArticle(doc);
  }

  /** Whether `doc` is an article of a corpus not served yet (e.g. one outside the workspace). */
  isInNewCorpus(doc: vscode.TextDocument): boolean {
    const root = this.rootOfArticle(doc);
    return root !== undefined && !this.roots.some((r) => isWithin(doc.uri.fsPath, r));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(task, task);
    return this.pending;
  }

  /** Starts the server if there is a corpus; restarts it when the set of corpus roots changed. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const roots = await this.discoverRoots();
      if (this.client && sameRoots(roots, this.roots)) {
        return;
      }
      await this.stopClient();
      this.roots = roots;
      await this.startClient();
    });
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopClient();
      this.roots = await this.discoverRoots();
      await this.startClient();
    });
  }

  private async startClient(): Promise<void> {
    if (this.roots.length === 0) {
      this.log.info(`No ${CORPUS_CONFIG} in the workspace: the server starts when a corpus is opened.`);
      return;
    }
    const config = vscode.workspace.getConfiguration(SECTION);
    const resolution = resolveServerCommand(this.context);
    if (!resolution.ok) {
      this.log.error(resolution.message);
      void vscode.window.showErrorMessage(resolution.message, 'Open Settings').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'corpusLsp.server.path');
        }
      });
      return;
    }
    this.log.info(`Starting ${resolution.command} (${resolution.source}) for ${this.roots.join(', ')}`);
    this.command = resolution.command;

    const { filters, problems } = articleFiltersFrom(config.get('documentSelector'));
    problems.forEach((p) => this.log.warn(p));
    const rootUris = this.roots.map((root) => vscode.Uri.file(root).toString());
    const serverOptions: ServerOptions = {
      // No transport: it would add a --stdio flag; the server speaks LSP on stdio without one.
      command: resolution.command,
      options: { env: { ...process.env, ...serverEnvFrom(config.get('server.extraEnv')) } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: corpusDocumentSelector(rootUris, filters),
      outputChannel: this.log,
      traceOutputChannel: this.trace,
      // Hovers quote article text: never let it run commands or render HTML.
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const settings = currentServerSettings(this.log);
            const answers = params.items.map((item) => configurationValue(item.section, settings));
            const ours = answers.filter((a) => a !== undefined);
            if (ours.length === answers.length) {
              return ours.map((a) => a.value);
            }
            const fallback = (await next(params, token)) as unknown[] | ResponseError;
            if (fallback instanceof ResponseError) {
              return fallback;
            }
            return answers.map((a, i) => (a === undefined ? fallback[i] : a.value));
          },
        },
      },
    };
    const client = new LanguageClient('corpusLsp', 'Corpus LSP', serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      const message = `corpus-lsp failed to start: ${err instanceof Error ? err.message : String(err)}`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message, 'Show Server Log').then((choice) => {
        if (choice) {
          this.log.show();
        }
      });
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    try {
      await client.dispose(2000);
    } catch (err) {
      this.log.warn(`Stopping the server: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Pushes the settings to a running server (it may also pull them again). */
  async sendSettings(): Promise<void> {
    const client = this.running;
    if (client) {
      const settings = currentServerSettings(this.log);
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: settings } });
    }
  }

  dispose(): void {
    void this.stopClient();
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopClient());
  }
}

async function showEntities(corpus: CorpusClient): Promise<void> {
  const client = corpus.running;
  if (!client) {
    void vscode.window.showInformationMessage(`Corpus LSP is not running: open a folder with a ${CORPUS_CONFIG}.`);
    return;
  }
  if (!client.initializeResult?.capabilities.workspaceSymbolProvider) {
    void vscode.window.showInformationMessage('This version of corpus-lsp cannot list corpus entities yet.');
    return;
  }
  const picks = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing corpus entities' },
    async () => {
      const result = await client.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
      return entityPicks(result, (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    },
  );
  if (picks.length === 0) {
    void vscode.window.showInformationMessage('corpus-lsp found no entities in this corpus.');
    return;
  }
  const chosen = await vscode.window.showQuickPick<EntityPick>(picks, {
    title: 'Corpus entities',
    placeHolder: 'Type to filter; Enter opens the mention',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (chosen) {
    await openEntity(client, chosen);
  }
}

async function openEntity(client: LanguageClient, pick: EntityPick): Promise<void> {
  let uri = pick.uri;
  let range = pick.range;
  const resolvable = client.initializeResult?.capabilities.workspaceSymbolProvider;
  if (!range && typeof resolvable === 'object' && resolvable.resolveProvider) {
    const resolved = await client.sendRequest(WorkspaceSymbolResolveRequest.type, pick.symbol as never);
    if ('range' in resolved.location) {
      uri = resolved.location.uri;
      range = resolved.location.range;
    }
  }
  const selection = range ? client.protocol2CodeConverter.asRange(range) : undefined;
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preview: true });
}

let corpus: CorpusClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Corpus LSP', { log: true });
  const trace = new SettingTraceChannel('Corpus LSP Trace');
  corpus = new CorpusClient(context, log, trace);
  const c = corpus;
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CORPUS_CONFIG}`, false, true, false);
  context.subscriptions.push(
    log,
    trace,
    c,
    configWatcher,
    vscode.commands.registerCommand('corpusLsp.restartServer', () => c.restart()),
    vscode.commands.registerCommand('corpusLsp.showEntities', () => showEntities(c)),
    vscode.commands.registerCommand('corpusLsp.showServerLog', () => log.show()),
    vscode.commands.registerCommand('corpusLsp.showTimeline', () =>
      showTimeline(context, log, {
        // The binary serving the corpus draws its timeline; else the one the settings name.
        server: () => {
          const running = c.serverCommand;
          return running ? { ok: true, command: running, source: 'setting' } : resolveServerCommand(context);
        },
        rootOf: (doc) => c.rootOf(doc),
        roots: () => c.corpusRoots,
      }),
    ),
    configWatcher.onDidCreate(() => c.refresh()),
    configWatcher.onDidDelete(() => c.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => c.refresh()),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (c.isInNewCorpus(doc)) {
        void c.refresh();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) {
        return;
      }
      trace.refresh();
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void c.restart();
      } else {
        void c.sendSettings();
      }
    }),
  );
  await c.refresh();
}

export async function deactivate(): Promise<void> {
  await corpus?.stop();
  corpus = undefined;
}
