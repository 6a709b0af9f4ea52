// VS Code client for the hanproof language server (`hanproof serve`, stdio).
//
// The extension never downloads anything: it starts a server that the user
// installed with `pip install hanproof` (or configured in
// `hanproof.server.command`) and explains clearly what to do when that fails.

import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import {
  CancellationToken,
  CloseAction,
  CloseHandlerResult,
  ConfigurationParams,
  DidChangeWatchedFilesNotification,
  DocumentSelector,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  ExecuteCommandRequest,
  FileChangeType,
  LanguageClient,
  LanguageClientOptions,
  Message,
  ResponseError,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { CONFIG_FILE_GLOBS, LANGUAGE_IDS, SCHEMES } from './languages';
import { resolveDictionaryPath, resolveSettingsPaths } from './settings';
import {
  ServerCommand,
  defaultIsExecutable,
  findExecutable,
  formatCommand,
  installHint,
  MODULE_ARGS,
  resolveServerCommand,
} from './serverCommand';

const CLIENT_ID = 'hanproof';
const CLIENT_NAME = 'hanproof';
const SECTION = 'hanproof';
const SERVER_FIX_ALL_COMMAND = 'hanproof.fixAll';
const PYTHON_EXTENSION_ID = 'ms-python.python';
/** The server is not restarted any more after this many crashes within CRASH_WINDOW_MS. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

let output: RecordingOutputChannel;
let client: HanproofLanguageClient | undefined;
let currentCommand: ServerCommand | undefined;
let queue: Promise<void> = Promise.resolve();
let dictionaryWatchers: DictionaryWatchers | undefined;
let pythonListener: vscode.Disposable | undefined;
/** Watchers of hanproof.toml / pyproject.toml; vscode-languageclient does not dispose them. */
let configWatchers: vscode.FileSystemWatcher[] = [];

export const documentSelector: DocumentSelector = LANGUAGE_IDS.flatMap((language) =>
  SCHEMES.map((scheme) => ({ scheme, language })),
);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = new RecordingOutputChannel(vscode.window.createOutputChannel(CLIENT_NAME));
  dictionaryWatchers = new DictionaryWatchers();
  context.subscriptions.push(
    output,
    dictionaryWatchers,
    vscode.commands.registerCommand('hanproof.restartServer', () => restart('restart command')),
    vscode.commands.registerCommand('hanproof.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('hanproof.fixAllInDocument', fixAllInDocument),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server.command`)) {
        void restart('hanproof.server.command changed');
      } else if (event.affectsConfiguration(`${SECTION}.dictionaries`)) {
        dictionaryWatchers?.update();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => dictionaryWatchers?.update()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart('workspace trusted')),
    { dispose: () => pythonListener?.dispose() },
  );
  await enqueue(startClient);
}

export async function deactivate(): Promise<void> {
  await enqueue(stopClient);
}

/** Runs start/stop operations one after another. */
function enqueue(operation: () => Promise<void>): Promise<void> {
  queue = queue.then(operation).catch((error) => {
    output.appendLine(`[hanproof] ${errorText(error)}`);
  });
  return queue;
}

function restart(reason: string): Promise<void> {
  return enqueue(async () => {
    output.appendLine(`[hanproof] Restarting the server (${reason}).`);
    await stopClient();
    await startClient();
  });
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined) {
    try {
      await old.dispose();
    } catch (error) {
      output.appendLine(`[hanproof] Stopping the server failed: ${errorText(error)}`);
    }
  }
  disposeConfigWatchers();
}

function disposeConfigWatchers(): void {
  for (const watcher of configWatchers) {
    watcher.dispose();
  }
  configWatchers = [];
}

// ---------------------------------------------------------------------------
// Starting the server

