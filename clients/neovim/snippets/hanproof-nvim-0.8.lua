-- hanproof for Neovim 0.8 – 0.10 (no vim.lsp.config / vim.lsp.enable yet).
-- Put this in your init.lua (or require it from there). Needs `hanproof` on PATH:
--   pip install hanproof
-- Neovim >= 0.11 users: use lsp/hanproof.lua and vim.lsp.enable('hanproof') instead.

-- Neovim filetype -> LSP language id, where they differ.
local language_ids = {
  gitcommit = 'git-commit',
  plaintex = 'latex',
  rst = 'restructuredtext',
  tex = 'latex',
  text = 'plaintext',
}

local filetypes = {
  'asciidoc', 'c', 'cpp', 'gitcommit', 'go', 'html', 'java', 'javascript', 'markdown',
  'org', 'plaintex', 'python', 'rst', 'rust', 'tex', 'text', 'typescript',
}

local settings = {
  hanproof = {
    select = {},            -- rule ids or categories; empty = all default rules
    ignore = {},            -- e.g. { 'style', 'loanword.common' }
    severity = vim.empty_dict(), -- e.g. { spelling = 'error' }
    dictionaries = {},      -- word-list files, one word per line
    words = {},             -- never flagged
    debounce = 150,         -- milliseconds
  },
}

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('hanproof', { clear = true }),
  pattern = filetypes,
  callback = function(args)
    local fname = vim.api.nvim_buf_get_name(args.buf)
    local cwd = (vim.uv or vim.loop).cwd()
    local start = fname ~= '' and vim.fs.dirname(fname) or cwd
    local marker = vim.fs.find({ 'hanproof.toml', 'pyproject.toml', '.git' }, { path = start, upward = true })[1]
    vim.lsp.start({
      name = 'hanproof',
      cmd = { 'hanproof', 'serve' },
      root_dir = marker and vim.fs.dirname(marker) or cwd,
      get_language_id = function(_, filetype)
        return language_ids[filetype] or filetype
      end,
      settings = settings,
      on_attach = function(client, bufnr)
        vim.api.nvim_buf_create_user_command(bufnr, 'LspHanproofFixAll', function()
          client.request('workspace/executeCommand', {
            command = 'hanproof.fixAll',
            arguments = { { uri = vim.uri_from_bufnr(bufnr) } },
          }, nil, bufnr)
        end, { desc = 'hanproof: apply every fix in the current buffer' })
      end,
    }, { bufnr = args.buf })
  end,
})
