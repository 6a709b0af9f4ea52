// Settings sent to the server. Free of 'vscode' imports: unit-tested with node --test.

import * as path from 'node:path';
import { expandVariables, Variables } from './serverCommand';

/**
 * Resolves one `hanproof.dictionaries` entry: expands `~`, `${userHome}` and
 * `${workspaceFolder}`, and makes a relative path absolute against the
 * workspace folder. Returns undefined for entries that are not usable strings.
 */
export function resolveDictionaryPath(entry: unknown, variables: Variables = {}): string | undefined {
  if (typeof entry !== 'string' || entry.trim() === '') {
    return undefined;
  }
  const expanded = expandVariables(entry, variables);
  if (isAbsolute(expanded) || variables.workspaceFolder === undefined || variables.workspaceFolder === '') {
    return expanded;
  }
  const p = /^[A-Za-z]:[\\/]|\\/.test(variables.workspaceFolder) ? path.win32 : path.posix;
  return p.join(variables.workspaceFolder, expanded);
}

function isAbsolute(p: string): boolean {
  return path.posix.isAbsolute(p) || path.win32.isAbsolute(p);
}

/**
 * A copy of the `hanproof` settings section in which the dictionary paths are
 * absolute, so that the server never has to guess what they are relative to.
 * Anything that is not a plain object is returned unchanged.
 */
export function resolveSettingsPaths(section: unknown, variables: Variables = {}): unknown {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    return section;
  }
  const copy: Record<string, unknown> = { ...(section as Record<string, unknown>) };
  if (Array.isArray(copy.dictionaries)) {
    copy.dictionaries = copy.dictionaries
      .map((entry) => resolveDictionaryPath(entry, variables))
      .filter((entry): entry is string => entry !== undefined);
  }
  return copy;
}
