import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SymbolInformation, WorkspaceSymbol } from 'vscode-languageclient';
import { entityPicks, kindLabel } from '../entities';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 2 } });

test('no answer or an empty one gives no picks', () => {
  assert.deepEqual(entityPicks(null, (u) => u), []);
  assert.deepEqual(entityPicks(undefined, (u) => u), []);
  assert.deepEqual(entityPicks([], (u) => u), []);
});

test('picks are sorted by name and point at the mention', () => {
  const symbols: SymbolInformation[] = [
    { name: 'Fujitsu', kind: 5, location: { uri: 'file:///c/002.txt', range: range(0) }, containerName: 'organization' },
    { name: 'BT', kind: 5, location: { uri: 'file:///c/003.txt', range: range(4) } },
    { name: 'BT', kind: 5, location: { uri: 'file:///c/000.txt', range: range(0) } },
  ];
  const picks = entityPicks(symbols, (uri) => uri.replace('file:///c/', ''));
  assert.deepEqual(
    picks.map((p) => [p.label, p.description, p.detail]),
    [
      ['BT', 'class', '000.txt:1'],
      ['BT', 'class', '003.txt:5'],
      ['Fujitsu', 'organization', '002.txt:1'],
    ],
  );
  assert.deepEqual(picks[0].range, range(0));
});

test('workspace symbols without a range keep the file and resolve later', () => {
  const symbols: WorkspaceSymbol[] = [{ name: 'London', kind: 3, location: { uri: 'file:///c/004.txt' } }];
  const [pick] = entityPicks(symbols, (u) => u.slice(-7));
  assert.equal(pick.detail, '004.txt');
  assert.equal(pick.range, undefined);
  assert.equal(pick.description, 'namespace');
});

test('kind labels', () => {
  assert.equal(kindLabel(1), 'file');
  assert.equal(kindLabel(26), 'typeParameter');
  assert.equal(kindLabel(0), 'symbol');
  assert.equal(kindLabel(99), 'symbol');
});
