-- corpus-lsp for Neovim 0.10+:  require('corpus_lsp').setup({ inlay_hints = true })
-- On 0.11+ this is the same as vim.lsp.config('corpus_lsp', …) + vim.lsp.enable('corpus_lsp').
local config = require('corpus_lsp.config')

local M = {}

--- The options given to setup().
M.options = {}

local has_enable = vim.fn.has('nvim-0.11') == 1

-- Client methods became colon calls in 0.11.
local function client_request(client, method, params, handler, bufnr)
  if has_enable then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function client_stop(client)
  if has_enable then
    client:stop()
  else
    client.stop()
  end
end

local function client_is_stopped(client)
  if has_enable then
    return client:is_stopped()
  end
  return client.is_stopped()
end

local function client_supports(client, method)
  if has_enable then
    return client:supports_method(method)
  end
  return client.supports_method(method)
end

--- The corpus-lsp clients, those attached to `bufnr` when given.
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = config.name, bufnr = bufnr })
end

--- The command that starts the server, as configured.
function M.cmd()
  if has_enable and M.options._start_mode ~= 'autocmd' then
    local resolved = vim.lsp.config[config.name]
    if resolved and resolved.cmd then
      return resolved.cmd
    end
  end
  return M.options.cmd or { 'corpus-lsp' }
end

--- Starts (or reuses) the client for a buffer inside a corpus; does nothing elsewhere.
function M.start(bufnr, client_config)
  local root = config.corpus_root(bufnr)
  if not root then
    return nil
  end
  local c = vim.tbl_extend('force', client_config, { name = config.name, root_dir = root })
  c.filetypes, c.root_markers = nil, nil
  return vim.lsp.start(c, { bufnr = bufnr })
end

function M.setup(opts)
  M.options = opts or {}
  local client_config = config.build(M.options)
  if has_enable and M.options._start_mode ~= 'autocmd' then
    vim.lsp.config(config.name, client_config)
    vim.lsp.enable(config.name)
    return
  end
  -- Neovim 0.10 has no vim.lsp.enable: start the client from FileType ourselves.
  local group = vim.api.nvim_create_augroup('corpus_lsp_start', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.start(args.buf, client_config)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr, client_config)
    end
  end
end

--- Restarts every corpus-lsp client and reattaches its buffers.
function M.restart()
  local clients = M.clients()
  if #clients == 0 then
    vim.notify('corpus-lsp is not running', vim.log.levels.WARN)
    return
  end
  for _, client in ipairs(clients) do
    local buffers = vim.tbl_keys(client.attached_buffers)
    local client_config = client.config
    client_stop(client)
    local timer = assert(vim.uv.new_timer())
    local waited = 0
    timer:start(50, 50, vim.schedule_wrap(function()
      waited = waited + 50
      if not client_is_stopped(client) and waited < 5000 then
        return
      end
      timer:stop()
      timer:close()
      for _, bufnr in ipairs(buffers) do
        if vim.api.nvim_buf_is_loaded(bufnr) then
          vim.lsp.start(client_config, { bufnr = bufnr })
        end
      end
    end))
  end
end

--- Quick pick entries for a workspace/symbol answer: sorted by name, then file and line.
function M.entity_items(result, root)
  local items = {}
  for _, symbol in ipairs(result or {}) do
    local location = symbol.location or {}
    local path = location.uri and vim.uri_to_fname(location.uri) or ''
    if root and vim.startswith(path, root .. '/') then
      path = path:sub(#root + 2)
    end
    items[#items + 1] = {
      name = symbol.name,
      kind = symbol.containerName or vim.lsp.protocol.SymbolKind[symbol.kind] or 'symbol',
      path = path,
      line = location.range and location.range.start.line + 1 or nil,
      symbol = symbol,
    }
  end
  table.sort(items, function(a, b)
    if a.name ~= b.name then
      return a.name < b.name
    end
    if a.path ~= b.path then
      return a.path < b.path
    end
    return (a.line or 0) < (b.line or 0)
  end)
  return items
end

function M.format_entity(item)
  local where = item.line and string.format('%s:%d', item.path, item.line) or item.path
  return string.format('%s  [%s]  %s', item.name, item.kind, where)
end

local function open_entity(client, item)
  local function show(location)
    if not location.range then
      location = { uri = location.uri, range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } } }
    end
    vim.lsp.util.show_document(location, client.offset_encoding, { focus = true })
  end
  if item.symbol.location.range or not client_supports(client, 'workspaceSymbol/resolve') then
    show(item.symbol.location)
    return
  end
  client_request(client, 'workspaceSymbol/resolve', item.symbol, function(err, resolved)
    show((not err and resolved and resolved.location) or item.symbol.location)
  end)
end