async function startClient(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configuration = vscode.workspace.getConfiguration(SECTION, folder);
  const command = await resolveServerCommand({
    configured: configuration.get<unknown[]>('server.command', []),
    findOnPath: (name) => findExecutable(name),
    getPythonInterpreter: () => getPythonInterpreter(folder?.uri),
    platform: process.platform,
    variables: { userHome: os.homedir(), workspaceFolder: folder?.uri.fsPath },
  });
  currentCommand = command;
  output.appendLine(`[hanproof] Server command: ${formatCommand(command)} (${describeSource(command)})`);

  const problem = await preflight(command);
  if (problem !== undefined) {
    output.appendLine(`[hanproof] ${problem}`);
    void showStartError(command, problem);
    return;
  }

  const serverOptions: ServerOptions = {
    command: command.command,
    args: command.args,
    options: {
      cwd: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
      env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
    },
  };
  const crashes = new CrashTracker();
  disposeConfigWatchers();
  configWatchers = CONFIG_FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: configWatchers,
    },
    // Startup failures are reported once, by showStartError below.
    initializationFailedHandler: () => false,
    errorHandler: crashes.handler(),
    middleware: {
      workspace: {
        configuration: resolveConfigurationPaths,
      },
    },
  };

  const candidate = new HanproofLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  output.mark();
  try {
    await candidate.start();
    if (candidate.state !== State.Running) {
      throw new Error('the server stopped during startup');
    }
  } catch (error) {
    crashes.startSettled();
    // The process' exit is logged asynchronously; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const detail = startFailureDetail(error, output.recentServerLines());
    output.appendLine(`[hanproof] The server could not be started: ${detail}`);
    try {
      await candidate.dispose();
    } catch {
      // The client is already stopped.
    }
    disposeConfigWatchers();
    void showStartError(command, detail);
    return;
  }
  crashes.started = true;
  crashes.startSettled();
  candidate.startupDone = true;
  client = candidate;
  dictionaryWatchers?.update();
  output.appendLine('[hanproof] Server started.');
}

/** Variables for paths in settings, for the workspace folder of `resource` (or the first one). */
function pathVariables(resource: vscode.Uri | undefined): { userHome: string; workspaceFolder?: string } {
  const folder =
    (resource !== undefined ? vscode.workspace.getWorkspaceFolder(resource) : undefined) ??
    vscode.workspace.workspaceFolders?.[0];
  return {
    userHome: os.homedir(),
    workspaceFolder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
  };
}

/**
 * workspace/configuration middleware: dictionary paths in the `hanproof`
 * section are sent with ~, ${userHome} and ${workspaceFolder} expanded and
 * relative paths made absolute against the workspace folder.
 */
async function resolveConfigurationPaths(
  params: ConfigurationParams,
  token: CancellationToken,
  next: (params: ConfigurationParams, token: CancellationToken) => unknown,
): Promise<unknown[] | ResponseError<void>> {
  const result = await next(params, token);
  if (result instanceof ResponseError || !Array.isArray(result)) {
    return result as ResponseError<void>;
  }
  return result.map((value: unknown, index: number) => {
    const item = params.items[index];
    const scope = item?.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined;
    const variables = pathVariables(scope);
    if (item?.section === SECTION) {
      return resolveSettingsPaths(value, variables);
    }
    if ((item?.section === undefined || item.section === null) && value !== null && typeof value === 'object') {
      const all = value as Record<string, unknown>;
      return SECTION in all ? { ...all, [SECTION]: resolveSettingsPaths(all[SECTION], variables) } : value;
    }
    return value;
  });
}

function describeSource(command: ServerCommand): string {
  switch (command.source) {
    case 'setting':
      return 'from the setting hanproof.server.command';
    case 'path':
      return 'hanproof found on PATH';
    case 'python-extension':
      return 'interpreter selected in the Python extension';
    case 'fallback':
      return 'hanproof not on PATH; trying the default Python';
  }
}

/**
 * Cheap checks before the language client is created, so that the common
 * problems (nothing installed) get a precise message. Returns a problem
 * description, or undefined when the server may be started.
 */
