import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { entityAt, entityFromSelection, isUnknownEntity, newNonce, openRequest, timelineArgs } from '../timeline';

test('the entity at the cursor is the run of capitalised words around it', () => {
  const line = 'Orlop Minerals signed the contract with the Department of Health on 2 March.';
  assert.equal(entityAt(line, 0), 'Orlop Minerals');
  assert.equal(entityAt(line, 8), 'Orlop Minerals');
  assert.equal(entityAt(line, 14), 'Orlop Minerals');
  assert.equal(entityAt(line, line.indexOf('Health') + 2), 'Department of Health');
  assert.equal(entityAt(line, line.indexOf('Department')), 'Department of Health');
  // not a name: the word itself; a joiner alone or no word: nothing
  assert.equal(entityAt(line, line.indexOf('contract') + 1), 'contract');
  assert.equal(entityAt(line, line.indexOf(' of ') + 1), undefined);
  assert.equal(entityAt('   ', 1), undefined);
});

test('names stop at punctuation and possessives, and keep inner hyphens and ampersands', () => {
  assert.equal(entityAt('Kestrel Freight Ltd. said, Tomas Brill left.', 3), 'Kestrel Freight Ltd');
  assert.equal(entityAt('Kestrel Freight Ltd. said, Tomas Brill left.', 30), 'Tomas Brill');
  assert.equal(entityAt('Marks & Spencer, and AT&T.', 2), 'Marks & Spencer');
  assert.equal(entityAt('deal with AT&T.', 11), 'AT&T');
  assert.equal(entityAt('“Fujitsu’s contract”', 3), 'Fujitsu');
  assert.equal(entityAt('the Kestrel-Brill deal.', 6), 'Kestrel-Brill');
});

test('a selection is one trimmed line, within reason', () => {
  assert.equal(entityFromSelection('  Orlop\n  Minerals '), 'Orlop Minerals');
  assert.equal(entityFromSelection(' \n '), undefined);
  assert.equal(entityFromSelection('x'.repeat(500)), undefined);
});

test('the command line prints the page to stdout, with the entity when there is one', () => {
  assert.deepEqual(timelineArgs('/c', undefined, 'n0'), ['timeline', '/c', '--output', '-', '--nonce', 'n0']);
  assert.deepEqual(timelineArgs('/c', 'Orlop', 'n0'), [
    'timeline',
    '/c',
    '--output',
    '-',
    '--nonce',
    'n0',
    '--entity',
    'Orlop',
  ]);
  assert.ok(isUnknownEntity('corpus-lsp: no entity named ‘contract’ in the corpus\n'));
  assert.ok(!isUnknownEntity('corpus-lsp: /x: No such file or directory'));
});

test('nonces are fresh and fit a Content Security Policy', () => {
  const a = newNonce();
  assert.match(a, /^[A-Za-z0-9+/=]{24}$/);
  assert.notEqual(a, newNonce());
});

test('the page may only open articles of its corpus', () => {
  const root = '/ws/corpus';
  assert.deepEqual(openRequest({ command: 'open', path: '/ws/corpus/a.txt', line: 5 }, root, path.posix), {
    path: '/ws/corpus/a.txt',
    line: 5,
  });
  assert.deepEqual(openRequest({ command: 'open', path: '/ws/corpus/sub/b.txt', line: 0 }, root, path.posix), {
    path: '/ws/corpus/sub/b.txt',
    line: 1,
  });
  for (const bad of [
    null,
    'open',
    { command: 'run', path: '/ws/corpus/a.txt', line: 1 },
    { command: 'open', path: 'a.txt', line: 1 },
    { command: 'open', path: '/ws/corpus/../secret.txt', line: 1 },
    { command: 'open', path: '/ws/corpus-other/a.txt', line: 1 },
    { command: 'open', path: '/ws/corpus', line: 1 },
    { command: 'open', path: 42, line: 1 },
  ]) {
    assert.equal(openRequest(bad, root, path.posix), undefined, JSON.stringify(bad));
  }
});
