// Language ids checked by the hanproof server (the server's contract).
// Kept free of 'vscode' imports so that tests can compare it with package.json.

export const LANGUAGE_IDS: readonly string[] = [
  'markdown',
  'plaintext',
  'restructuredtext',
  'latex',
  'asciidoc',
  'org',
  'html',
  'git-commit',
  'python',
  'javascript',
  'typescript',
  'java',
  'go',
  'rust',
  'c',
  'cpp',
];

/** URI schemes of documents that are sent to the server. */
export const SCHEMES: readonly string[] = ['file', 'untitled'];

/** Glob patterns of project configuration files watched for changes. */
export const CONFIG_FILE_GLOBS: readonly string[] = ['**/hanproof.toml', '**/pyproject.toml'];
