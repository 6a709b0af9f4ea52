#!/usr/bin/env bash
# Checks the Neovim client configuration in clients/neovim.
#
# Installs nothing: needs `nvim` on PATH (or NVIM=/path/to/nvim) and, for the
# attach tests, `python3`. Prints "neovim config: ok" and exits 0 on success;
# exits non-zero with a message on failure.
#
# What is checked, by Neovim version:
#   any version   dofile('clients/neovim/lsp/hanproof.lua') returns the expected table
#                 (cmd, filetypes, root_markers, settings.hanproof, language id mapping)
#   >= 0.8        the snippet for 0.8–0.10 (vim.lsp.start in a FileType autocmd) attaches
#                 to a stand-in server (clients/test/fake_lsp_server.py)
#   >= 0.11       vim.lsp.config.hanproof resolves from 'runtimepath', and
#                 vim.lsp.enable('hanproof') attaches to the stand-in server with the
#                 right language ids, root directory and settings
# Parts that the installed Neovim cannot run are skipped with a printed note.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
nvim_bin="${NVIM:-nvim}"

if ! command -v "$nvim_bin" >/dev/null 2>&1; then
  echo "neovim config: FAILED: '$nvim_bin' not found on PATH (install Neovim, e.g. apt-get install -y neovim, or set NVIM=/path/to/nvim)" >&2
  exit 1
fi
echo "neovim config: using $("$nvim_bin" --version | head -n 1) ($(command -v "$nvim_bin"))"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A stand-in `hanproof` executable, so that the configurations are tested with
# their real cmd ({ 'hanproof', 'serve' }) found on PATH.
python_bin="$(command -v python3 || true)"
mkdir -p "$work/bin" "$work/repo/project" "$work/repo/.git"
if [ -n "$python_bin" ]; then
  cat >"$work/bin/hanproof" <<EOF
#!/bin/sh
[ "\$1" = serve ] || { echo "fake hanproof: expected 'serve', got '\$*'" >&2; exit 2; }
exec "$python_bin" "$here/fake_lsp_server.py"
EOF
  chmod +x "$work/bin/hanproof"
fi
# hanproof.toml must win over the .git folder one level up.
touch "$work/repo/project/hanproof.toml"
printf '그는 할수 있다.\n' >"$work/repo/project/note.txt"
printf '문서를 고침\n' >"$work/repo/.git/COMMIT_EDITMSG"

cat >"$work/check.lua" <<'LUA'
local repo = os.getenv('HANPROOF_REPO')
local work = os.getenv('HANPROOF_WORK')
local part = os.getenv('HANPROOF_PART')
local log_file = os.getenv('HANPROOF_FAKE_LOG')
local have_fake = os.getenv('HANPROOF_HAVE_FAKE') == '1'

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function check(cond, msg)
  if not cond then
    error('assertion failed: ' .. msg, 0)
  end
end

local function contains(list, value)
  for _, v in ipairs(list or {}) do
    if v == value then
      return true
    end
  end
  return false
end

