-- :checkhealth corpus_lsp
local M = {}

local config = require('corpus_lsp.config')

local function check_binary()
  vim.health.start('corpus-lsp: server')
  local cmd = require('corpus_lsp').cmd()
  if type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    vim.health.warn('cmd is not a list of strings; cannot check the binary')
    return
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    vim.health.error(cmd[1] .. ' is not executable or not on PATH', {
      'Install it with ' .. config.install_hint,
      "or point to it: vim.lsp.config('corpus_lsp', { cmd = { '/path/to/corpus-lsp' } })",
    })
    return
  end
  vim.health.ok('binary: ' .. vim.fn.exepath(cmd[1]))
  local ok, result = pcall(function()
    return vim.system({ cmd[1], '--version' }, { text = true }):wait(5000)
  end)
  if ok and result.code == 0 then
    vim.health.ok('version: ' .. vim.trim(result.stdout))
  else
    vim.health.error('`' .. cmd[1] .. ' --version` failed: ' .. vim.trim(ok and (result.stderr or '') or tostring(result)))
  end
end

-- Articles, corpus.toml and .ann buffers (not other toml files: the client leaves them alone).
local function corpus_buffers()
  local buffers = {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype)
      and vim.bo[bufnr].buftype == '' and vim.api.nvim_buf_get_name(bufnr) ~= '' and config.role(bufnr) then
      buffers[#buffers + 1] = bufnr
    end
  end
  return buffers
end

local function check_roots()
  vim.health.start('corpus-lsp: corpus roots')
  local cwd = vim.fn.getcwd()
  local found = vim.fs.find('corpus.toml', { upward = true, path = cwd, type = 'file' })[1]
  if found then
    vim.health.ok('working directory is in the corpus ' .. vim.fs.dirname(found))
  else
    vim.health.info('no corpus.toml at or above the working directory ' .. cwd)
  end
  for _, bufnr in ipairs(corpus_buffers()) do
    local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':~:.')
    local root = config.corpus_root(bufnr)
    local attached = #require('corpus_lsp').clients(bufnr) > 0
    if root and attached then
      vim.health.ok(string.format('%s: corpus %s, attached', name, root))
    elseif root then
      vim.health.warn(string.format('%s: corpus %s, but no client attached', name, root),
        { "Call vim.lsp.enable('corpus_lsp') or require('corpus_lsp').setup()" })
    else
      vim.health.info(name .. ': not in a corpus (no corpus.toml above it), left alone')
    end
  end
end

local function check_clients()
  vim.health.start('corpus-lsp: clients')
  local clients = require('corpus_lsp').clients()
  if #clients == 0 then
    vim.health.info('no client running')
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    vim.health.ok(string.format('client %d: %s %s, root %s, %s positions, %d buffer(s)', client.id,
      info.name or '?', info.version or '', client.root_dir or '?', client.offset_encoding,
      vim.tbl_count(client.attached_buffers)))
  end
end

function M.check()
  vim.health.start('corpus-lsp: Neovim')
  if vim.fn.has('nvim-0.10') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('corpus-lsp needs Neovim 0.10 or newer')
  end
  check_binary()
  check_roots()
  check_clients()
end

return M
