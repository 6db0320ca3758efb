import type { Range, SymbolInformation, WorkspaceSymbol } from 'vscode-languageclient';

/** One corpus entity as offered in the quick pick; `range` is absent until resolved. */
export interface EntityPick {
  label: string;
  description: string;
  detail: string;
  uri: string;
  range?: Range;
  symbol: SymbolInformation | WorkspaceSymbol;
}

// LSP SymbolKind names, indexed by kind (1 = file).
const KIND_NAMES = [
  '',
  'file',
  'module',
  'namespace',
  'package',
  'class',
  'method',
  'property',
  'field',
  'constructor',
  'enum',
  'interface',
  'function',
  'variable',
  'constant',
  'string',
  'number',
  'boolean',
  'array',
  'object',
  'key',
  'null',
  'enumMember',
  'struct',
  'event',
  'operator',
  'typeParameter',
];

export function kindLabel(kind: number): string {
  return KIND_NAMES[kind] || 'symbol';
}

/**
 * Quick pick entries for a `workspace/symbol` answer, sorted by name then location.
 * `describeUri` turns a URI into something short, such as a workspace-relative path.
 */
export function entityPicks(
  result: readonly (SymbolInformation | WorkspaceSymbol)[] | null | undefined,
  describeUri: (uri: string) => string,
): EntityPick[] {
  const picks = (result ?? []).map((symbol): EntityPick => {
    const range = 'range' in symbol.location ? symbol.location.range : undefined;
    const where = describeUri(symbol.location.uri);
    // A containerName (such as the entity type) says more than the generic LSP kind.
    const kind = kindLabel(symbol.kind);
    return {
      label: symbol.name,
      description: symbol.containerName || kind,
      detail: range ? `${where}:${range.start.line + 1}` : where,
      uri: symbol.location.uri,
      range,
      symbol,
    };
  });
  return picks.sort(
    (a, b) =>
      a.label.localeCompare(b.label) ||
      a.uri.localeCompare(b.uri) ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0),
  );
}
