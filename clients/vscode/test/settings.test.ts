// Unit tests for src/settings.ts (no VS Code needed).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveDictionaryPath, resolveSettingsPaths } from '../src/settings';

const vars = { userHome: '/home/u', workspaceFolder: '/work/p' };

test('dictionary paths: variables, ~ and relative paths', () => {
  assert.equal(resolveDictionaryPath('words.txt', vars), '/work/p/words.txt');
  assert.equal(resolveDictionaryPath('docs/../words.txt', vars), '/work/p/words.txt');
  assert.equal(resolveDictionaryPath('${workspaceFolder}/a.txt', vars), '/work/p/a.txt');
  assert.equal(resolveDictionaryPath('~/dict/ko.txt', vars), '/home/u/dict/ko.txt');
  assert.equal(resolveDictionaryPath('${userHome}/ko.txt', vars), '/home/u/ko.txt');
  assert.equal(resolveDictionaryPath('/etc/ko.txt', vars), '/etc/ko.txt');
  assert.equal(resolveDictionaryPath('words.txt', { userHome: '/home/u' }), 'words.txt', 'no folder: left as it is');
  assert.equal(
    resolveDictionaryPath('words.txt', { workspaceFolder: 'C:\\work\\p' }),
    'C:\\work\\p\\words.txt',
    'Windows folders join with backslashes',
  );
  assert.equal(resolveDictionaryPath('D:\\dict.txt', vars), 'D:\\dict.txt');
  assert.equal(resolveDictionaryPath('', vars), undefined);
  assert.equal(resolveDictionaryPath(7, vars), undefined);
});

test('settings section: only dictionaries change, and on a copy', () => {
  const section = { dictionaries: ['a.txt', '', 3, '/abs.txt'], words: ['a.txt'], debounce: 150 };
  const out = resolveSettingsPaths(section, vars) as typeof section;
  assert.deepEqual(out, { dictionaries: ['/work/p/a.txt', '/abs.txt'], words: ['a.txt'], debounce: 150 });
  assert.deepEqual(section.dictionaries, ['a.txt', '', 3, '/abs.txt'], 'input untouched');
  assert.equal(resolveSettingsPaths(null, vars), null);
  assert.deepEqual(resolveSettingsPaths([1], vars), [1]);
  assert.deepEqual(resolveSettingsPaths({ words: [] }, vars), { words: [] });
});
