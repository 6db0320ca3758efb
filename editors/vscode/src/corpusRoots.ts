import * as path from 'node:path';

/** The file that makes a folder a corpus root. */
export const CORPUS_CONFIG = 'corpus.toml';

/** Corpus roots for the given `corpus.toml` paths: their folders, deduplicated and sorted. */
export function corpusRootsOf(configPaths: readonly string[], pathApi: path.PlatformPath = path): string[] {
  const roots = new Set(configPaths.map((p) => pathApi.dirname(pathApi.normalize(p))));
  return [...roots].sort();
}

/** The nearest folder at or above `filePath` that holds a `corpus.toml`, as the server resolves it. */
export function enclosingCorpusRoot(
  filePath: string,
  hasConfig: (dir: string) => boolean,
  pathApi: path.PlatformPath = path,
): string | undefined {
  let dir = pathApi.dirname(pathApi.normalize(filePath));
  for (;;) {
    if (hasConfig(dir)) {
      return dir;
    }
    const parent = pathApi.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Whether `filePath` is `root` itself or lies below it. */
export function isWithin(filePath: string, root: string, pathApi: path.PlatformPath = path): boolean {
  const relative = pathApi.relative(root, filePath);
  return relative === '' || (!relative.startsWith('..') && !pathApi.isAbsolute(relative));
}

/** Whether two sorted lists of roots are the same. */
export function sameRoots(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((root, i) => root === b[i]);
}
