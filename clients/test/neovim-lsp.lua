-- A real editor end to end: headless Neovim (0.7 or newer) starts `hanproof serve`,
-- opens a Korean file, waits for diagnostics, applies the preferred quick fix of the
-- first one and writes the file.
--   HANPROOF_CMD  the server command, arguments separated by tabs
--   HANPROOF_OUT  a file that receives one line per diagnostic: line:col:code:message
--   nvim --headless --clean -c 'luafile clients/test/neovim-lsp.lua' FILE
local function fail(msg)
  io.stderr:write("neovim-lsp: " .. msg .. "\n")
  vim.cmd("cquit 3")
end

local cmd = vim.split(os.getenv("HANPROOF_CMD") or "hanproof\tserve", "\t", { plain = true })
local out = os.getenv("HANPROOF_OUT")
local bufnr = vim.api.nvim_get_current_buf()
if vim.api.nvim_buf_get_name(bufnr) == "" then fail("no file given") end

local client_id = vim.lsp.start_client({
  name = "hanproof",
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":p:h"),
  settings = { hanproof = {} },
})
if not client_id then fail("the server did not start") end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(90000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100)
if not ok then fail("no diagnostics within 90 s") end

local diags = vim.diagnostic.get(bufnr)
table.sort(diags, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
local lines = {}
for _, d in ipairs(diags) do
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, tostring(d.code or ""), d.message))
end
if out then vim.fn.writefile(lines, out) end

local first = diags[1]
-- the position encoding the server chose (Neovim 0.11 offers utf-8; 0.7 knows only utf-16)
local client = vim.lsp.get_client_by_id(client_id)
local enc = (client and client.offset_encoding) or "utf-16"
-- Neovim 0.7 keeps only the extra fields (code, data …) of the LSP diagnostic: rebuild
-- its range in the negotiated encoding from the byte columns
local function utf16(row, bytecol)
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] or ""
  local col = math.min(bytecol, #line)
  if enc == "utf-8" then
    return { line = row, character = col }
  end
  local col16
  if vim.fn.has("nvim-0.11") == 1 then
    col16 = vim.str_utfindex(line, enc, col)   -- 0.11: (s, encoding, index)
  else
    local _
    _, col16 = vim.str_utfindex(line, col)     -- 0.7: returns utf-32, utf-16
  end
  return { line = row, character = col16 }
end
local extra = (first.user_data and first.user_data.lsp) or {}
local lsp_diag = vim.tbl_extend("force", extra, {
  range = { start = utf16(first.lnum, first.col), ["end"] = utf16(first.end_lnum, first.end_col) },
  message = first.message,
  source = first.source,
  severity = first.severity,
})
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
}
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 20000)
if not responses then fail("no answer to textDocument/codeAction") end
local action
for _, r in pairs(responses) do
  for _, a in ipairs(r.result or {}) do
    if a.isPreferred and a.edit then action = a end
  end
end
if not action then fail("no preferred quick fix with an edit") end
vim.lsp.util.apply_workspace_edit(action.edit, enc)
vim.cmd("silent write")
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
