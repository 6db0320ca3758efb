-- Headless end-to-end test of the plugin against the real server.
-- Usage: nvim --headless --clean -l test/run.lua <plugin-dir> <corpus-lsp> <workspace>
-- The workspace holds corpus/ (the seeds and a corpus.toml) and notes/undated.txt (no corpus).
local plugin_dir, server, workspace = arg[1], arg[2], arg[3]
local corpus = workspace .. '/corpus'
local HEADLINE = 'BT on track to get southern Cerner trusts'

local failures = 0
local function out(s)
  io.stdout:write(s .. '\n')
end
local function check(name, ok, detail)
  out(string.format('%s %s%s', ok and 'PASS' or 'FAIL', name, detail ~= nil and (' :: ' .. tostring(detail)) or ''))
  if not ok then
    failures = failures + 1
  end
end

local function seed(prefix)
  return vim.fn.glob(corpus .. '/' .. prefix .. '_*.txt')
end

local function edit(file)
  vim.cmd.edit(vim.fn.fnameescape(file))
  return vim.api.nvim_get_current_buf()
end

local function wait_client(bufnr, timeout)
  local client
  vim.wait(timeout or 10000, function()
    client = vim.lsp.get_clients({ name = 'corpus_lsp', bufnr = bufnr })[1]
    return client ~= nil and client.initialized
  end, 20)
  return client
end

local function diagnostic_codes(bufnr)
  return vim.tbl_map(function(d)
    return d.code
  end, vim.diagnostic.get(bufnr))
end

local function wait_diagnostic(bufnr, code, timeout)
  vim.wait(timeout or 10000, function()
    return vim.tbl_contains(diagnostic_codes(bufnr), code)
  end, 20)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return d
    end
  end
end

local function request(bufnr, method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 10000) or {}
  for _, r in pairs(responses) do
    return r.result, r.err
  end
end

vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd.runtime('plugin/corpus_lsp.lua')
vim.cmd.cd(vim.fn.fnameescape(corpus))

-- Highlights are links with default = true: a colour scheme or the user may override them.
local org = vim.api.nvim_get_hl(0, { name = '@lsp.type.organization' })
check('@lsp.type.organization links to @type', org.link == '@type', vim.inspect(org))
vim.api.nvim_set_hl(0, '@lsp.type.person', { fg = '#ff0000' })
require('corpus_lsp').set_highlights()
check('user highlight overrides survive', vim.api.nvim_get_hl(0, { name = '@lsp.type.person' }).fg == 0xff0000)

-- 1. Neovim 0.11 style: lsp/corpus_lsp.lua + vim.lsp.enable
vim.lsp.config('corpus_lsp', { cmd = { server } })
vim.lsp.enable('corpus_lsp')

local undated = edit(seed('002'))
check('002 has filetype text', vim.bo[undated].filetype == 'text', vim.bo[undated].filetype)
local client = wait_client(undated)
check('client attached to 002', client ~= nil)
if not client then
  out('NVIM: cannot continue without a client')
  vim.cmd('cquit! 1')
end
check('client root is the corpus folder', client.root_dir == corpus, client.root_dir)
check('server identifies itself', client.server_info and client.server_info.name == 'corpus-lsp',
  vim.inspect(client.server_info))
check('utf-8 positions negotiated', client.offset_encoding == 'utf-8', client.offset_encoding)

local d = wait_diagnostic(undated, 'missing-dateline')
check('missing-dateline on 002', d ~= nil and d.severity == vim.diagnostic.severity.INFO,
  d and string.format('%s (severity %d, line %d)', d.message, d.severity, d.lnum))

local dated = edit(seed('000'))
check('client attached to 000', wait_client(dated) ~= nil)
local symbols = request(dated, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(dated) })
local top = symbols and symbols[1]
check('document symbols of 000: the headline first', top and top.name == HEADLINE and top.detail == 'headline'
  and top.kind == vim.lsp.protocol.SymbolKind.File, top and vim.inspect({ top.name, top.detail, top.kind }))
local dateline = top and vim.iter(top.children or {}):find(function(c)
  return c.kind == vim.lsp.protocol.SymbolKind.Event
end)
check('document symbols of 000: the dateline below it', dateline ~= nil, dateline and dateline.name)
check('000 has no missing-dateline', not vim.tbl_contains(diagnostic_codes(dated), 'missing-dateline'))

-- The issue's four checks on 000: a dated warning, cross-article hover, entity token, headline symbol.
local late = wait_diagnostic(dated, 'date-after-publication')
check('date-after-publication on the "on 16 July" line of 000', late ~= nil and late.lnum == 16
  and late.severity == vim.diagnostic.severity.WARN and late.message:find('‘16 July’', 1, true) ~= nil
  and vim.api.nvim_buf_get_lines(dated, late.lnum, late.lnum + 1, false)[1]:find('on 16 July', 1, true) ~= nil,
  late and string.format('%s (severity %d, line %d)', late.message, late.severity, late.lnum))
