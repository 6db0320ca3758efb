import type { DocumentSelector, TextDocumentFilter } from 'vscode-languageclient';
import { CORPUS_CONFIG } from './corpusRoots';

/** One entry of `corpusLsp.documentSelector`: a glob relative to each corpus root. */
export interface ArticleFilter {
  language?: string;
  pattern: string;
}

export const DEFAULT_ARTICLE_FILTERS: readonly ArticleFilter[] = [
  { language: 'plaintext', pattern: '**/*.txt' },
  { language: 'markdown', pattern: '**/*.md' },
];

/** Reads the setting, keeping valid entries and describing the rest. */
export function articleFiltersFrom(raw: unknown): { filters: ArticleFilter[]; problems: string[] } {
  if (raw === undefined || raw === null) {
    return { filters: [...DEFAULT_ARTICLE_FILTERS], problems: [] };
  }
  if (!Array.isArray(raw)) {
    return {
      filters: [...DEFAULT_ARTICLE_FILTERS],
      problems: ['corpusLsp.documentSelector must be a list; using the default'],
    };
  }
  const filters: ArticleFilter[] = [];
  const problems: string[] = [];
  raw.forEach((entry: unknown, i) => {
    const e = entry as { language?: unknown; pattern?: unknown } | null;
    if (!e || typeof e !== 'object' || typeof e.pattern !== 'string' || e.pattern.trim() === '') {
      problems.push(`corpusLsp.documentSelector[${i}] needs a "pattern" string; ignored`);
      return;
    }
    if (e.language !== undefined && typeof e.language !== 'string') {
      problems.push(`corpusLsp.documentSelector[${i}].language must be a string; ignored`);
      return;
    }
    filters.push(e.language ? { language: e.language, pattern: e.pattern } : { pattern: e.pattern });
  });
  return { filters, problems };
}

/** brat standoff annotation files, beside the articles they annotate. */
export const ANNOTATION_PATTERN = '**/*.ann';

/**
 * Filters for every article, the `corpus.toml` and the `.ann` files under each corpus root, so
 * that text files outside a corpus never reach the server. The server reads `corpus.toml` and
 * `.ann` files from the editor while they are open: curation actions and the offsets it moves
 * in a `.ann` are then computed against the editor's text. Roots are file URIs.
 */
export function corpusDocumentSelector(
  rootUris: readonly string[],
  filters: readonly ArticleFilter[],
): DocumentSelector {
  const selector: TextDocumentFilter[] = [];
  for (const baseUri of rootUris) {
    for (const f of filters) {
      const pattern = { baseUri, pattern: f.pattern };
      selector.push(f.language ? { scheme: 'file', language: f.language, pattern } : { scheme: 'file', pattern });
    }
    selector.push({ scheme: 'file', pattern: { baseUri, pattern: CORPUS_CONFIG } });
    selector.push({ scheme: 'file', pattern: { baseUri, pattern: ANNOTATION_PATTERN } });
  }
  return selector;
}
