// Resolution of the command line that starts `hanproof serve`.
//
// This module must not import 'vscode': it is unit-tested with node's built-in
// test runner outside of VS Code (see test/serverCommand.test.ts). Everything
// that touches the editor or the file system is injected.

import * as path from 'node:path';
import * as fs from 'node:fs';

export type CommandSource = 'setting' | 'path' | 'python-extension' | 'fallback';

export interface ServerCommand {
  /** Executable to spawn (no shell is involved). */
  command: string;
  /** Arguments passed to the executable. */
  args: string[];
  /** Where the command came from; used in messages and to decide on restarts. */
  source: CommandSource;
}

export interface Variables {
  userHome?: string;
  workspaceFolder?: string;
}

export interface ResolveOptions {
  /** Value of the `hanproof.server.command` setting. */
  configured?: readonly unknown[] | undefined;
  /** Looks an executable name up on PATH; returns its full path or undefined. */
  findOnPath: (name: string) => string | undefined;
  /**
   * Returns the command of the Python interpreter selected in the Python
   * extension (usually a single absolute path), or undefined when the extension
   * is not installed or has no interpreter. Only called when needed.
   */
  getPythonInterpreter?: () => Promise<readonly string[] | undefined>;
  /** process.platform; decides `python` vs `python3` for the last fallback. */
  platform?: NodeJS.Platform;
  /** Values for ~, ${userHome} and ${workspaceFolder} in the setting. */
  variables?: Variables;
}

export const SERVER_EXECUTABLE = 'hanproof';
export const SERVE_ARGS: readonly string[] = ['serve'];
export const MODULE_ARGS: readonly string[] = ['-m', 'hanproof', 'serve'];

/** Expands a leading `~`, `${userHome}` and `${workspaceFolder}` in one argument. */
export function expandVariables(arg: string, variables: Variables = {}): string {
  let out = arg;
  const home = variables.userHome;
  if (home !== undefined && home !== '') {
    if (out === '~') {
      out = home;
    } else if (out.startsWith('~/') || out.startsWith('~\\')) {
      out = home + out.slice(1);
    }
    out = out.split('${userHome}').join(home);
  }
  const folder = variables.workspaceFolder;
  if (folder !== undefined && folder !== '') {
    out = out.split('${workspaceFolder}').join(folder);
  }
  return out;
}

/** The configured command line, cleaned up; undefined when the setting is effectively empty. */
export function configuredCommand(
  configured: readonly unknown[] | undefined,
  variables: Variables = {},
): string[] | undefined {
  if (!Array.isArray(configured)) {
    return undefined;
  }
  const parts = configured
    .filter((p): p is string => typeof p === 'string')
    .map((p) => expandVariables(p, variables));
  if (parts.length === 0 || parts[0].trim() === '') {
    return undefined;
  }
  return parts;
}

function isHanproofExecutable(command: string): boolean {
  const base = path.basename(command.replace(/\\/g, '/')).toLowerCase();
  return base === SERVER_EXECUTABLE || base === `${SERVER_EXECUTABLE}.exe` || base === `${SERVER_EXECUTABLE}.cmd`;
}

/**
 * Decides how to start the server, in this order:
 *  1. the `hanproof.server.command` setting (a lone `hanproof` executable gets `serve` appended);
 *  2. `hanproof serve` when `hanproof` is on PATH;
 *  3. `<interpreter> -m hanproof serve` with the Python extension's selected interpreter;
 *  4. `python3 -m hanproof serve` (`python` on Windows).
 */
export async function resolveServerCommand(options: ResolveOptions): Promise<ServerCommand> {
  const configured = configuredCommand(options.configured, options.variables);
  if (configured !== undefined) {
    const [command, ...args] = configured;
    if (args.length === 0 && isHanproofExecutable(command)) {
      args.push(...SERVE_ARGS);
    }
    return { command, args, source: 'setting' };
  }

  const onPath = options.findOnPath(SERVER_EXECUTABLE);
  if (onPath !== undefined) {
    return { command: onPath, args: [...SERVE_ARGS], source: 'path' };
  }

  if (options.getPythonInterpreter !== undefined) {
    let interpreter: readonly string[] | undefined;
    try {
      interpreter = await options.getPythonInterpreter();
    } catch {
      interpreter = undefined;
    }
    const parts = (interpreter ?? []).filter((p) => typeof p === 'string' && p !== '');
    if (parts.length > 0) {
      const [command, ...args] = parts;
      return { command, args: [...args, ...MODULE_ARGS], source: 'python-extension' };
    }
  }

  const python = (options.platform ?? process.platform) === 'win32' ? 'python' : 'python3';
  return { command: python, args: [...MODULE_ARGS], source: 'fallback' };
}

export interface FindExecutableOptions {
  /** Value of PATH (defaults to process.env.PATH). */
  pathEnv?: string;
  /** Value of PATHEXT on Windows (defaults to process.env.PATHEXT). */
  pathExt?: string;
  platform?: NodeJS.Platform;
  /** Whether a candidate path is an executable file (injected for tests). */
  isExecutable?: (candidate: string) => boolean;
}

export function defaultIsExecutable(candidate: string): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(candidate, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Like `which`: the full path of `name` on PATH, or undefined. A name that
 * contains a path separator is checked as it is (relative to the cwd).
 */
export function findExecutable(name: string, options: FindExecutableOptions = {}): string | undefined {
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? defaultIsExecutable;
  const win = platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const extensions = win
    ? (options.pathExt ?? process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD')
        .split(';')
        .filter((e) => e !== '')
    : [];
  const candidatesFor = (base: string): string[] => {
    if (!win) {
      return [base];
    }
    const lower = base.toLowerCase();
    const hasExt = extensions.some((e) => lower.endsWith(e.toLowerCase()));
    return hasExt ? [base] : [base, ...extensions.map((e) => base + e.toLowerCase())];
  };

  if (name.includes('/') || (win && name.includes('\\'))) {
    return candidatesFor(name).find((c) => isExecutable(c));
  }
  const dirs = (options.pathEnv ?? process.env.PATH ?? '').split(win ? ';' : ':').filter((d) => d !== '');
  for (const dir of dirs) {
    for (const candidate of candidatesFor(p.join(dir, name))) {
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Quotes a command line for display (not for a shell). */
export function formatCommand(cmd: Pick<ServerCommand, 'command' | 'args'>): string {
  return [cmd.command, ...cmd.args].map((a) => (/[\s"']/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ');
}

/** The install command to suggest for a resolved server command. */
export function installHint(cmd: ServerCommand): string {
  if (cmd.source === 'python-extension' || cmd.source === 'fallback') {
    const python = /[\s"']/.test(cmd.command) ? JSON.stringify(cmd.command) : cmd.command;
    const prefix = cmd.args.slice(0, cmd.args.length - MODULE_ARGS.length);
    return [python, ...prefix, '-m', 'pip', 'install', 'hanproof'].join(' ');
  }
  return 'pip install hanproof';
}
