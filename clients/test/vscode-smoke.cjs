// Smoke test of the bundled VS Code extension (clients/vscode/dist/extension.js)
// without VS Code: the 'vscode' module is replaced by a small stand-in, and the
// language server by clients/test/fake_lsp_server.py.
//
// Usage: node clients/test/vscode-smoke.cjs            (runs every scenario)
//        node clients/test/vscode-smoke.cjs SCENARIO   (one scenario, used internally)
//
// Scenarios:
//   missing-setting   hanproof.server.command points at a missing file -> one error
//                     message naming "pip install hanproof" and the setting, with an
//                     "Open Settings" button that opens hanproof.server.command
//   not-installed     no hanproof on PATH, python3 without the module -> one error
//                     message with "python3 -m pip install hanproof"
//   crash             the server exits at startup -> one error message with its exit
//                     code and its last line of error output
//   crash-loop        the server starts but keeps exiting -> it is restarted, and
//                     after 5 exits within 3 minutes one error message, no restart
//   python-extension  no hanproof on PATH; the interpreter selected in the Python
//                     extension has the module -> `<python> -m hanproof serve` starts,
//                     and a change of interpreter restarts the server
//   running           hanproof on PATH -> the client starts, the server receives the
//                     settings (dictionary paths made absolute) and didOpen, and
//                     "Fix All" sends hanproof.fixAll {uri}
//   real-server       the REAL server (<repo>/.venv/bin/python -m hanproof serve, from
//                     hanproof.server.command; fails when that venv is missing) checks an
//                     open Markdown document: its diagnostics reach the diagnostic
//                     collection (spelling.myeochil at 2:0-2:2 and spelling.lge), the
//                     client's code action provider returns a preferred quick fix that
//                     replaces 몇일 with 며칠, and after deactivate the server exits with 0  hanproof: ignore
'use strict';

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const here = __dirname;
const extensionMain = path.resolve(here, '..', 'vscode', 'dist', 'extension.js');
const fakeServer = path.join(here, 'fake_lsp_server.py');
const SCENARIOS = ['missing-setting', 'not-installed', 'crash', 'crash-loop', 'python-extension', 'running', 'real-server'];
// The project's virtual environment, with hanproof installed (editable), for 'real-server'.
const repoRoot = path.resolve(here, '..', '..');
const venvPython =
  process.platform === 'win32'
    ? path.join(repoRoot, '.venv', 'Scripts', 'python.exe')
    : path.join(repoRoot, '.venv', 'bin', 'python');

// ---------------------------------------------------------------------------
// A stand-in for the 'vscode' module: explicit implementations for what the
// extension and vscode-languageclient actually use here, and an inert
// auto-stub (callable, constructible, every property defined) for the rest.

function autoStub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, p) {
      if (p === 'then' || typeof p === 'symbol') {
        return p === Symbol.iterator ? function* () {} : undefined;
      }
      if (p === 'toString') {
        return () => name;
      }
      if (!(p in t)) {
        t[p] = autoStub(`${name}.${String(p)}`);
      }
      return t[p];
    },
    apply() {
      return autoStub(`${name}()`);
    },
    construct() {
      return autoStub(`new ${name}`);
    },
  });
}

function withFallback(name, impl) {
  const fallback = autoStub(name);
  return new Proxy(impl, {
    get(t, p) {
      return p in t ? t[p] : fallback[p];
    },
  });
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.authority = '';
    this.query = '';
    this.fragment = '';
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(s) {
    const scheme = /^([a-zA-Z][\w+.-]*):/.exec(s);
    if (scheme !== null && scheme[1] !== 'file') {
      const uri = new Uri(scheme[1], s);
      uri.raw = s;
      return uri;
    }
    return new Uri('file', decodeURIComponent(s.replace(/^file:\/\//, '')));
  }
  toString() {
    return this.raw ?? `file://${encodeURI(this.fsPath)}`;
  }
  with() {
    return this;
  }
  toJSON() {
    return { scheme: this.scheme, path: this.path };
  }
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && typeof d.dispose === 'function' && d.dispose()));
  }
  dispose() {
    if (typeof this.fn === 'function') {
      this.fn();
    }
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return new Disposable(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      });
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) {
      l(value);
    }
  }
  dispose() {
    this.listeners = [];
  }
}

const noEvent = () => new Disposable();

