import * as path from 'node:path';

export const SERVER_NAME = 'corpus-lsp';
export const INSTALL_COMMAND = 'cargo install --path server';

export interface ServerLookup {
  /** `corpusLsp.server.path`, possibly empty. */
  configuredPath: string;
  /** Where a relative configured path is resolved from (the first workspace folder). */
  workspaceFolder?: string;
  /** The extension's install folder; a bundled binary sits in its `server/` folder. */
  extensionPath: string;
  envPath: string | undefined;
  homeDir: string;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

export type ServerSource = 'setting' | 'bundled' | 'path';

export type ServerResolution =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string };

function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${SERVER_NAME}.exe` : SERVER_NAME;
}

function pathApiFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function expandHome(p: string, homeDir: string, platform: NodeJS.Platform): string {
  if (p === '~') {
    return homeDir;
  }
  if (p.startsWith('~/') || (platform === 'win32' && p.startsWith('~\\'))) {
    return pathApiFor(platform).join(homeDir, p.slice(2));
  }
  return p;
}

/** The binary in the extension's `server/` folder, where `npm run bundle-server` puts it. */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathApiFor(platform).join(extensionPath, 'server', executableName(platform));
}

export function findOnPath(lookup: ServerLookup): string | undefined {
  const p = pathApiFor(lookup.platform);
  const separator = lookup.platform === 'win32' ? ';' : ':';
  for (const dir of (lookup.envPath ?? '').split(separator)) {
    if (dir === '') {
      continue;
    }
    const candidate = p.join(dir, executableName(lookup.platform));
    if (lookup.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * The setting wins and is never silently replaced: a wrong path is an error to fix, not a
 * reason to start some other binary. Then the bundled binary, then `PATH`.
 */
export function resolveServer(lookup: ServerLookup): ServerResolution {
  const p = pathApiFor(lookup.platform);
  const configured = lookup.configuredPath.trim();
  if (configured !== '') {
    let file = expandHome(configured, lookup.homeDir, lookup.platform);
    if (!p.isAbsolute(file) && lookup.workspaceFolder) {
      file = p.resolve(lookup.workspaceFolder, file);
    }
    if (lookup.isExecutable(file)) {
      return { ok: true, command: file, source: 'setting' };
    }
    return {
      ok: false,
      message: `corpusLsp.server.path is set to "${configured}", but ${file} is not an executable file.`,
    };
  }
  const bundled = bundledServerPath(lookup.extensionPath, lookup.platform);
  if (lookup.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }
  const onPath = findOnPath(lookup);
  if (onPath) {
    return { ok: true, command: onPath, source: 'path' };
  }
  return {
    ok: false,
    message:
      `The ${SERVER_NAME} language server was not found. Install it with \`${INSTALL_COMMAND}\` ` +
      'from a corpus-lsp checkout, or set corpusLsp.server.path to the binary.',
  };
}