local line4 = vim.api.nvim_buf_get_lines(dated, 4, 5, false)[1]
local fujitsu = line4:find('from Fujitsu, with an agreement', 1, true)
-- The server answers while it still indexes the corpus in the background:
-- ask again until the whole corpus is in the card.
local hover_md = ''
local function hover_lists_others()
  local hover = fujitsu and request(dated, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(dated),
    position = { line = 4, character = fujitsu - 1 + #'from ' + 2 },
  })
  hover_md = hover and hover.contents and (hover.contents.value or '') or ''
  return hover_md:find('Cerner contract re-set puts focus on local needs', 1, true) ~= nil
    and hover_md:find('002_66e3bc18b3f89ab8.txt', 1, true) ~= nil
end
vim.wait(15000, hover_lists_others, 200)
check('hover over "Fujitsu" lists the other articles that mention it', hover_lists_others(), hover_md:sub(1, 300))
check('document symbols of 000 include the headline', symbols ~= nil and vim.iter(symbols):any(function(s)
  return s.name == HEADLINE
end))

if client.server_capabilities.semanticTokensProvider then
  local legend = client.server_capabilities.semanticTokensProvider.legend
  out('semantic token types: ' .. table.concat(legend.tokenTypes, ', '))
  local missing = vim.tbl_filter(function(t)
    return next(vim.api.nvim_get_hl(0, { name = '@lsp.type.' .. t })) == nil
  end, legend.tokenTypes)
  check('a highlight group for every token type', #missing == 0, table.concat(missing, ', '))
  vim.lsp.semantic_tokens.force_refresh(dated)
  local tokens
  vim.wait(5000, function()
    tokens = vim.lsp.semantic_tokens.get_at_pos(dated, 0, 0)
    return tokens and #tokens > 0
  end, 20)
  check('"BT" in the headline is an organization token', tokens and tokens[1] and tokens[1].type == 'organization',
    tokens and tokens[1] and (tokens[1].type .. ' ' .. vim.inspect(tokens[1].modifiers, { newline = ' ', indent = '' })))
  local bt = vim.lsp.semantic_tokens.get_at_pos(dated, 4, 0) or {}
  check('"British Telecom" (line 4, column 0) is an organization token', bt[1] ~= nil and bt[1].type == 'organization'
    and bt[1].start_col == 0 and bt[1].end_col == #'British Telecom',
    bt[1] and string.format('%s %d-%d', bt[1].type, bt[1].start_col, bt[1].end_col))
else
  check('the server offers semantic tokens', false)
end

-- A text file outside any corpus is left alone.
local outside = edit(workspace .. '/notes/undated.txt')
vim.wait(1500)
check('no client for a .txt outside the corpus', #vim.lsp.get_clients({ bufnr = outside }) == 0)
check('no diagnostics outside the corpus', #vim.diagnostic.get(outside) == 0)

-- :checkhealth, run from an article of the corpus
vim.cmd.buffer(dated)
vim.cmd('checkhealth corpus_lsp')
local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
vim.cmd('bwipeout!')
check('checkhealth: binary OK', health:find('OK binary: ' .. server, 1, true) ~= nil)
check('checkhealth: version OK', health:find('OK version: corpus-lsp', 1, true) ~= nil)
check('checkhealth: root OK', health:find('corpus ' .. corpus .. ', attached', 1, true) ~= nil)
check('checkhealth: outside file reported as left alone', health:find('not in a corpus', 1, true) ~= nil)
check('checkhealth: no ERROR', health:find('ERROR', 1, true) == nil)
if failures > 0 then
  out(health)
end

-- :CorpusLspEntities: a picker, or a message when there is nothing to pick.
local picked, notified
local ui_select, notify = vim.ui.select, vim.notify
vim.ui.select = function(items, opts, on_choice)
  picked = { items = items, prompt = opts.prompt, first = items[1] and opts.format_item(items[1]), item = items[1] }
  on_choice(items[1])
end
vim.notify = function(msg)
  notified = msg
end
vim.cmd.buffer(dated)
vim.cmd('CorpusLspEntities')
vim.wait(5000, function()
  return picked ~= nil or notified ~= nil
end, 20)
vim.ui.select, vim.notify = ui_select, notify
check(':CorpusLspEntities answers', picked ~= nil or notified ~= nil,
  picked and string.format('%d entities, first %s', #picked.items, picked.first) or notified)
if picked and picked.item.line then
  vim.wait(2000, function()
    return vim.api.nvim_buf_get_name(0):sub(-#picked.item.path) == picked.item.path
  end, 20)
  local cursor = vim.api.nvim_win_get_cursor(0)
  check('choosing an entity jumps to its mention', vim.api.nvim_buf_get_name(0):sub(-#picked.item.path) == picked.item.path
    and cursor[1] == picked.item.line, string.format('%s:%d', vim.fn.expand('%:t'), cursor[1]))
end

-- The picker's entries, from a workspace/symbol answer of either LSP shape.
local items = require('corpus_lsp').entity_items({
  { name = 'Fujitsu', kind = 5, containerName = 'organization',
    location = { uri = vim.uri_from_fname(corpus .. '/002.txt'), range = { start = { line = 2, character = 0 } } } },
  { name = 'BT', kind = 5, location = { uri = vim.uri_from_fname(corpus .. '/000.txt'), range = { start = { line = 0, character = 0 } } } },
  { name = 'London', kind = 3, location = { uri = vim.uri_from_fname(corpus .. '/004.txt') } },
}, corpus)
local labels = vim.tbl_map(require('corpus_lsp').format_entity, items)
check('entity picker entries', vim.deep_equal(labels, {
  'BT  [Class]  000.txt:1', 'Fujitsu  [organization]  002.txt:3', 'London  [Namespace]  004.txt',
}), vim.inspect(labels))

-- :CorpusLspLog shows the server's messages.
vim.cmd('CorpusLspLog')
local log = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
check(':CorpusLspLog shows server messages', log:find('corpus-lsp', 1, true) ~= nil and log:find('ready', 1, true) ~= nil,
  log:sub(1, 200))
vim.cmd('close')

-- :CorpusLspRestart: a new client takes over the same buffers.
vim.cmd.buffer(undated)
local old_id = client.id
vim.cmd('CorpusLspRestart')
local restarted
vim.wait(10000, function()
  restarted = vim.lsp.get_clients({ name = 'corpus_lsp', bufnr = undated })[1]
  return restarted ~= nil and restarted.id ~= old_id and restarted.initialized
end, 20)
check(':CorpusLspRestart starts a new client', restarted ~= nil and restarted.id ~= old_id,
  restarted and ('client ' .. restarted.id))
check('the old client stopped', client:is_stopped())
check('diagnostics again after the restart', wait_diagnostic(undated, 'missing-dateline') ~= nil)

-- 2. setup() with options, through the Neovim 0.10 code path (FileType autocommand + vim.lsp.start).
vim.lsp.enable('corpus_lsp', false)
for _, c in ipairs(vim.lsp.get_clients({ name = 'corpus_lsp' })) do
  c:stop()
end
vim.wait(5000, function()
  return #vim.lsp.get_clients({ name = 'corpus_lsp' }) == 0
end, 20)
require('corpus_lsp').setup({
  cmd = { server },
  inlay_hints = true,
  settings = { corpusLsp = { diagnostics = { severity = { ['missing-dateline'] = 'hint' } } } },
  _start_mode = 'autocmd',
})
local other = edit(seed('004'))
local c2 = wait_client(other)
check('setup(): client attached to 004', c2 ~= nil)
if c2 then
  check('setup(): root is the corpus folder', c2.root_dir == corpus, c2.root_dir)
  check('setup({inlay_hints = true}) enables inlay hints', vim.lsp.inlay_hint.is_enabled({ bufnr = other }))
  -- What the server gets when it asks for its settings (workspace/configuration).
  local answer = vim.lsp.handlers['workspace/configuration'](nil, {
    items = { { section = 'corpusLsp' }, { section = 'corpusLsp.inlayHints.enabled' } },
  }, { client_id = c2.id, method = 'workspace/configuration' })
  check('workspace/configuration: corpusLsp settings', answer and answer[1].diagnostics.severity['missing-dateline'] == 'hint'
    and answer[2] == true, vim.inspect(answer, { newline = ' ', indent = '' }))
  local undated_again = edit(seed('002'))
  local hinted
  vim.wait(10000, function()
    hinted = wait_diagnostic(undated_again, 'missing-dateline', 100)
    return hinted ~= nil and hinted.severity == vim.diagnostic.severity.HINT
  end, 50)
  check('setup(settings): missing-dateline reported as a hint', hinted and hinted.severity == vim.diagnostic.severity.HINT,
    hinted and ('severity ' .. hinted.severity))
  c2:stop()
end
local markdown = workspace .. '/notes/article.md'
vim.fn.writefile({ '# Not in a corpus', '', 'Body.' }, markdown)
local md = edit(markdown)
vim.wait(1000)
check('setup(): markdown outside the corpus is left alone', #vim.lsp.get_clients({ bufnr = md }) == 0)

out(failures == 0 and 'NVIM: ALL PASS' or string.format('NVIM: %d FAILED', failures))
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