--- Lists the corpus entities (workspace/symbol with an empty query) and jumps to the chosen one.
function M.entities()
  local client = M.clients(vim.api.nvim_get_current_buf())[1] or M.clients()[1]
  if not client then
    vim.notify('corpus-lsp is not running: open an article in a folder with a corpus.toml', vim.log.levels.WARN)
    return
  end
  if not client.server_capabilities.workspaceSymbolProvider then
    vim.notify('This version of corpus-lsp cannot list corpus entities yet', vim.log.levels.INFO)
    return
  end
  client_request(client, 'workspace/symbol', { query = '' }, function(err, result)
    if err then
      vim.notify('corpus-lsp: ' .. err.message, vim.log.levels.ERROR)
      return
    end
    local items = M.entity_items(result, client.root_dir)
    if #items == 0 then
      vim.notify('corpus-lsp found no entities in this corpus', vim.log.levels.INFO)
      return
    end
    vim.ui.select(items, { prompt = 'Corpus entities', format_item = M.format_entity }, function(item)
      if item then
        open_entity(client, item)
      end
    end)
  end)
end

--- Shows the server's messages and where Neovim's LSP log is, in a scratch buffer.
function M.show_log()
  local lines = {}
  local clients = M.clients()
  if #clients == 0 then
    lines[#lines + 1] = 'corpus-lsp is not running.'
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    lines[#lines + 1] = string.format('# client %d: %s %s, root %s', client.id, info.name or config.name,
      info.version or '', client.root_dir or '?')
    vim.list_extend(lines, config.messages[client.id] or { '(no messages yet)' })
    lines[#lines + 1] = ''
  end
  lines[#lines + 1] = 'Neovim LSP log (server stderr, errors): ' .. vim.lsp.get_log_path()
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  vim.api.nvim_buf_set_name(buf, 'corpus-lsp://log')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
end

--- The corpus-lsp binary: the first word of the configured command.
function M.binary()
  local cmd = M.cmd()
  if type(cmd) == 'table' and type(cmd[1]) == 'string' then
    return cmd[1]
  end
  return 'corpus-lsp'
end

--- The corpus of the current buffer, else of a running client, else around the working folder.
local function current_corpus_root()
  local root = config.corpus_root(vim.api.nvim_get_current_buf())
  if root then
    return root
  end
  local client = M.clients()[1]
  if client and client.root_dir then
    return client.root_dir
  end
  return vim.fs.root(vim.fn.getcwd(), config.config_file)
end

--- Writes the corpus timeline (`corpus-lsp timeline`, one HTML page) to a temporary file and opens
--- it with vim.ui.open. opts: entity (a name; nil for the whole corpus), output (the file),
--- on_done(path or nil, message) called when finished. An unknown entity falls back to the whole
--- corpus.
function M.timeline(opts)
  opts = opts or {}
  local function finish(path, message, level)
    vim.notify(message, level or vim.log.levels.INFO)
    if opts.on_done then
      opts.on_done(path, message)
    end
  end
  local root = current_corpus_root()
  if not root then
    finish(nil, 'corpus-lsp: open an article of a corpus (a folder with a corpus.toml) first', vim.log.levels.WARN)
    return
  end
  local output = opts.output or (vim.fn.tempname() .. '-timeline.html')
  local entity = opts.entity
  if entity then
    entity = vim.trim(entity)
    if entity == '' then
      entity = nil
    end
  end
  local function run(name, done)
    local args = { M.binary(), 'timeline', root, '--output', output }
    if name then
      vim.list_extend(args, { '--entity', name })
    end
    local ok, err = pcall(vim.system, args, { text = true, cwd = root }, vim.schedule_wrap(done))
    if not ok then
      finish(nil, 'corpus-lsp: cannot run ' .. args[1] .. ': ' .. tostring(err), vim.log.levels.ERROR)
    end
  end
  local fell_back = false
  local function shown(result)
    if result.code ~= 0 then
      finish(nil, 'corpus-lsp timeline failed: ' .. vim.trim(result.stderr or ''), vim.log.levels.ERROR)
      return
    end
    local _, err = vim.ui.open(output)
    if err then
      finish(output, string.format('corpus-lsp: wrote %s; cannot open it: %s', output, err), vim.log.levels.WARN)
      return
    end
    local what = (entity and not fell_back) and ('of ' .. entity) or 'of the corpus'
    local note = fell_back and string.format(' (no entity ‘%s’)', entity) or ''
    finish(output, string.format('corpus-lsp: timeline %s%s in %s', what, note, output))
  end
  run(entity, function(result)
    if result.code ~= 0 and entity and (result.stderr or ''):find('no entity named', 1, true) then
      fell_back = true
      run(nil, shown)
    else
      shown(result)
    end
  end)
end

--- Default colours for semantic tokens, as links users and colour schemes can override.
function M.set_highlights()
  local links = {
    organization = '@type',
    person = 'Identifier',
    place = '@module',
    product = '@constant',
    money = '@number',
    quantity = '@number',
    percentage = '@number',
    date = '@string.special',
  }
  for token_type, group in pairs(links) do
    vim.api.nvim_set_hl(0, '@lsp.type.' .. token_type, { link = group, default = true })
    -- Scoped to our types: @lsp.mod.declaration would restyle every other language server too.
    vim.api.nvim_set_hl(0, '@lsp.typemod.' .. token_type .. '.declaration', { bold = true, default = true })
    vim.api.nvim_set_hl(0, '@lsp.typemod.' .. token_type .. '.alias', { italic = true, default = true })
  end
end

return M