// Value types that vscode-languageclient converts diagnostics and code actions
// to and from (it subclasses Diagnostic and CodeAction when it is loaded).

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };
const CodeActionTriggerKind = { Invoke: 1, Automatic: 2 };

class Diagnostic {
  constructor(range, message, severity = DiagnosticSeverity.Error) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, newText) {
    return new TextEdit(range, newText);
  }
}

class WorkspaceEdit {
  constructor() {
    this.byUri = new Map();
    this.fileOperations = [];
  }
  edits(uri) {
    const key = uri.toString();
    if (!this.byUri.has(key)) {
      this.byUri.set(key, [uri, []]);
    }
    return this.byUri.get(key)[1];
  }
  replace(uri, range, newText) {
    this.edits(uri).push(new TextEdit(range, newText));
  }
  insert(uri, position, newText) {
    this.replace(uri, new Range(position, position), newText);
  }
  delete(uri, range) {
    this.replace(uri, range, '');
  }
  set(uri, edits) {
    this.byUri.set(uri.toString(), [uri, [...(edits ?? [])]]);
  }
  get(uri) {
    return this.byUri.get(uri.toString())?.[1] ?? [];
  }
  has(uri) {
    return this.byUri.has(uri.toString());
  }
  entries() {
    return [...this.byUri.values()];
  }
  get size() {
    return this.byUri.size;
  }
  createFile(uri, options) {
    this.fileOperations.push(['create', uri, options]);
  }
  renameFile(oldUri, newUri, options) {
    this.fileOperations.push(['rename', oldUri, newUri, options]);
  }
  deleteFile(uri, options) {
    this.fileOperations.push(['delete', uri, options]);
  }
}

class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value === '' ? part : `${this.value}.${part}`);
  }
  contains(other) {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = CodeActionKind.Empty.append('quickfix');
CodeActionKind.Refactor = CodeActionKind.Empty.append('refactor');
CodeActionKind.RefactorExtract = CodeActionKind.Refactor.append('extract');
CodeActionKind.RefactorInline = CodeActionKind.Refactor.append('inline');
CodeActionKind.RefactorMove = CodeActionKind.Refactor.append('move');
CodeActionKind.RefactorRewrite = CodeActionKind.Refactor.append('rewrite');
CodeActionKind.Source = CodeActionKind.Empty.append('source');
CodeActionKind.SourceOrganizeImports = CodeActionKind.Source.append('organizeImports');
CodeActionKind.SourceFixAll = CodeActionKind.Source.append('fixAll');

class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.emitter = emitter;
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
  }
  cancel() {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.emitter.fire(undefined);
    }
  }
  dispose() {
    this.emitter.dispose();
  }
}

class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

class TabInputText {
  constructor(uri) {
    this.uri = uri;
  }
}

/** A DiagnosticCollection that keeps what vscode-languageclient sets in it. */
function makeDiagnosticCollection(name) {
  const entries = new Map(); // uri string -> [uri, diagnostics]
  return withFallback('DiagnosticCollection', {
    name,
    set: (uriOrEntries, diagnostics) => {
      if (Array.isArray(uriOrEntries)) {
        for (const [uri] of uriOrEntries) {
          entries.delete(uri.toString());
        }
        for (const [uri, list] of uriOrEntries) {
          if (list === undefined || list === null) {
            entries.delete(uri.toString());
          } else {
            const old = entries.get(uri.toString())?.[1] ?? [];
            entries.set(uri.toString(), [uri, [...old, ...list]]);
          }
        }
      } else if (diagnostics === undefined || diagnostics === null) {
        entries.delete(uriOrEntries.toString());
      } else {
        entries.set(uriOrEntries.toString(), [uriOrEntries, [...diagnostics]]);
      }
    },
    get: (uri) => entries.get(uri.toString())?.[1],
    has: (uri) => entries.has(uri.toString()),
    forEach: (callback) => entries.forEach(([uri, list]) => callback(uri, list)),
    delete: (uri) => entries.delete(uri.toString()),
    clear: () => entries.clear(),
    dispose: () => entries.clear(),
  });
}

