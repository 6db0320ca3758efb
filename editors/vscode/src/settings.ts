/** What the server reads from the `corpusLsp` configuration section. */
export interface ServerSettings {
  inlayHints: { enabled: boolean };
  diagnostics: { severity: Record<string, Severity> };
}

export const SEVERITIES = ['off', 'error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SECTION = 'corpusLsp';

/** Settings that change how the server is started or which files it sees: these restart it. */
export const RESTART_SETTINGS = [
  'corpusLsp.server.path',
  'corpusLsp.server.extraEnv',
  'corpusLsp.documentSelector',
] as const;

/** Reads settings by key relative to `corpusLsp` (like `WorkspaceConfiguration.get`). */
export type SettingReader = (key: string) => unknown;

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** The settings sent to the server; invalid values are dropped and described. */
export function serverSettingsFrom(read: SettingReader): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const enabled = read('inlayHints.enabled');
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    problems.push('corpusLsp.inlayHints.enabled must be true or false; using true');
  }
  const severity: Record<string, Severity> = {};
  const rawSeverity = read('diagnostics.severity');
  if (rawSeverity !== undefined && rawSeverity !== null) {
    if (typeof rawSeverity !== 'object' || Array.isArray(rawSeverity)) {
      problems.push('corpusLsp.diagnostics.severity must map diagnostic codes to severities');
    } else {
      for (const [code, level] of Object.entries(rawSeverity)) {
        if (isSeverity(level)) {
          severity[code] = level;
        } else {
          problems.push(
            `corpusLsp.diagnostics.severity["${code}"] is ${JSON.stringify(level)}, ` +
              `not one of ${SEVERITIES.join(', ')}; ignored`,
          );
        }
      }
    }
  }
  return {
    settings: { inlayHints: { enabled: typeof enabled === 'boolean' ? enabled : true }, diagnostics: { severity } },
    problems,
  };
}

/**
 * The answer to one `workspace/configuration` item: `corpusLsp` gives all server settings,
 * `corpusLsp.inlayHints` a part of them. Other sections are not ours (undefined).
 */
export function configurationValue(section: string | undefined, settings: ServerSettings): { value: unknown } | undefined {
  if (section === SECTION) {
    return { value: settings };
  }
  if (section === undefined || !section.startsWith(`${SECTION}.`)) {
    return undefined;
  }
  let value: unknown = settings;
  for (const key of section.slice(SECTION.length + 1).split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return { value: value ?? null };
}

/** The extra environment for the server, keeping string values only. */
export function serverEnvFrom(raw: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value === 'string') {
        env[name] = value;
      }
    }
  }
  return env;
}
