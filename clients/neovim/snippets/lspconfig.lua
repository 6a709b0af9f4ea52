-- hanproof as a custom server for nvim-lspconfig's `require('lspconfig').NAME.setup{}`
-- interface (Neovim 0.8 – 0.10, or older nvim-lspconfig). Needs `hanproof` on PATH:
--   pip install hanproof
-- With Neovim >= 0.11, prefer lsp/hanproof.lua and vim.lsp.enable('hanproof').

local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

local language_ids = {
  gitcommit = 'git-commit',
  plaintex = 'latex',
  rst = 'restructuredtext',
  tex = 'latex',
  text = 'plaintext',
}

if not configs.hanproof then
  configs.hanproof = {
    default_config = {
      cmd = { 'hanproof', 'serve' },
      filetypes = {
        'asciidoc', 'c', 'cpp', 'gitcommit', 'go', 'html', 'java', 'javascript', 'markdown',
        'org', 'plaintex', 'python', 'rst', 'rust', 'tex', 'text', 'typescript',
      },
      root_dir = util.root_pattern('hanproof.toml', 'pyproject.toml', '.git'),
      single_file_support = true,
      get_language_id = function(_, filetype)
        return language_ids[filetype] or filetype
      end,
      settings = { hanproof = {} },
    },
    docs = {
      description = [[
https://github.com/hanproof/hanproof

hanproof: offline Korean proofreader (맞춤법 · 띄어쓰기 · 문법). `pip install hanproof`.
]],
    },
  }
end

require('lspconfig').hanproof.setup({
  settings = {
    hanproof = {
      ignore = { 'style' },
      severity = { spelling = 'error' },
      words = { '한프루프' },
    },
  },
})
