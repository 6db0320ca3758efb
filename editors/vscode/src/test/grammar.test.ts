import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.join(__dirname, '..', '..');
const seeds = path.join(root, '..', '..', 'seeds');
const grammarFiles: Record<string, string> = {
  'text.plain.corpus-article': 'corpus-article.tmLanguage.json',
  'text.html.markdown.corpus-dateline': 'corpus-dateline.markdown-injection.tmLanguage.json',
};

async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: (name) => {
      const file = grammarFiles[name];
      if (!file) {
        return Promise.resolve(null);
      }
      const text = fs.readFileSync(path.join(root, 'syntaxes', file), 'utf8');
      return Promise.resolve(textmate.parseRawGrammar(text, file));
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  return grammar;
}

/** For each line: the text of every token whose scopes include `scope`. */
function scoped(grammar: textmate.IGrammar, text: string, scope: string): string[][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .filter((t) => t.scopes.some((s) => s.startsWith(scope)))
      .map((t) => line.slice(t.startIndex, t.endIndex))
      .filter((s) => s.trim() !== '');
  });
}

const seed = (prefix: string) => {
  const name = fs.readdirSync(seeds).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} exists`);
  return fs.readFileSync(path.join(seeds, name), 'utf8');
};

test('000: the headline and the dateline are marked, the body is not', async () => {
  const grammar = await loadGrammar('text.plain.corpus-article');
  const text = seed('000');
  const headlines = scoped(grammar, text, 'markup.heading.headline');
  assert.deepEqual(headlines[0], ['BT on track to get southern Cerner trusts']);
  assert.ok(headlines.slice(1).every((l) => l.length === 0));
  const dates = scoped(grammar, text, 'string.other.date.dateline');
  assert.deepEqual(dates[2], ['15 July 2008']);
  assert.ok(dates.every((l, i) => i === 2 || l.length === 0), 'no date marked in the body');
  assert.deepEqual(scoped(grammar, text, 'punctuation.definition.list.begin')[2], ['•']);
});

test('002 (no headline, no dateline) and 003 (no dateline) get nothing wrong', async () => {
  const grammar = await loadGrammar('text.plain.corpus-article');
  const undated = seed('002');
  assert.ok(scoped(grammar, undated, 'markup.heading').every((l) => l.length === 0));
  assert.ok(scoped(grammar, undated, 'string.other.date').every((l) => l.length === 0));
  const noDateline = seed('003');
  const headlines = scoped(grammar, noDateline, 'markup.heading');
  assert.deepEqual(headlines[0], ['BT relief as NPfIT roll-outs in London due to resume']);
  // "Computer Weekly 11 February 2009" deep in the related links is not a dateline.
  assert.ok(scoped(grammar, noDateline, 'string.other.date').every((l) => l.length === 0));
});

test('dateline forms from the README are recognised right below a headline', async () => {
  const grammar = await loadGrammar('text.plain.corpus-article');
  const forms = [
    '15 July 2008',
    'July 15, 2008',
    '15/07/2008',
    '2008-07-15',
    'Published: 15 July 2008 10:32',
    'Tuesday 15 July 2008',
    'Last updated: 4 November 2008',
  ];
  for (const form of forms) {
    const lines = scoped(grammar, `A headline\n\n${form}\n\nBody text of the article.`, 'string.other.date.dateline');
    assert.equal(lines[2].join(''), form.replace(/^(Published|Last updated): /, ''), form);
  }
});

test('the head ends at the first sentence: later date lines are body text', async () => {
  const grammar = await loadGrammar('text.plain.corpus-article');
  const text = 'Headline\n\nThe body starts here.\n\n15 July 2008\n';
  assert.ok(scoped(grammar, text, 'string.other.date').every((l) => l.length === 0));
});

test('a TOML table header on the first line is not a headline', async () => {
  const grammar = await loadGrammar('text.plain.corpus-article');
  assert.deepEqual(scoped(grammar, '[corpus]\ninclude = ["**/*.txt"]', 'markup.heading'), [[], []]);
});

test('Markdown: a date-only line is a dateline, a date in a sentence is not', async () => {
  const grammar = await loadGrammar('text.html.markdown.corpus-dateline');
  const lines = scoped(grammar, '  • 15 July 2008\nOn 15 July 2008 BT said', 'string.other.date.dateline');
  assert.deepEqual(lines, [['15 July 2008'], []]);
});
