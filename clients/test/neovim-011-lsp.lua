-- Neovim >= 0.11 with the shipped clients/neovim/lsp/hanproof.lua, against the real
-- server: the way a new user sets it up (vim.lsp.enable), then a quick fix.
--   HANPROOF_REPO  the repository (its clients/neovim is put on 'runtimepath')
--   HANPROOF_CMD   the server command, arguments separated by tabs
--   HANPROOF_OUT   receives one line per diagnostic: line:col:code:message
local function fail(msg)
  io.stderr:write("neovim-0.11-lsp: " .. msg .. "\n")
  vim.cmd("cquit 3")
end

vim.opt.runtimepath:prepend(os.getenv("HANPROOF_REPO") .. "/clients/neovim")
vim.lsp.config("hanproof", { cmd = vim.split(os.getenv("HANPROOF_CMD"), "\t", { plain = true }) })
vim.lsp.enable("hanproof")
vim.cmd("edit " .. vim.fn.fnameescape(vim.fn.argv(0)))
local bufnr = vim.api.nvim_get_current_buf()

if not vim.wait(90000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100) then
  fail("no diagnostics within 90 s")
end
local diags = vim.diagnostic.get(bufnr)
table.sort(diags, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
local lines = {}
for _, d in ipairs(diags) do
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, tostring(d.code or ""), d.message))
end
vim.fn.writefile(lines, os.getenv("HANPROOF_OUT"))

local client = vim.lsp.get_clients({ bufnr = bufnr, name = "hanproof" })[1]
if not client then fail("hanproof is not attached") end
local first = diags[1]
local lsp_diag = first.user_data and first.user_data.lsp
if not (lsp_diag and lsp_diag.range) then fail("diagnostic without its LSP form") end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
}
local resp = client:request_sync("textDocument/codeAction", params, 20000, bufnr)
if not resp or resp.err then fail("codeAction failed: " .. vim.inspect(resp)) end
local action
for _, a in ipairs(resp.result or {}) do
  if a.isPreferred and a.edit then action = a end
end
if not action then fail("no preferred quick fix with an edit") end
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
vim.cmd("silent write")
client:stop()
vim.wait(2000, function() return client:is_stopped() end, 50)
vim.cmd("qall!")
