// Unit tests for the pure parts of the extension (no VS Code needed).
// Run with `npm test` (tsc -p tsconfig.test.json && node --test out/test/*.test.js).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  configuredCommand,
  expandVariables,
  findExecutable,
  formatCommand,
  installHint,
  resolveServerCommand,
} from '../src/serverCommand';
import { LANGUAGE_IDS } from '../src/languages';

const nothingOnPath = () => undefined;
const neverCalled = async (): Promise<string[] | undefined> => {
  throw new Error('the Python extension must not be consulted');
};

test('the setting wins over everything else', async () => {
  const cmd = await resolveServerCommand({
    configured: ['/opt/venv/bin/hanproof', 'serve', '--verbose'],
    findOnPath: () => '/usr/bin/hanproof',
    getPythonInterpreter: neverCalled,
  });
  assert.deepEqual(cmd, { command: '/opt/venv/bin/hanproof', args: ['serve', '--verbose'], source: 'setting' });
});

test('a lone hanproof executable in the setting gets "serve" appended', async () => {
  for (const exe of ['hanproof', '/home/u/.local/bin/hanproof', 'C:\\venv\\Scripts\\hanproof.exe']) {
    const cmd = await resolveServerCommand({ configured: [exe], findOnPath: nothingOnPath });
    assert.deepEqual(cmd.args, ['serve'], exe);
  }
  const python = await resolveServerCommand({ configured: ['python3'], findOnPath: nothingOnPath });
  assert.deepEqual(python.args, [], 'other executables are taken as they are');
});

test('variables in the setting are expanded', async () => {
  const cmd = await resolveServerCommand({
    configured: ['~/venv/bin/python', '-m', 'hanproof', 'serve', '${workspaceFolder}/x', '${userHome}'],
    findOnPath: nothingOnPath,
    variables: { userHome: '/home/u', workspaceFolder: '/work/p' },
  });
  assert.equal(cmd.command, '/home/u/venv/bin/python');
  assert.deepEqual(cmd.args, ['-m', 'hanproof', 'serve', '/work/p/x', '/home/u']);
  assert.equal(expandVariables('a~b', { userHome: '/h' }), 'a~b');
  assert.equal(expandVariables('~', { userHome: '/h' }), '/h');
  assert.equal(expandVariables('${workspaceFolder}', {}), '${workspaceFolder}');
});

test('an empty or malformed setting counts as not set', async () => {
  assert.equal(configuredCommand([]), undefined);
  assert.equal(configuredCommand(['']), undefined);
  assert.equal(configuredCommand(['  ', 'serve']), undefined);
  assert.equal(configuredCommand(undefined), undefined);
  assert.deepEqual(configuredCommand([42, 'hanproof', null, 'serve']), ['hanproof', 'serve']);
  const cmd = await resolveServerCommand({ configured: [''], findOnPath: () => '/usr/local/bin/hanproof' });
  assert.equal(cmd.source, 'path');
});

test('hanproof on PATH is used before the Python extension', async () => {
  const looked: string[] = [];
  const cmd = await resolveServerCommand({
    configured: [],
    findOnPath: (name) => {
      looked.push(name);
      return '/usr/local/bin/hanproof';
    },
    getPythonInterpreter: neverCalled,
  });
  assert.deepEqual(looked, ['hanproof']);
  assert.deepEqual(cmd, { command: '/usr/local/bin/hanproof', args: ['serve'], source: 'path' });
});

test('the interpreter selected in the Python extension runs -m hanproof', async () => {
  const cmd = await resolveServerCommand({
    findOnPath: nothingOnPath,
    getPythonInterpreter: async () => ['/work/p/.venv/bin/python'],
  });
  assert.deepEqual(cmd, {
    command: '/work/p/.venv/bin/python',
    args: ['-m', 'hanproof', 'serve'],
    source: 'python-extension',
  });
  const conda = await resolveServerCommand({
    findOnPath: nothingOnPath,
    getPythonInterpreter: async () => ['conda', 'run', '-n', 'ko', 'python'],
  });
  assert.equal(conda.command, 'conda');
  assert.deepEqual(conda.args, ['run', '-n', 'ko', 'python', '-m', 'hanproof', 'serve']);
  assert.equal(installHint(conda), 'conda run -n ko python -m pip install hanproof');
});

