import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ARTICLE_FILTERS, articleFiltersFrom, corpusDocumentSelector } from '../documentSelector';

test('the default selector covers .txt and .md articles, corpus.toml and .ann files under each root only', () => {
  const selector = corpusDocumentSelector(['file:///ws/a', 'file:///ws/b'], DEFAULT_ARTICLE_FILTERS);
  assert.deepEqual(selector, [
    { scheme: 'file', language: 'plaintext', pattern: { baseUri: 'file:///ws/a', pattern: '**/*.txt' } },
    { scheme: 'file', language: 'markdown', pattern: { baseUri: 'file:///ws/a', pattern: '**/*.md' } },
    { scheme: 'file', pattern: { baseUri: 'file:///ws/a', pattern: 'corpus.toml' } },
    { scheme: 'file', pattern: { baseUri: 'file:///ws/a', pattern: '**/*.ann' } },
    { scheme: 'file', language: 'plaintext', pattern: { baseUri: 'file:///ws/b', pattern: '**/*.txt' } },
    { scheme: 'file', language: 'markdown', pattern: { baseUri: 'file:///ws/b', pattern: '**/*.md' } },
    { scheme: 'file', pattern: { baseUri: 'file:///ws/b', pattern: 'corpus.toml' } },
    { scheme: 'file', pattern: { baseUri: 'file:///ws/b', pattern: '**/*.ann' } },
  ]);
});

test('no corpus root means an empty selector: no document reaches the server', () => {
  assert.deepEqual(corpusDocumentSelector([], DEFAULT_ARTICLE_FILTERS), []);
});

test('article filters from settings: defaults, custom entries, invalid entries reported', () => {
  assert.deepEqual(articleFiltersFrom(undefined), { filters: DEFAULT_ARTICLE_FILTERS, problems: [] });
  assert.deepEqual(articleFiltersFrom([{ pattern: 'articles/**/*.text' }, { language: 'plaintext', pattern: '**/*.txt' }]), {
    filters: [{ pattern: 'articles/**/*.text' }, { language: 'plaintext', pattern: '**/*.txt' }],
    problems: [],
  });
  const bad = articleFiltersFrom([{ language: 'plaintext' }, 'x', { language: 3, pattern: '*.txt' }, { pattern: '*.md' }]);
  assert.deepEqual(bad.filters, [{ pattern: '*.md' }]);
  assert.equal(bad.problems.length, 3);
  assert.match(bad.problems[0], /documentSelector\[0\]/);
  const notAList = articleFiltersFrom({ pattern: '*.txt' });
  assert.deepEqual(notAList.filters, DEFAULT_ARTICLE_FILTERS);
  assert.equal(notAList.problems.length, 1);
});

test('custom article filters keep corpus.toml and the .ann files', () => {
  assert.deepEqual(corpusDocumentSelector(['file:///c'], [{ pattern: 'articles/**/*.text' }]), [
    { scheme: 'file', pattern: { baseUri: 'file:///c', pattern: 'articles/**/*.text' } },
    { scheme: 'file', pattern: { baseUri: 'file:///c', pattern: 'corpus.toml' } },
    { scheme: 'file', pattern: { baseUri: 'file:///c', pattern: '**/*.ann' } },
  ]);
  assert.deepEqual(corpusDocumentSelector(['file:///c'], []), [
    { scheme: 'file', pattern: { baseUri: 'file:///c', pattern: 'corpus.toml' } },
    { scheme: 'file', pattern: { baseUri: 'file:///c', pattern: '**/*.ann' } },
  ]);
});

test('custom filters without a language match any language', () => {
  assert.deepEqual(corpusDocumentSelector(['file:///c'], [{ pattern: '**/*.text' }])[0], {
    scheme: 'file',
    pattern: { baseUri: 'file:///c', pattern: '**/*.text' },
  });
});