async function preflight(command: ServerCommand): Promise<string | undefined> {
  const exe = command.command;
  const hasSeparator = exe.includes('/') || (process.platform === 'win32' && exe.includes('\\'));
  const found = hasSeparator ? findExecutable(exe) ?? (defaultIsExecutable(exe) ? exe : undefined) : findExecutable(exe);
  if (found === undefined) {
    return command.source === 'setting'
      ? `the executable "${exe}" from hanproof.server.command was not found`
      : `neither "hanproof" nor "${exe}" was found on PATH`;
  }
  if (command.source === 'python-extension' || command.source === 'fallback') {
    const prefix = command.args.slice(0, command.args.length - MODULE_ARGS.length);
    const installed = await pythonHasModule(exe, prefix, 'hanproof');
    if (installed === false) {
      return `the Python module "hanproof" is not installed for ${formatCommand({ command: exe, args: prefix })}`;
    }
  }
  return undefined;
}

/** true/false when Python answered; undefined when the check itself failed (then just try). */
function pythonHasModule(python: string, prefix: string[], module: string): Promise<boolean | undefined> {
  const code = `import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(${JSON.stringify(module)}) else 3)`;
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: boolean | undefined) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    try {
      const child = spawn(python, [...prefix, '-c', code], { stdio: 'ignore', windowsHide: true });
      const timer = setTimeout(() => {
        child.kill();
        done(undefined);
      }, 15000);
      child.on('error', () => {
        clearTimeout(timer);
        done(undefined);
      });
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        done(exitCode === 0 ? true : exitCode === 3 ? false : undefined);
      });
    } catch {
      done(undefined);
    }
  });
}

function startFailureDetail(error: unknown, serverLines: string[]): string {
  const text = errorText(error);
  if (/ENOENT/.test(text)) {
    return 'the executable was not found';
  }
  if (/EACCES/.test(text)) {
    return 'the executable is not executable (permission denied)';
  }
  const last = serverLines.length > 0 ? serverLines[serverLines.length - 1] : undefined;
  const exited = output.lastExitMessage();
  if (exited !== undefined || last !== undefined) {
    return [exited ?? 'the server stopped during startup', last].filter((s) => s !== undefined).join(': ');
  }
  return text;
}

