-- The client configuration shared by lsp/corpus_lsp.lua (vim.lsp.enable, Neovim 0.11+) and
-- require('corpus_lsp').setup() (Neovim 0.10+).
local M = {}

M.name = 'corpus_lsp'
--- The file that makes a folder a corpus root.
M.config_file = 'corpus.toml'

--- The filetype of brat standoff `.ann` files: Neovim's own when it has one, else `brat`,
--- registered here (Neovim 0.11 has none).
local function ann_filetype()
  local ft = vim.filetype.match({ filename = 'a.ann' })
  if ft then
    return ft
  end
  vim.filetype.add({ extension = { ann = 'brat' } })
  return 'brat'
end

--- Articles are text and markdown buffers.
M.article_filetypes = { 'text', 'markdown' }
M.ann_filetype = ann_filetype()
--- Every filetype the client may attach to: articles, plus the corpus.toml (toml) and the .ann
--- files (brat) the server reads from the editor while they are open. corpus_root() narrows
--- toml down to corpus.toml, so other toml buffers stay with their own servers only.
M.filetypes = vim.list_extend(vim.deepcopy(M.article_filetypes), { 'toml', M.ann_filetype })
M.root_markers = { 'corpus.toml', '.git' }
M.install_hint = '`cargo install --path server` in a corpus-lsp checkout'

--- Server messages (window/logMessage) per client id, newest last, for :CorpusLspLog.
M.messages = {}
local MAX_MESSAGES = 2000
local LEVELS = { 'ERROR', 'WARN', 'INFO', 'LOG', 'DEBUG' }

--- Settings the server reads through workspace/configuration (section "corpusLsp").
function M.default_settings()
  return {
    corpusLsp = {
      inlayHints = { enabled = true },
      diagnostics = { severity = vim.empty_dict() },
    },
  }
end

--- What a buffer is to the server: 'config' (a corpus.toml), 'annotations' (a .ann file),
--- 'article' (a text or markdown buffer), or nil (anything else, such as other toml files).
function M.role(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.fs.basename(name) == M.config_file then
    return 'config'
  elseif name:match('%.ann$') then
    return 'annotations'
  elseif vim.tbl_contains(M.article_filetypes, vim.bo[bufnr].filetype) then
    return 'article'
  end
  return nil
end

--- The corpus a buffer belongs to: the nearest folder at or above its file with a corpus.toml
--- (for a corpus.toml, its own folder). Nil for buffers without a file, for files outside every
--- corpus, and for buffers the server does not read (role() is nil).
function M.corpus_root(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') or not M.role(bufnr) then
    return nil
  end
  return vim.fs.root(bufnr, M.config_file)
end

--- root_dir for vim.lsp.config: outside a corpus, on_dir is never called, so nothing attaches
--- (root_markers alone would also attach to any text file in a git repository).
function M.root_dir(bufnr, on_dir)
  local root = M.corpus_root(bufnr)
  if root then
    on_dir(root)
  end
end

local function log_message(err, result, ctx, config)
  if result and ctx and ctx.client_id then
    local list = M.messages[ctx.client_id] or {}
    M.messages[ctx.client_id] = list
    list[#list + 1] = string.format('%s [%s] %s', os.date('%H:%M:%S'), LEVELS[result.type] or '?', result.message)
    if #list > MAX_MESSAGES then
      table.remove(list, 1)
    end
  end
  return vim.lsp.handlers['window/logMessage'](err, result, ctx, config)
end

--- The client configuration for the given setup() options.
function M.build(opts)
  opts = opts or {}
  local settings = vim.tbl_deep_extend('force', M.default_settings(), opts.settings or {})
  if opts.inlay_hints ~= nil then
    settings.corpusLsp.inlayHints.enabled = opts.inlay_hints
  end
  local user_on_attach = opts.on_attach
  return {
    cmd = opts.cmd or { 'corpus-lsp' },
    filetypes = M.filetypes,
    root_markers = M.root_markers,
    root_dir = M.root_dir,
    settings = settings,
    capabilities = opts.capabilities,
    handlers = vim.tbl_extend('force', { ['window/logMessage'] = log_message }, opts.handlers or {}),
    on_attach = function(client, bufnr)
      if opts.inlay_hints and vim.lsp.inlay_hint and M.role(bufnr) == 'article' then
        vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
      end
      if user_on_attach then
        user_on_attach(client, bufnr)
      end
    end,
  }
end

return M
