#!/usr/bin/env bash
# Builds the VS Code extension from a clean install and checks the .vsix.
#
# Needs node and npm (the npm registry must be reachable for `npm ci`).
# Runs: npm ci, npm run typecheck, npm test, npm run package in clients/vscode,
# then checks that hanproof-<version>.vsix exists and contains
# extension/dist/extension.js and extension/package.json, and finally runs the
# bundled extension against a stand-in VS Code API and a stand-in server
# (clients/test/vscode-smoke.cjs; needs python3, skipped with a note without).
# Prints "vscode build: ok" and exits 0 on success.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext="$(cd "$here/../vscode" && pwd)"

fail() {
  echo "vscode build: FAILED: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "node not found on PATH"
command -v npm >/dev/null 2>&1 || fail "npm not found on PATH"
echo "vscode build: node $(node --version), npm $(npm --version)"

cd "$ext"
version="$(node -p "require('./package.json').version")"
vsix="hanproof-$version.vsix"
rm -f "$vsix"
rm -rf dist out

npm ci --no-audit --no-fund || fail "npm ci"
npm run typecheck || fail "npm run typecheck"
npm test || fail "npm test"
npm run package || fail "npm run package"

[ -f "$vsix" ] || fail "$vsix was not produced"

# List the archive entries with unzip, or with python3 when unzip is missing.
if command -v unzip >/dev/null 2>&1; then
  listing="$(unzip -Z1 "$vsix")"
elif command -v python3 >/dev/null 2>&1; then
  listing="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$vsix")"
else
  fail "need unzip or python3 to inspect $vsix"
fi
for entry in extension/dist/extension.js extension/package.json extension/readme.md extension/LICENSE.txt; do
  grep -qx "$entry" <<<"$listing" || fail "$vsix lacks $entry; it contains:
$listing"
done
for unwanted in extension/node_modules/ extension/src/ extension/out/; do
  if grep -q "^$unwanted" <<<"$listing"; then
    fail "$vsix should not contain $unwanted"
  fi
done

echo "vscode build: $ext/$vsix ($(wc -c <"$vsix") bytes):"
sed 's/^/  /' <<<"$listing"

# Run the bundled extension against a stand-in VS Code API and server.
if command -v python3 >/dev/null 2>&1; then
  node "$here/vscode-smoke.cjs" || fail "smoke test (clients/test/vscode-smoke.cjs)"
else
  echo "vscode build: NOTE: python3 not found; skipped clients/test/vscode-smoke.cjs"
fi
echo "vscode build: ok"
