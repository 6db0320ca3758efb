import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ServerSettings, configurationValue, serverEnvFrom, serverSettingsFrom } from '../settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults when nothing is set', () => {
  assert.deepEqual(serverSettingsFrom(reader({})), {
    settings: { inlayHints: { enabled: true }, diagnostics: { severity: {} } },
    problems: [],
  });
});

test('inlay hints and the severity map pass through', () => {
  const { settings, problems } = serverSettingsFrom(
    reader({
      'inlayHints.enabled': false,
      'diagnostics.severity': { 'missing-dateline': 'off', 'config-error': 'warning' },
    }),
  );
  assert.deepEqual(settings, {
    inlayHints: { enabled: false },
    diagnostics: { severity: { 'missing-dateline': 'off', 'config-error': 'warning' } },
  });
  assert.deepEqual(problems, []);
});

test('invalid values are dropped and reported', () => {
  const { settings, problems } = serverSettingsFrom(
    reader({ 'inlayHints.enabled': 'yes', 'diagnostics.severity': { 'missing-dateline': 'loud', ok: 'hint' } }),
  );
  assert.deepEqual(settings, { inlayHints: { enabled: true }, diagnostics: { severity: { ok: 'hint' } } });
  assert.equal(problems.length, 2);
  assert.match(problems[1], /missing-dateline.*"loud"/);
  assert.equal(serverSettingsFrom(reader({ 'diagnostics.severity': ['off'] })).problems.length, 1);
});

test('workspace/configuration answers for our section and its parts only', () => {
  const settings: ServerSettings = {
    inlayHints: { enabled: false },
    diagnostics: { severity: { 'missing-dateline': 'hint' } },
  };
  assert.deepEqual(configurationValue('corpusLsp', settings), { value: settings });
  assert.deepEqual(configurationValue('corpusLsp.inlayHints', settings), { value: { enabled: false } });
  assert.deepEqual(configurationValue('corpusLsp.inlayHints.enabled', settings), { value: false });
  assert.deepEqual(configurationValue('corpusLsp.diagnostics.severity', settings), {
    value: { 'missing-dateline': 'hint' },
  });
  assert.deepEqual(configurationValue('corpusLsp.nothing.here', settings), { value: null });
  assert.equal(configurationValue('editor', settings), undefined);
  assert.equal(configurationValue('corpusLspOther', settings), undefined);
  assert.equal(configurationValue(undefined, settings), undefined);
});

test('extra environment keeps strings only', () => {
  assert.deepEqual(serverEnvFrom({ RUST_LOG: 'debug', N: 3 }), { RUST_LOG: 'debug' });
  assert.deepEqual(serverEnvFrom(['x']), {});
  assert.deepEqual(serverEnvFrom(undefined), {});
});