function makeVscode(state) {
  const settings = state.settings;
  const configuration = (section) => {
    const lookup = (key) => {
      const full = section ? `${section}.${key}` : key;
      if (full in settings) {
        return settings[full];
      }
      // A whole section, e.g. get('hanproof') -> { select: [...], server: { command: [...] } }
      const prefix = `${full}.`;
      const keys = Object.keys(settings).filter((k) => k.startsWith(prefix));
      if (keys.length === 0) {
        return undefined;
      }
      const out = {};
      for (const k of keys) {
        const parts = k.slice(prefix.length).split('.');
        let node = out;
        for (const part of parts.slice(0, -1)) {
          node = node[part] = node[part] ?? {};
        }
        node[parts[parts.length - 1]] = settings[k];
      }
      return out;
    };
    return {
      get: (key, dflt) => {
        const v = lookup(key);
        return v === undefined ? dflt : v;
      },
      has: (key) => lookup(key) !== undefined,
      inspect: () => undefined,
      update: async () => undefined,
    };
  };

  const folderUri = Uri.file(state.folder);
  const fileName = path.join(state.folder, state.documentName ?? 'README.md');
  const text = state.documentText ?? '그는 할수 있다.\n';
  const document = {
    uri: Uri.file(fileName),
    fileName,
    languageId: 'markdown',
    version: 1,
    isClosed: false,
    isUntitled: false,
    isDirty: false,
    lineCount: state.documentText === undefined ? 1 : text.split('\n').length,
    eol: 1,
    getText: () => text,
  };
  state.document = document;
  state.diagnosticCollections = [];
  state.codeActionProviders = [];
  // Open editor tabs (the client pulls diagnostics only for documents shown in a tab).
  const tabs = state.documentInTab ? [{ input: new TabInputText(document.uri), isActive: true }] : [];

  const output = { text: '' };
  state.output = output;

  return withFallback('vscode', {
    Uri,
    Disposable,
    EventEmitter,
    Position,
    Range,
    Diagnostic,
    DiagnosticSeverity,
    DiagnosticTag,
    TextEdit,
    WorkspaceEdit,
    CodeAction,
    CodeActionKind,
    CodeActionTriggerKind,
    CancellationTokenSource,
    CancellationError,
    TabInputText,
    RelativePattern: class RelativePattern {
      constructor(base, pattern) {
        this.base = base;
        this.pattern = pattern;
      }
    },
    version: '1.82.0',
    env: withFallback('vscode.env', { appName: 'stub', language: 'en', machineId: 'stub', sessionId: 'stub' }),
    window: withFallback('vscode.window', {
      activeTextEditor: { document },
      visibleTextEditors: [],
      createOutputChannel: (name) =>
        withFallback('OutputChannel', {
          name,
          append: (s) => (output.text += s),
          appendLine: (s) => (output.text += `${s}\n`),
          replace: (s) => (output.text = s),
          clear: () => (output.text = ''),
          show: () => state.events.push(['showOutput']),
          hide: () => undefined,
          dispose: () => undefined,
        }),
      showErrorMessage: async (message, ...items) => {
        state.events.push(['error', message, items]);
        return state.answer !== undefined && items.includes(state.answer) ? state.answer : undefined;
      },
      showWarningMessage: async (message, ...items) => {
        state.events.push(['warning', message, items]);
        return undefined;
      },
      showInformationMessage: async (message, ...items) => {
        state.events.push(['info', message, items]);
        return undefined;
      },
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeVisibleTextEditors: noEvent,
      onDidChangeTextEditorSelection: noEvent,
      onDidChangeActiveNotebookEditor: noEvent,
      tabGroups: withFallback('tabGroups', {
        all: tabs.length > 0 ? [{ tabs, isActive: true, activeTab: tabs[0] }] : [],
        onDidChangeTabs: noEvent,
      }),
    }),
    workspace: withFallback('vscode.workspace', {
      workspaceFolders: [{ uri: folderUri, name: path.basename(state.folder), index: 0 }],
      textDocuments: [document],
      notebookDocuments: [],
      isTrusted: true,
      getConfiguration: (section) => configuration(section),
      getWorkspaceFolder: () => ({ uri: folderUri, name: path.basename(state.folder), index: 0 }),
      createFileSystemWatcher: () =>
        withFallback('FileSystemWatcher', {
          onDidCreate: noEvent,
          onDidChange: noEvent,
          onDidDelete: noEvent,
          dispose: () => undefined,
        }),
      onDidChangeConfiguration: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidGrantWorkspaceTrust: noEvent,
      onDidOpenTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      onWillSaveTextDocument: noEvent,
      onDidCreateFiles: noEvent,
      onDidRenameFiles: noEvent,
      onDidDeleteFiles: noEvent,
      onWillCreateFiles: noEvent,
      onWillRenameFiles: noEvent,
      onWillDeleteFiles: noEvent,
      onDidOpenNotebookDocument: noEvent,
      onDidCloseNotebookDocument: noEvent,
      onDidChangeNotebookDocument: noEvent,
      onDidSaveNotebookDocument: noEvent,
      applyEdit: async () => true,
    }),
    languages: withFallback('vscode.languages', {
      match: (selector, doc) => {
        const list = Array.isArray(selector) ? selector : [selector];
        return list.some((f) => (typeof f === 'string' ? f === doc.languageId : f.language === doc.languageId && (!f.scheme || f.scheme === doc.uri.scheme)))
          ? 10
          : 0;
      },
      createDiagnosticCollection: (name) => {
        const collection = makeDiagnosticCollection(name);
        state.diagnosticCollections.push(collection);
        return collection;
      },
      registerCodeActionsProvider: (selector, provider, metadata) => {
        const entry = { selector, provider, metadata };
        state.codeActionProviders.push(entry);
        return new Disposable(() => {
          state.codeActionProviders = state.codeActionProviders.filter((e) => e !== entry);
        });
      },
    }),
    extensions: withFallback('vscode.extensions', {
      getExtension: (id) =>
        id === 'ms-python.python' && state.pythonApi !== undefined
          ? { id, isActive: false, exports: undefined, activate: async () => state.pythonApi }
          : undefined,
      all: [],
    }),
    commands: withFallback('vscode.commands', {
      registerCommand: (id, fn) => {
        state.commands[id] = fn;
        return new Disposable(() => delete state.commands[id]);
      },
      executeCommand: async (id, ...args) => {
        state.events.push(['executeCommand', id, args]);
        return undefined;
      },
    }),
  });
}