test('without PATH hit or Python extension: python3 -m hanproof (python on Windows)', async () => {
  for (const getPythonInterpreter of [undefined, async () => undefined, async () => [], async () => Promise.reject(new Error('x'))]) {
    const cmd = await resolveServerCommand({ findOnPath: nothingOnPath, getPythonInterpreter, platform: 'linux' });
    assert.deepEqual(cmd, { command: 'python3', args: ['-m', 'hanproof', 'serve'], source: 'fallback' });
  }
  const win = await resolveServerCommand({ findOnPath: nothingOnPath, platform: 'win32' });
  assert.equal(win.command, 'python');
  assert.equal(installHint(win), 'python -m pip install hanproof');
});

test('install hints and display', () => {
  assert.equal(installHint({ command: '/usr/bin/hanproof', args: ['serve'], source: 'path' }), 'pip install hanproof');
  assert.equal(installHint({ command: 'x', args: [], source: 'setting' }), 'pip install hanproof');
  assert.equal(
    installHint({ command: 'C:\\Program Files\\Python\\python.exe', args: ['-m', 'hanproof', 'serve'], source: 'python-extension' }),
    '"C:\\\\Program Files\\\\Python\\\\python.exe" -m pip install hanproof',
  );
  assert.equal(formatCommand({ command: '/a b/python', args: ['-m', 'hanproof', 'serve'] }), '"/a b/python" -m hanproof serve');
});

test('findExecutable searches PATH in order (POSIX)', () => {
  const present = new Set(['/b/hanproof', '/c/hanproof']);
  const found = findExecutable('hanproof', {
    platform: 'linux',
    pathEnv: '/a::/b:/c',
    isExecutable: (p) => present.has(p),
  });
  assert.equal(found, '/b/hanproof');
  assert.equal(findExecutable('hanproof', { platform: 'linux', pathEnv: '/a', isExecutable: (p) => present.has(p) }), undefined);
  assert.equal(findExecutable('/c/hanproof', { platform: 'linux', pathEnv: '', isExecutable: (p) => present.has(p) }), '/c/hanproof');
});

test('findExecutable honours PATHEXT (Windows)', () => {
  const present = new Set(['C:\\Py\\Scripts\\hanproof.exe']);
  const opts = {
    platform: 'win32' as const,
    pathEnv: 'C:\\Windows;C:\\Py\\Scripts',
    pathExt: '.COM;.EXE;.BAT',
    isExecutable: (p: string) => present.has(p),
  };
  assert.equal(findExecutable('hanproof', opts), 'C:\\Py\\Scripts\\hanproof.exe');
  assert.equal(findExecutable('hanproof.exe', opts), 'C:\\Py\\Scripts\\hanproof.exe');
});

test('findExecutable on the real file system', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hanproof-test-'));
  try {
    const exe = path.join(dir, 'hanproof');
    fs.writeFileSync(exe, '#!/bin/sh\n');
    fs.chmodSync(exe, 0o644);
    assert.equal(findExecutable('hanproof', { pathEnv: dir }), undefined, 'not executable');
    fs.chmodSync(exe, 0o755);
    assert.equal(findExecutable('hanproof', { pathEnv: dir }), exe);
    fs.mkdirSync(path.join(dir, 'sub', 'hanproof'), { recursive: true });
    assert.equal(findExecutable('hanproof', { pathEnv: path.join(dir, 'sub') }), undefined, 'directories do not count');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json matches the server contract', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.publisher, 'hanproof');
  assert.equal(manifest.license, 'MIT');
  assert.ok(manifest.repository?.url, 'repository field');
  for (const id of LANGUAGE_IDS) {
    assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `activation event for ${id}`);
  }
  const props = manifest.contributes.configuration.properties;
  for (const key of ['select', 'ignore', 'severity', 'dictionaries', 'words', 'debounce', 'server.command', 'trace.server']) {
    assert.ok(props[`hanproof.${key}`], `setting hanproof.${key}`);
  }
  assert.equal(props['hanproof.debounce'].default, 150);
  assert.deepEqual(props['hanproof.server.command'].default, []);
  assert.deepEqual(
    [...props['hanproof.severity'].additionalProperties.enum].sort(),
    ['error', 'hint', 'information', 'warning'],
  );
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['hanproof.fixAllInDocument', 'hanproof.restartServer', 'hanproof.showOutput']);
  const vscodeTypes = manifest.devDependencies['@types/vscode'].replace(/^[~^]/, '');
  const engine = manifest.engines.vscode.replace(/^[~^]/, '');
  assert.equal(vscodeTypes, engine, '@types/vscode must not be newer than engines.vscode (vsce refuses)');
});
