import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTALL_COMMAND, type ServerLookup, bundledServerPath, expandHome, resolveServer } from '../serverPath';

function lookup(executables: string[], overrides: Partial<ServerLookup> = {}): ServerLookup {
  const present = new Set(executables);
  return {
    configuredPath: '',
    workspaceFolder: '/ws',
    extensionPath: '/ext',
    envPath: '/usr/local/bin:/usr/bin',
    homeDir: '/home/me',
    platform: 'linux',
    isExecutable: (file) => present.has(file),
    ...overrides,
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  const all = ['/opt/corpus-lsp', '/ext/server/corpus-lsp', '/usr/bin/corpus-lsp'];
  assert.deepEqual(resolveServer(lookup(all, { configuredPath: '/opt/corpus-lsp' })), {
    ok: true,
    command: '/opt/corpus-lsp',
    source: 'setting',
  });
});

test('a configured path that does not exist is an error, not a silent fallback', () => {
  const r = resolveServer(lookup(['/usr/bin/corpus-lsp'], { configuredPath: '/nope/corpus-lsp' }));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /corpusLsp\.server\.path.*\/nope\/corpus-lsp/);
});

test('configured paths expand ~ and resolve relative to the workspace folder', () => {
  assert.equal(expandHome('~/bin/corpus-lsp', '/home/me', 'linux'), '/home/me/bin/corpus-lsp');
  assert.equal(expandHome('~', '/home/me', 'linux'), '/home/me');
  assert.equal(expandHome('/x/~/y', '/home/me', 'linux'), '/x/~/y');
  const fromHome = resolveServer(lookup(['/home/me/bin/corpus-lsp'], { configuredPath: '~/bin/corpus-lsp' }));
  assert.deepEqual(fromHome, { ok: true, command: '/home/me/bin/corpus-lsp', source: 'setting' });
  const relative = resolveServer(lookup(['/ws/target/release/corpus-lsp'], { configuredPath: 'target/release/corpus-lsp' }));
  assert.deepEqual(relative, { ok: true, command: '/ws/target/release/corpus-lsp', source: 'setting' });
});

test('then the bundled binary, then PATH in order', () => {
  assert.deepEqual(resolveServer(lookup(['/ext/server/corpus-lsp', '/usr/bin/corpus-lsp'])), {
    ok: true,
    command: '/ext/server/corpus-lsp',
    source: 'bundled',
  });
  assert.deepEqual(resolveServer(lookup(['/usr/local/bin/corpus-lsp', '/usr/bin/corpus-lsp'])), {
    ok: true,
    command: '/usr/local/bin/corpus-lsp',
    source: 'path',
  });
  assert.deepEqual(resolveServer(lookup(['/usr/bin/corpus-lsp'], { envPath: ':/usr/bin:' })), {
    ok: true,
    command: '/usr/bin/corpus-lsp',
    source: 'path',
  });
});

test('nothing found: the message says how to install', () => {
  const r = resolveServer(lookup([], { envPath: undefined }));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.message.includes(INSTALL_COMMAND));
});

test('Windows: .exe names and ; separated PATH', () => {
  assert.equal(bundledServerPath('C:\\ext', 'win32'), 'C:\\ext\\server\\corpus-lsp.exe');
  const r = resolveServer(
    lookup(['D:\\tools\\corpus-lsp.exe'], { platform: 'win32', extensionPath: 'C:\\ext', envPath: 'C:\\bin;D:\\tools' }),
  );
  assert.deepEqual(r, { ok: true, command: 'D:\\tools\\corpus-lsp.exe', source: 'path' });
});
