---@brief
---
--- https://github.com/hanproof/hanproof
---
--- hanproof: offline Korean proofreader (맞춤법 · 띄어쓰기 · 문법) as a language server.
---
--- Install the server (Python >= 3.11) so that `hanproof` is on your PATH:
--- ```sh
--- pip install hanproof        # or: pipx install hanproof
--- ```
---
--- Put this file on your 'runtimepath' as `lsp/hanproof.lua` (for example copy it to
--- `~/.config/nvim/lsp/hanproof.lua`, or add the `clients/neovim` folder of the hanproof
--- repository to 'runtimepath'), then enable it (Neovim >= 0.11):
--- ```lua
--- vim.lsp.enable('hanproof')
--- ```
---
--- Neovim filetypes are mapped to the language ids the server expects (`gitcommit` ->
--- `git-commit`, `tex` -> `latex`, `rst` -> `restructuredtext`, `text` -> `plaintext`).
---
--- Settings are sent as the `hanproof` section of `workspace/configuration`. A project may
--- also use `hanproof.toml` or `[tool.hanproof]` in `pyproject.toml`.
--- ```lua
--- vim.lsp.config('hanproof', {
---   settings = {
---     hanproof = {
---       ignore = { 'style', 'loanword.common' },   -- rule ids or categories
---       severity = { spelling = 'error', spacing = 'warning' },
---       words = { '한프루프' },                    -- never flagged
---       dictionaries = { vim.fn.expand('~/.config/hanproof/words.txt') },
---     },
---   },
--- })
--- ```
---
--- Categories: spelling (맞춤법), spacing (띄어쓰기), standard (표준어), grammar (문법),
--- loanword (외래어 표기), punctuation (문장 부호), style (문체).
--- Severities: "error", "warning", "information", "hint".
---
--- If `hanproof` is not on PATH (e.g. installed in a virtualenv), set the command:
--- ```lua
--- vim.lsp.config('hanproof', { cmd = { '/path/to/.venv/bin/python', '-m', 'hanproof', 'serve' } })
--- ```
---
--- `:LspHanproofFixAll` applies every fix in the current buffer (server command `hanproof.fixAll`);
--- single fixes are code actions (`gra` / `vim.lsp.buf.code_action()`).

-- Neovim filetype -> LSP language id, where they differ.
local language_id_mapping = {
  gitcommit = 'git-commit',
  plaintex = 'latex',
  rst = 'restructuredtext',
  tex = 'latex',
  text = 'plaintext',
}

local function get_language_id(_, filetype)
  return language_id_mapping[filetype] or filetype
end

---@type vim.lsp.Config
return {
  cmd = { 'hanproof', 'serve' },
  filetypes = {
    'asciidoc',
    'c',
    'cpp',
    'gitcommit',
    'go',
    'html',
    'java',
    'javascript',
    'markdown',
    'org',
    'plaintex',
    'python',
    'rst',
    'rust',
    'tex',
    'text',
    'typescript',
  },
  root_markers = { 'hanproof.toml', 'pyproject.toml', '.git' },
  get_language_id = get_language_id,
  on_attach = function(client, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'LspHanproofFixAll', function()
      client:exec_cmd({
        title = 'hanproof: fix all',
        command = 'hanproof.fixAll',
        arguments = { { uri = vim.uri_from_bufnr(bufnr) } },
      }, { bufnr = bufnr })
    end, { desc = 'hanproof: apply every fix in the current buffer' })
  end,
  settings = {
    hanproof = {
      select = {},
      ignore = {},
      severity = vim.empty_dict(),
      dictionaries = {},
      words = {},
      debounce = 150,
    },
  },
}
