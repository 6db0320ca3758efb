import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { isWithin } from './corpusRoots';

/** Longest entity name taken from a selection. */
const MAX_NAME = 120;

// A word of a name: letters and digits with inner apostrophes, hyphens, dots and ampersands.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu;
// Small words that may join the capitalised words of one name: "Department of Health".
const JOINERS = new Set(['of', 'for', 'and', 'the', '&', 'de', 'du', 'la', 'von', 'van']);

function capitalised(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word);
}

/**
 * The entity named at `character` of `line`: the run of capitalised words around the word under
 * the cursor, joined by small words such as "of" ("Department of Health"), or the word itself
 * when it is not capitalised. `undefined` when the cursor is on no word.
 */
export function entityAt(line: string, character: number): string | undefined {
  const words = [...line.matchAll(WORD)].map((m) => {
    // Trailing dots, hyphens and possessives belong to the sentence, not the name.
    const text = m[0].replace(/['’]s$/u, '').replace(/['’.&-]+$/u, '');
    return { text, start: m.index ?? 0, end: (m.index ?? 0) + text.length };
  });
  const at = words.findIndex((w) => w.start <= character && character <= w.end);
  if (at < 0) {
    return undefined;
  }
  if (!capitalised(words[at].text)) {
    return JOINERS.has(words[at].text) ? undefined : words[at].text;
  }
  // Words next to each other: only spaces between them, or an ampersand ("Marks & Spencer").
  const adjacent = (a: number, b: number) =>
    /^[ \t\u00a0]+(&[ \t\u00a0]+)?$/u.test(line.slice(words[a].end, words[b].start));
  let first = at;
  let last = at;
  for (;;) {
    if (first > 0 && adjacent(first - 1, first) && capitalised(words[first - 1].text)) {
      first -= 1;
    } else if (
      first > 1 &&
      JOINERS.has(words[first - 1].text) &&
      adjacent(first - 2, first - 1) &&
      adjacent(first - 1, first) &&
      capitalised(words[first - 2].text)
    ) {
      first -= 2;
    } else {
      break;
    }
  }
  for (;;) {
    if (last + 1 < words.length && adjacent(last, last + 1) && capitalised(words[last + 1].text)) {
      last += 1;
    } else if (
      last + 2 < words.length &&
      JOINERS.has(words[last + 1].text) &&
      adjacent(last, last + 1) &&
      adjacent(last + 1, last + 2) &&
      capitalised(words[last + 2].text)
    ) {
      last += 2;
    } else {
      break;
    }
  }
  return line.slice(words[first].start, words[last].end);
}

/** A selection as an entity name: one line, trimmed; `undefined` when empty or too long. */
export function entityFromSelection(text: string): string | undefined {
  const name = text.replace(/\s+/gu, ' ').trim();
  return name === '' || name.length > MAX_NAME ? undefined : name;
}

/** A nonce for the page's Content Security Policy. */
export function newNonce(): string {
  return crypto.randomBytes(18).toString('base64');
}

/** The arguments of `corpus-lsp timeline` that print the page of `root` to stdout. */
export function timelineArgs(root: string, entity: string | undefined, nonce: string): string[] {
  const args = ['timeline', root, '--output', '-', '--nonce', nonce];
  if (entity !== undefined) {
    args.push('--entity', entity);
  }
  return args;
}

/** Whether the command failed because the corpus has no entity of that name. */
export function isUnknownEntity(stderr: string): boolean {
  return stderr.includes('no entity named');
}

/** Where a click in the page asks to go: an article of the corpus, and a 1-based line. */
export interface OpenRequest {
  path: string;
  line: number;
}

/**
 * The request in a message from the timeline page, or `undefined` when it is not one or names
 * a file outside `root` (the page only links to the corpus's articles).
 */
export function openRequest(message: unknown, root: string, pathApi: path.PlatformPath = path): OpenRequest | undefined {
  if (typeof message !== 'object' || message === null) {
    return undefined;
  }
  const { command, path: file, line } = message as Record<string, unknown>;
  if (command !== 'open' || typeof file !== 'string' || !pathApi.isAbsolute(file)) {
    return undefined;
  }
  const normalized = pathApi.normalize(file);
  if (!isWithin(normalized, root, pathApi) || normalized === pathApi.normalize(root)) {
    return undefined;
  }
  const n = typeof line === 'number' && Number.isInteger(line) && line >= 1 ? line : 1;
  return { path: normalized, line: n };
}