// ---------------------------------------------------------------------------

function readLog(file) {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

async function waitFor(what, predicate, ms = 10000) {
  const start = Date.now();
  for (;;) {
    const value = predicate();
    if (value) {
      return value;
    }
    if (Date.now() - start > ms) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runScenario(name) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hanproof-vscode-smoke-'));
  const bin = path.join(work, 'bin');
  const folder = path.join(work, 'project');
  const log = path.join(work, 'server.jsonl');
  fs.mkdirSync(bin);
  fs.mkdirSync(folder);
  process.env.HANPROOF_FAKE_LOG = log;
  const python = process.env.PYTHON3 || 'python3';
  const realPython = spawnSync(python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  assert.ok(realPython, 'python3 is needed for the smoke test');

  // A python3 that never finds hanproof (-S: no site-packages).
  fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\nexec "${realPython}" -S "$@"\n`, { mode: 0o755 });
  process.env.PATH = bin;

  const state = {
    settings: { 'hanproof.debounce': 150, 'hanproof.words': ['한프루프'], 'hanproof.dictionaries': ['words.txt', '~/ko.txt'] },
    events: [],
    commands: {},
    folder,
  };
  if (name === 'missing-setting') {
    state.settings['hanproof.server.command'] = [path.join(work, 'nowhere', 'hanproof'), 'serve'];
    state.answer = 'Open Settings';
  } else if (name === 'crash') {
    state.settings['hanproof.server.command'] = [realPython, fakeServer];
    process.env.HANPROOF_FAKE_CRASH = '1';
  } else if (name === 'crash-loop') {
    state.settings['hanproof.server.command'] = [realPython, fakeServer];
    process.env.HANPROOF_FAKE_EXIT_AFTER_INIT = '1';
  } else if (name === 'python-extension') {
    // A "virtual environment" whose python finds a module named hanproof that
    // runs the stand-in server.
    const site = path.join(work, 'site', 'hanproof');
    fs.mkdirSync(site, { recursive: true });
    fs.writeFileSync(path.join(site, '__init__.py'), '');
    fs.writeFileSync(
      path.join(site, '__main__.py'),
      `import runpy, sys\nassert sys.argv[1:] == ["serve"], sys.argv\nrunpy.run_path(${JSON.stringify(fakeServer)}, run_name="__main__")\n`,
    );
    const venvPython = path.join(work, 'venv', 'bin', 'python');
    fs.mkdirSync(path.dirname(venvPython), { recursive: true });
    fs.writeFileSync(venvPython, `#!/bin/sh\nPYTHONPATH="${path.join(work, 'site')}" exec "${realPython}" -S "$@"\n`, { mode: 0o755 });
    state.venvPython = venvPython;
    state.pythonChanged = new EventEmitter();
    state.pythonApi = {
      environments: {
        getActiveEnvironmentPath: () => ({ id: 'venv', path: venvPython }),
        resolveEnvironment: async () => ({ executable: { uri: Uri.file(venvPython) } }),
        onDidChangeActiveEnvironmentPath: state.pythonChanged.event,
      },
    };
  } else if (name === 'running') {
    fs.writeFileSync(path.join(bin, 'hanproof'), `#!/bin/sh\n[ "$1" = serve ] || exit 2\nexec "${realPython}" "${fakeServer}"\n`, {
      mode: 0o755,
    });
  } else if (name === 'real-server') {
    assert.ok(
      fs.existsSync(venvPython),
      `the real-server scenario needs the project's virtual environment, but ${venvPython} does not exist ` +
        `(create it with "make demo" in ${repoRoot}, or python3 -m venv .venv && .venv/bin/python -m pip install -e .)`,
    );
    state.settings['hanproof.server.command'] = [venvPython, '-m', 'hanproof', 'serve'];
    delete state.settings['hanproof.dictionaries']; // no made-up word-list files for the real server
    state.documentName = 'memo.md';
    state.documentText = '# 메모\n\n몇일 뒤에 다시 연락할께요.\n';
    state.documentInTab = true;
    // Watch the server process that vscode-languageclient spawns, to see it exit.
    state.serverProcesses = [];
    const childProcess = require('node:child_process');
    const originalSpawn = childProcess.spawn;
    childProcess.spawn = function (command, ...rest) {
      const child = originalSpawn.call(this, command, ...rest);
      if (command === venvPython) {
        const record = { child, exit: undefined };
        child.once('exit', (code, signal) => {
          record.exit = { code, signal };
          record.exitedAt = Date.now();
        });
        state.serverProcesses.push(record);
      }
      return child;
    };
  }

  const vscode = makeVscode(state);
  const originalLoad = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
  };
  const extension = require(extensionMain);
  const context = { subscriptions: [], extensionPath: path.dirname(path.dirname(extensionMain)) };

  await extension.activate(context);
  const errors = () => state.events.filter((e) => e[0] === 'error');

  if (name === 'missing-setting' || name === 'not-installed' || name === 'crash') {
    await waitFor('an error message', () => errors().length > 0);
    await new Promise((r) => setTimeout(r, 1000)); // would a second notification follow?
    assert.equal(errors().length, 1, `exactly one error notification, got ${JSON.stringify(errors())}`);
    const [, message, items] = errors()[0];
    assert.match(message, /pip install hanproof/);
    assert.match(message, /hanproof\.server\.command/);
    assert.deepEqual(items, ['Open Settings', 'Show Output']);
    if (name === 'missing-setting') {
      assert.match(message, /was not found/);
      await waitFor('the settings to open', () =>
        state.events.find((e) => e[0] === 'executeCommand' && e[1] === 'workbench.action.openSettings'),
      );
      const open = state.events.find((e) => e[1] === 'workbench.action.openSettings');
      assert.deepEqual(open[2], ['hanproof.server.command']);
    } else if (name === 'not-installed') {
      assert.match(message, /not installed/);
      assert.match(message, /python3 -m pip install hanproof/);
    } else {
      assert.match(message, /exited with code 3/);
      assert.match(message, /crashing on purpose/);
    }
    console.log(`  message: ${message}`);
  } else if (name === 'crash-loop') {
    await waitFor('an error message', () => errors().length > 0, 30000);
    await new Promise((r) => setTimeout(r, 1500)); // no further restart or message
    assert.equal(errors().length, 1, JSON.stringify(errors()));
    const [, message, items] = errors()[0];
    assert.match(message, /stopped 5 times within 3 minutes/);
    assert.deepEqual(items, ['Show Output', 'Restart']);
    const starts = readLog(log).filter((e) => e.event === 'initialize').length;
    assert.equal(starts, 5, `the server was started 5 times, got ${starts}`);
    console.log(`  message: ${message}`);
  } else if (name === 'python-extension') {
    await waitFor('the server to start', () => /Server started\./.test(state.output.text));
    assert.ok(
      state.output.text.includes(`Server command: ${state.venvPython} -m hanproof serve (interpreter selected in the Python extension)`),
      state.output.text,
    );
    await waitFor('didOpen', () => readLog(log).find((e) => e.event === 'didOpen'));
    state.pythonChanged.fire({ id: 'other', path: '/elsewhere/python' });
    await waitFor('a restart after the interpreter changed', () => readLog(log).filter((e) => e.event === 'initialize').length === 2);
    assert.equal(errors().length, 0, JSON.stringify(errors()));
    await extension.deactivate();
    console.log(`  server saw: ${readLog(log).map((e) => e.event).join(', ')}`);
  } else if (name === 'real-server') {
    await runRealServer(extension, vscode, state, errors);
  } else {
    await waitFor('the server to start', () => /Server started\./.test(state.output.text));
    const events = await waitFor('didOpen and configuration', () => {
      const ev = readLog(log);
      return ev.some((e) => e.event === 'didOpen') && ev.some((e) => e.event === 'configuration') ? ev : undefined;
    });
    const open = events.find((e) => e.event === 'didOpen');
    assert.equal(open.languageId, 'markdown');
    assert.equal(open.uri, state.document.uri.toString());
    const cfg = events.find((e) => e.event === 'configuration');
    assert.equal(cfg.result[0].debounce, 150, JSON.stringify(cfg));
    assert.deepEqual(cfg.result[0].words, ['한프루프']);
    assert.deepEqual(
      cfg.result[0].dictionaries,
      [path.join(folder, 'words.txt'), path.join(os.homedir(), 'ko.txt')],
      'dictionary paths are sent absolute',
    );
    assert.equal(errors().length, 0, JSON.stringify(errors()));

    await state.commands['hanproof.fixAllInDocument']();
    const exec = await waitFor('executeCommand', () => readLog(log).find((e) => e.event === 'executeCommand'));
    assert.equal(exec.command, 'hanproof.fixAll');
    assert.deepEqual(exec.arguments, [{ uri: state.document.uri.toString() }]);
    assert.match(state.output.text, /Server command: .*hanproof serve \(hanproof found on PATH\)/);

    await extension.deactivate();
    await waitFor('shutdown', () => readLog(log).find((e) => e.event === 'shutdown'));
    console.log(`  server saw: ${readLog(log).map((e) => e.event).join(', ')}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

/** The 'real-server' scenario, after activate(): diagnostics, a quick fix, shutdown. */
async function runRealServer(extension, vscode, state, errors) {
  const started = Date.now();
  const since = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
  const document = state.document;
  const uri = document.uri;
  const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
  const where = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  const describe = (list) => JSON.stringify(list.map((d) => ({ code: codeOf(d), range: where(d.range), message: d.message })));
  let deactivated = false;
  try {
    // Wait for diagnostics, but give up at once when the extension reports an
    // error or the server process ends.
    const found = await waitFor(
      'diagnostics for the document in a diagnostic collection',
      () => {
        if (errors().length > 0) {
          throw new Error(`the extension reported an error instead of diagnostics: ${errors()[0][1]}\n--- output ---\n${state.output.text}`);
        }
        const gone = state.serverProcesses.find((p) => p.exit !== undefined);
        if (gone !== undefined) {
          throw new Error(`the server process exited (${JSON.stringify(gone.exit)}) before diagnostics arrived\n--- output ---\n${state.output.text}`);
        }
        for (const collection of state.diagnosticCollections) {
          const list = collection.get(uri);
          if (list !== undefined && list.length > 0) {
            return { collection, list };
          }
        }
        return undefined;
      },
      60000,
    );
    const diagnosticsAfter = since(started);
    assert.equal(state.serverProcesses.length, 1, 'the server command was started once');
    assert.match(state.output.text, new RegExp(`Server command: .*python -m hanproof serve \\(from the setting hanproof\\.server\\.command\\)`));
    const { collection, list } = found;
    assert.equal(list.length, 2, `exactly 2 diagnostics, got ${describe(list)}`);
    assert.deepEqual(list.map(codeOf), ['spelling.myeochil', 'spelling.lge'], describe(list));
    const [first] = list;
    assert.deepEqual(
      [first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character],
      [2, 0, 2, 2],
      `the first diagnostic covers 몇일 (line 2, characters 0-2), got ${where(first.range)}`,
    );
    console.log(`  diagnostics (collection ${JSON.stringify(collection.name ?? null)}, after ${diagnosticsAfter}): ${describe(list)}`);

    // Ask for code actions the way VS Code does: through the code action
    // provider that the language client registered for the document.
    const providers = state.codeActionProviders.filter((e) => vscode.languages.match(e.selector, document) > 0);
    assert.ok(providers.length > 0, 'the language client registered a code action provider for Markdown documents');
    const token = new CancellationTokenSource().token;
    const context = { diagnostics: [first], only: undefined, triggerKind: CodeActionTriggerKind.Invoke };
    const actions = [];
    for (const { provider } of providers) {
      actions.push(...((await provider.provideCodeActions(document, first.range, context, token)) ?? []));
    }
    const titles = JSON.stringify(actions.map((a) => `${a.title} [${a.kind?.value}${a.isPreferred ? ', preferred' : ''}]`));
    const preferred = actions.filter((a) => a.kind?.value === CodeActionKind.QuickFix.value && a.isPreferred === true);
    assert.equal(preferred.length, 1, `one preferred quick fix, got ${titles}`);
    const [fix] = preferred;
    assert.ok(fix.edit instanceof WorkspaceEdit, `the quick fix has an edit: ${titles}`);
    const entries = fix.edit.entries();
    assert.equal(entries.length, 1, 'the edit changes one document');
    assert.equal(entries[0][0].toString(), uri.toString(), 'the edit changes the open document');
    const edits = entries[0][1];
    assert.equal(edits.length, 1, `one text edit, got ${JSON.stringify(edits)}`);
    assert.equal(where(edits[0].range), where(first.range), 'the edit replaces the range of the diagnostic');
    assert.equal(edits[0].newText, '며칠');
    console.log(`  code actions: ${titles}`);
    console.log(`  preferred quick fix: ${fix.title} -> replaces ${where(edits[0].range)} with ${edits[0].newText}`);
    assert.equal(errors().length, 0, JSON.stringify(errors()));

    // Shut down; the server process must exit by itself, with status 0.
    const stopping = Date.now();
    deactivated = true;
    await extension.deactivate();
    const server = state.serverProcesses[0];
    await waitFor('the server process to exit after deactivate', () => server.exit !== undefined, 10000);
    assert.deepEqual(server.exit, { code: 0, signal: null }, 'the server exits cleanly');
    console.log(
      `  server pid ${server.child.pid} exited with code 0 ${((server.exitedAt - stopping) / 1000).toFixed(1)} s after deactivate; ` +
        `scenario took ${since(started)}`,
    );
  } finally {
    if (!deactivated) {
      await extension.deactivate().catch(() => undefined);
    }
    for (const p of state.serverProcesses) {
      if (p.exit === undefined) {
        p.child.kill();
      }
    }
  }
}

async function main() {
  const only = process.argv[2];
  if (only !== undefined) {
    if (only === 'crash-loop') {
      // vscode-languageclient may still write to the pipe of a server that has just
      // exited; VS Code's extension host logs such an error and goes on, and so do we
      // (only this one error, only where the server exits on purpose)
      process.on('uncaughtException', (error) => {
        if (error && error.code === 'ERR_STREAM_DESTROYED') {
          console.error(`(ignored, as the extension host would: ${error.message})`);
          return;
        }
        console.error(error && error.stack ? error.stack : error);
        process.exit(1);
      });
    }
    await runScenario(only);
    return;
  }
  assert.ok(fs.existsSync(extensionMain), `${extensionMain} is missing: run npm run build first`);
  let failed = 0;
  for (const name of SCENARIOS) {
    // One process per scenario: the extension keeps module-level state.
    // real-server may wait up to 60 s for diagnostics before it gives up.
    const timeout = name === 'real-server' ? 120000 : 60000;
    const result = spawnSync(process.execPath, [__filename, name], { encoding: 'utf8', timeout });
    const ok = result.status === 0;
    failed += ok ? 0 : 1;
    console.log(`${ok ? 'ok' : 'FAILED'} - ${name}`);
    const out = `${result.stdout}${ok ? '' : result.stderr}`.trimEnd();
    if (out !== '') {
      console.log(out);
    }
  }
  console.log(`vscode-smoke: ${SCENARIOS.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  },
);