async function showStartError(command: ServerCommand, detail: string): Promise<void> {
  const hint = installHint(command);
  const forInterpreter = hint === 'pip install hanproof' ? '' : ` (for this interpreter: "${hint}")`;
  const message =
    `hanproof: the language server could not be started — ${detail}. ` +
    `Install it with "pip install hanproof"${forInterpreter}, ` +
    `or set "hanproof.server.command" to a command that runs "hanproof serve".`;
  output.appendLine(`[hanproof] Tried: ${formatCommand(command)}`);
  const openSettings = 'Open Settings';
  const showOutput = 'Show Output';
  const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.command`);
  } else if (choice === showOutput) {
    output.show(true);
  }
}

class HanproofLanguageClient extends LanguageClient {
  /** Set once start() succeeded; until then failures are reported by showStartError. */
  startupDone = false;

  // The base class forces a second, less helpful notification when the
  // connection cannot be created; keep the log line but not the pop-up.
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.startupDone ? showNotification : false);
  }

  // After a failed initialize the base class calls `void this.stop()` on a
  // client that is not running, which rejects; keep that out of the
  // extension host's unhandled-rejection log.
  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } catch (error) {
      if (this.startupDone) {
        throw error;
      }
    }
  }
}

/** Restarts a crashed server, but not forever; never restarts during startup. */
class CrashTracker {
  started = false;
  private readonly times: number[] = [];
  private settle: () => void = () => undefined;
  /** Resolves once the first start() of the client has succeeded or failed. */
  private readonly settled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  startSettled(): void {
    this.settle();
  }

  handler(): ErrorHandler {
    return {
      // A write to a server that has just exited fails ("Cannot call write after a stream
      // was destroyed"). `closed` below is the one place that decides about an exit
      // (restart, or give up after MAX_CRASHES with a message that offers the output):
      // shutting down here instead raced it and showed the user a generic notification.
      // These errors go to the output channel only.
      error: (error: Error, _message: Message | undefined, _count: number | undefined): ErrorHandlerResult => ({
        action: ErrorAction.Continue,
        message: `hanproof: connection to the server failed: ${error.message}`,
        handled: true,
      }),
      closed: async (): Promise<CloseHandlerResult> => {
        if (!this.started) {
          // The server stopped during startup. Answer only after start() has
          // failed: answering earlier makes vscode-languageclient 9 resolve
          // start() as if it had succeeded (and drop its rejection).
          await Promise.race([this.settled, new Promise((resolve) => setTimeout(resolve, 5000))]);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const now = Date.now();
        this.times.push(now);
        while (this.times.length > 0 && now - this.times[0] > CRASH_WINDOW_MS) {
          this.times.shift();
        }
        if (this.times.length >= MAX_CRASHES) {
          void showCrashError();
          return {
            action: CloseAction.DoNotRestart,
            message: `The hanproof server stopped ${MAX_CRASHES} times within 3 minutes and will not be restarted.`,
            handled: true,
          };
        }
        return { action: CloseAction.Restart, message: 'The hanproof server stopped; restarting it.', handled: true };
      },
    };
  }
}

async function showCrashError(): Promise<void> {
  const showOutput = 'Show Output';
  const restartLabel = 'Restart';
  const choice = await vscode.window.showErrorMessage(
    `hanproof: the language server stopped ${MAX_CRASHES} times within 3 minutes and was not restarted. ` +
      'The Output channel "hanproof" shows its error output.',
    showOutput,
    restartLabel,
  );
  if (choice === showOutput) {
    output.show(true);
  } else if (choice === restartLabel) {
    await restart('after crashes');
  }
}

// ---------------------------------------------------------------------------
// Python extension (optional)

interface PythonEnvironmentPath {
  readonly id: string;
  readonly path: string;
}

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): PythonEnvironmentPath;
    resolveEnvironment(
      environment: PythonEnvironmentPath | string,
    ): Promise<{ readonly executable: { readonly uri: vscode.Uri | undefined } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  settings?: {
    getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined };
  };
}

async function getPythonInterpreter(resource: vscode.Uri | undefined): Promise<string[] | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
  if (extension === undefined) {
    return undefined;
  }
  const api = await withTimeout(extension.isActive ? Promise.resolve(extension.exports) : extension.activate(), 20000);
  if (api === undefined) {
    return undefined;
  }
  watchPythonEnvironment(api);
  const environments = api.environments;
  if (environments !== undefined) {
    const active = environments.getActiveEnvironmentPath(resource);
    const resolved = await environments.resolveEnvironment(active);
    const executable = resolved?.executable.uri?.fsPath;
    if (executable !== undefined && executable !== '') {
      return [executable];
    }
  }
  // Older versions of the Python extension.
  const execCommand = api.settings?.getExecutionDetails(resource).execCommand;
  return execCommand !== undefined && execCommand.length > 0 ? execCommand : undefined;
}

function watchPythonEnvironment(api: PythonExtensionApi): void {
  const event = api.environments?.onDidChangeActiveEnvironmentPath;
  if (pythonListener !== undefined || event === undefined) {
    return;
  }
  pythonListener = event(() => {
    // Only a server found through Python depends on the selected interpreter.
    if (currentCommand?.source === 'python-extension' || currentCommand?.source === 'fallback') {
      void restart('Python interpreter changed');
    }
  });
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

// ---------------------------------------------------------------------------
// Commands

async function fixAllInDocument(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('hanproof: open a document to fix first.');
    return;
  }
  const document = editor.document;
  if (vscode.languages.match(documentSelector, document) === 0) {
    void vscode.window.showInformationMessage(
      `hanproof: documents of language "${document.languageId}" are not checked.`,
    );
    return;
  }
  await queue;
  const running = client;
  if (running === undefined || running.state !== State.Running) {
    const restartLabel = 'Restart Server';
    const choice = await vscode.window.showWarningMessage('hanproof: the language server is not running.', restartLabel);
    if (choice === restartLabel) {
      await restart('fix all requested');
    }
    return;
  }
  try {
    await running.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_FIX_ALL_COMMAND,
      arguments: [{ uri: running.code2ProtocolConverter.asUri(document.uri) }],
    });
  } catch (error) {
    output.appendLine(`[hanproof] ${SERVER_FIX_ALL_COMMAND} failed: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`hanproof: fixing the document failed: ${errorText(error)}`);
  }
}