-- The language ids the server checks (the server's contract).
local server_ids = {
  'markdown', 'plaintext', 'restructuredtext', 'latex', 'asciidoc', 'org', 'html', 'git-commit',
  'python', 'javascript', 'typescript', 'java', 'go', 'rust', 'c', 'cpp',
}

local function read_log()
  local events = {}
  local f = io.open(log_file, 'r')
  if not f then
    return events
  end
  for line in f:lines() do
    table.insert(events, vim.fn.json_decode(line))
  end
  f:close()
  return events
end

local function find_event(name, pred)
  for _, e in ipairs(read_log()) do
    if e.event == name and (pred == nil or pred(e)) then
      return e
    end
  end
  return nil
end

local function wait_event(name, pred, what)
  local found
  vim.wait(10000, function()
    found = find_event(name, pred)
    return found ~= nil
  end, 50)
  check(found ~= nil, 'the server never received ' .. what .. '; log: ' .. vim.inspect(read_log()))
  return found
end

local function uri_of(path)
  return vim.uri_from_fname(vim.fn.resolve(path))
end

-- Opens the test files and checks what the stand-in server received.
local function check_attach(label)
  vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/repo/project/note.txt'))
  check(vim.bo.filetype == 'text', label .. ': note.txt has filetype text, got ' .. vim.bo.filetype)
  wait_event('didOpen', function(e)
    return e.languageId == 'plaintext'
  end, 'didOpen of note.txt with languageId plaintext')
  local init = wait_event('initialize', nil, 'initialize')
  local root = init.rootUri
  check(root == uri_of(work .. '/repo/project'), label .. ': root is the folder with hanproof.toml, got ' .. tostring(root))
  local cfg = wait_event('configuration', nil, 'the answer to workspace/configuration')
  check(type(cfg.result) == 'table' and type(cfg.result[1]) == 'table', label .. ': configuration answered')
  check(cfg.result[1].debounce == 150, label .. ': settings.hanproof.debounce reached the server: ' .. vim.inspect(cfg.result))

  vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/repo/.git/COMMIT_EDITMSG'))
  check(vim.bo.filetype == 'gitcommit', label .. ': COMMIT_EDITMSG has filetype gitcommit, got ' .. vim.bo.filetype)
  wait_event('didOpen', function(e)
    return e.languageId == 'git-commit'
  end, 'didOpen of COMMIT_EDITMSG with languageId git-commit')

  -- :LspHanproofFixAll sends workspace/executeCommand hanproof.fixAll with the buffer's uri.
  vim.wait(5000, function()
    return vim.fn.exists(':LspHanproofFixAll') == 2
  end, 50)
  check(vim.fn.exists(':LspHanproofFixAll') == 2, label .. ': :LspHanproofFixAll defined on attach')
  vim.cmd('LspHanproofFixAll')
  local exec = wait_event('executeCommand', nil, 'workspace/executeCommand')
  check(exec.command == 'hanproof.fixAll', label .. ': command hanproof.fixAll')
  check(type(exec.arguments) == 'table' and exec.arguments[1].uri == vim.uri_from_bufnr(0), label .. ': fixAll argument {uri}')

  for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    vim.lsp.stop_client(client.id)
  end
  say('neovim config: ' .. label .. ': attach test passed')
end

local function part_config()
  local cfg = dofile(repo .. '/clients/neovim/lsp/hanproof.lua')
  check(type(cfg) == 'table', 'lsp/hanproof.lua returns a table')
  check(type(cfg.cmd) == 'table' and cfg.cmd[1] == 'hanproof' and cfg.cmd[2] == 'serve' and #cfg.cmd == 2,
    "cmd is { 'hanproof', 'serve' }, got " .. vim.inspect(cfg.cmd))
  for _, ft in ipairs({ 'markdown', 'text', 'gitcommit', 'tex', 'rst', 'asciidoc', 'org', 'html', 'python', 'rust' }) do
    check(contains(cfg.filetypes, ft), 'filetypes include ' .. ft)
  end
  check(vim.deep_equal(cfg.root_markers, { 'hanproof.toml', 'pyproject.toml', '.git' }),
    'root_markers, got ' .. vim.inspect(cfg.root_markers))
  local s = cfg.settings and cfg.settings.hanproof
  check(type(s) == 'table', 'settings.hanproof is a table')
  for _, key in ipairs({ 'select', 'ignore', 'severity', 'dictionaries', 'words', 'debounce' }) do
    check(s[key] ~= nil, 'settings.hanproof.' .. key .. ' present')
  end
  check(s.debounce == 150, 'settings.hanproof.debounce == 150')
  local json = vim.fn.json_decode(vim.json and vim.json.encode(s) or vim.fn.json_encode(s))
  local islist = vim.islist or vim.tbl_islist
  check(islist(json.select) and islist(json.words), 'select/words encode as JSON arrays')
  if vim.json then
    check(vim.json.encode(s.severity) == '{}', 'severity encodes as a JSON object, got ' .. vim.json.encode(s.severity))
  end
  -- Every filetype maps to a language id the server checks.
  check(type(cfg.get_language_id) == 'function', 'get_language_id is set')
  local expected = { gitcommit = 'git-commit', tex = 'latex', plaintex = 'latex', rst = 'restructuredtext',
    text = 'plaintext', markdown = 'markdown' }
  for ft, id in pairs(expected) do
    check(cfg.get_language_id(0, ft) == id, ft .. ' -> ' .. id .. ', got ' .. tostring(cfg.get_language_id(0, ft)))
  end
  for _, ft in ipairs(cfg.filetypes) do
    check(contains(server_ids, cfg.get_language_id(0, ft)), 'filetype ' .. ft .. ' maps to a server language id')
  end
  say('neovim config: dofile(lsp/hanproof.lua) table ok')

  if vim.fn.has('nvim-0.11') ~= 1 then
    say('neovim config: NOTE: this Neovim is older than 0.11, which has no vim.lsp.config;'
      .. ' skipped the vim.lsp.config / vim.lsp.enable checks')
    return
  end
  vim.opt.runtimepath:prepend(repo .. '/clients/neovim')
  local resolved = vim.lsp.config.hanproof
  check(type(resolved) == 'table', 'vim.lsp.config.hanproof resolves from runtimepath')
  check(vim.deep_equal(resolved.cmd, { 'hanproof', 'serve' }), 'vim.lsp.config.hanproof.cmd')
  check(contains(resolved.filetypes, 'markdown') and contains(resolved.filetypes, 'text'), 'vim.lsp.config.hanproof.filetypes')
  check(resolved.settings.hanproof.debounce == 150, 'vim.lsp.config.hanproof.settings')
  say('neovim config: vim.lsp.config.hanproof resolves')

  if not have_fake then
    say('neovim config: NOTE: python3 not found; skipped the vim.lsp.enable attach test')
    return
  end
  vim.lsp.enable('hanproof')
  check_attach('vim.lsp.enable')
end

local function part_snippet()
  if vim.fn.has('nvim-0.8') ~= 1 or vim.lsp.start == nil then
    say('neovim config: NOTE: this Neovim is older than 0.8 (no vim.lsp.start);'
      .. ' skipped the test of snippets/hanproof-nvim-0.8.lua')
    return
  end
  if not have_fake then
    say('neovim config: NOTE: python3 not found; skipped the snippet attach test')
    return
  end
  dofile(repo .. '/clients/neovim/snippets/hanproof-nvim-0.8.lua')
  check_attach('snippets/hanproof-nvim-0.8.lua')
end

local ok, err = xpcall(function()
  if part == 'config' then
    part_config()
  else
    part_snippet()
  end
end, debug.traceback)
if ok then
  vim.cmd('qall!')
else
  io.stderr:write('neovim config: FAILED (' .. part .. '): ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
LUA

run_part() {
  local part="$1"
  rm -f "$work/log.jsonl"
  local have_fake=0
  [ -n "$python_bin" ] && have_fake=1
  # Run from the repository root so that relative paths in messages make sense;
  # the project folder is opened by absolute path.
  (
    cd "$repo"
    PATH="$work/bin:$PATH" \
    HANPROOF_REPO="$repo" HANPROOF_WORK="$work" HANPROOF_PART="$part" \
    HANPROOF_FAKE_LOG="$work/log.jsonl" HANPROOF_HAVE_FAKE="$have_fake" \
      timeout 120 "$nvim_bin" --headless --clean -c "luafile $work/check.lua" </dev/null
  )
}

status=0
run_part config || status=$?
if [ "$status" -eq 0 ]; then
  run_part snippet || status=$?
fi
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && echo "neovim config: FAILED: Neovim timed out" >&2
  echo "neovim config: FAILED (exit $status)" >&2
  exit 1
fi
echo "neovim config: ok"
