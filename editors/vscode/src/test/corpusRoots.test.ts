import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusRootsOf, enclosingCorpusRoot, isWithin, sameRoots } from '../corpusRoots';

test('corpus roots are the folders of corpus.toml files, once each, sorted', () => {
  assert.deepEqual(
    corpusRootsOf(['/ws/b/corpus.toml', '/ws/a/corpus.toml', '/ws/b/./corpus.toml', '/ws/a/sub/corpus.toml'], path.posix),
    ['/ws/a', '/ws/a/sub', '/ws/b'],
  );
  assert.deepEqual(corpusRootsOf([]), []);
});

test('the enclosing root is the nearest folder with a corpus.toml', () => {
  const withConfig = new Set(['/ws/corpus', '/ws/corpus/nested']);
  const has = (dir: string) => withConfig.has(dir);
  assert.equal(enclosingCorpusRoot('/ws/corpus/2008/a.txt', has, path.posix), '/ws/corpus');
  assert.equal(enclosingCorpusRoot('/ws/corpus/nested/a.txt', has, path.posix), '/ws/corpus/nested');
  assert.equal(enclosingCorpusRoot('/ws/corpus/a.txt', has, path.posix), '/ws/corpus');
  assert.equal(enclosingCorpusRoot('/ws/notes/a.txt', has, path.posix), undefined);
  assert.equal(enclosingCorpusRoot('/a.txt', has, path.posix), undefined);
});

test('enclosing root on Windows paths', () => {
  const has = (dir: string) => dir === 'C:\\corpus';
  assert.equal(enclosingCorpusRoot('C:\\corpus\\x\\a.txt', has, path.win32), 'C:\\corpus');
  assert.equal(enclosingCorpusRoot('D:\\a.txt', has, path.win32), undefined);
});

test('isWithin does not confuse sibling folders sharing a prefix', () => {
  assert.ok(isWithin('/ws/corpus/a.txt', '/ws/corpus', path.posix));
  assert.ok(isWithin('/ws/corpus', '/ws/corpus', path.posix));
  assert.ok(!isWithin('/ws/corpus-old/a.txt', '/ws/corpus', path.posix));
  assert.ok(!isWithin('/ws/a.txt', '/ws/corpus', path.posix));
});

test('sameRoots compares in order', () => {
  assert.ok(sameRoots(['/a', '/b'], ['/a', '/b']));
  assert.ok(!sameRoots(['/a'], ['/a', '/b']));
  assert.ok(!sameRoots(['/a', '/b'], ['/b', '/a']));
});