// ---------------------------------------------------------------------------
// Dictionary files: changes are forwarded as workspace/didChangeWatchedFiles.

class DictionaryWatchers implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];

  update(): void {
    this.clear();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const patterns: vscode.RelativePattern[] = [];
    const seen = new Set<string>();
    const add = (file: string) => {
      if (!seen.has(file)) {
        seen.add(file);
        patterns.push(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      }
    };
    const scopes: (vscode.WorkspaceFolder | undefined)[] = folders.length > 0 ? [...folders] : [undefined];
    for (const folder of scopes) {
      const entries = vscode.workspace.getConfiguration(SECTION, folder).get<unknown[]>('dictionaries', []);
      const variables = pathVariables(folder?.uri);
      for (const entry of Array.isArray(entries) ? entries : []) {
        const file = resolveDictionaryPath(entry, variables);
        if (file !== undefined && path.isAbsolute(file)) {
          add(file);
        }
      }
    }
    for (const pattern of patterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const forward = (type: FileChangeType) => (uri: vscode.Uri) => {
        const running = client;
        if (running !== undefined && running.state === State.Running) {
          void running.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: running.code2ProtocolConverter.asUri(uri), type }],
          });
        }
      };
      this.watchers.push(
        watcher,
        watcher.onDidCreate(forward(FileChangeType.Created)),
        watcher.onDidChange(forward(FileChangeType.Changed)),
        watcher.onDidDelete(forward(FileChangeType.Deleted)),
      );
    }
  }

  private clear(): void {
    for (const watcher of this.watchers) {
      watcher.dispose();
    }
    this.watchers = [];
  }

  dispose(): void {
    this.clear();
  }
}

// ---------------------------------------------------------------------------
// Output channel that remembers the server's last lines for error messages.

class RecordingOutputChannel implements vscode.OutputChannel {
  // vscode-languageclient writes the server's stderr with append() and its own
  // log messages with appendLine(); the two are recorded separately.
  private serverText = '';
  private logLines: string[] = [];

  constructor(private readonly channel: vscode.OutputChannel) {}

  get name(): string {
    return this.channel.name;
  }

  /** Forget what was recorded so far (called before each start). */
  mark(): void {
    this.serverText = '';
    this.logLines = [];
  }

  /** Non-empty lines the server process wrote to stderr since mark(). */
  recentServerLines(): string[] {
    return this.serverText
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== '');
  }

  /** "Server process exited with code N" as logged by the language client, if seen. */
  lastExitMessage(): string | undefined {
    const match = [...this.logLines]
      .reverse()
      .map((line) => /Server process exited with (code|signal) (\S+?)\.?$/.exec(line))
      .find((m) => m !== null);
    return match ? `the server exited with ${match[1]} ${match[2]} during startup` : undefined;
  }

  append(value: string): void {
    this.serverText = (this.serverText + value).slice(-8000);
    this.channel.append(value);
  }

  appendLine(value: string): void {
    this.logLines.push(value);
    if (this.logLines.length > 200) {
      this.logLines.splice(0, this.logLines.length - 200);
    }
    this.channel.appendLine(value);
  }

  replace(value: string): void {
    this.channel.replace(value);
  }

  clear(): void {
    this.channel.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) {
      this.channel.show(columnOrPreserveFocus);
    } else {
      this.channel.show(columnOrPreserveFocus, preserveFocus);
    }
  }

  hide(): void {
    this.channel.hide();
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : JSON.stringify(error);
}
