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

-- 3. Curation: a code action's edit, applied the way Neovim applies it, leaves a valid corpus.toml
-- with the user's comments kept. Last, because it adds an entity to the corpus.
-- Comments in the places users put them: the workspace's own header line, a table, an inline comment,
-- a comment at the end. Written before a fresh server starts (setup()'s FileType autocommand).
local toml = corpus .. '/corpus.toml'
local original = vim.fn.readfile(toml)
vim.list_extend(original, {
  '# Notes by the people who curate this corpus: a code action must keep them.',
  '',
  '[corpus]',
  '# the defaults, spelled out',
  'include = ["**/*.txt", "**/*.md"]  # articles only',
  '',
  '# Curated entities go below.',
})
vim.fn.writefile(original, toml)
local original_comments = vim.tbl_filter(function(l)
  return l:find('#', 1, true) ~= nil
end, original)
local curating = edit(seed('001'))
local c3 = wait_client(curating)
check('curation: client attached to 001', c3 ~= nil)
-- Before the corpus is indexed the server answers from 001 alone (where it takes Cerner for a
-- person): wait for the whole corpus, as the log tells (:CorpusLspLog).
local indexed = c3 and vim.wait(10000, function()
  return vim.iter(require('corpus_lsp.config').messages[c3.id] or {}):any(function(m)
    return m:find('indexed %d+ articles') ~= nil
  end)
end, 20)
check('curation: the corpus is indexed', indexed == true)
-- The first name the server highlights (semantic tokens) that it offers to add to corpus.toml.
local NAME_TYPES = { organization = true, person = true, place = true, product = true }
local add, mention
if c3 then
  local sem = request(curating, 'textDocument/semanticTokens/full',
    { textDocument = vim.lsp.util.make_text_document_params(curating) })
  local token_types = c3.server_capabilities.semanticTokensProvider.legend.tokenTypes
  local data, line, col, asked = sem and sem.data or {}, 0, 0, 0
  for i = 1, #data, 5 do
    line, col = line + data[i], (data[i] > 0 and 0 or col) + data[i + 1]
    if NAME_TYPES[token_types[data[i + 3] + 1]] and asked < 20 then
      asked = asked + 1
      local pos = { line = line, character = col }
      local actions = request(curating, 'textDocument/codeAction', {
        textDocument = vim.lsp.util.make_text_document_params(curating),
        range = { start = pos, ['end'] = pos },
        context = { diagnostics = {}, triggerKind = 1 },
      }) or {}
      add = vim.iter(actions):find(function(a)
        return a.title:match('^Add ‘.+’ to corpus entities as %a+$') ~= nil
      end)
      if add then
        local text = vim.api.nvim_buf_get_lines(curating, line, line + 1, false)[1]:sub(col + 1, col + data[i + 2])
        mention = { pos = pos, text = text, actions = #actions }
        break
      end
    end
  end
  check('curation: a name in 001 gets an "Add ‘…’ to corpus entities as …" action', add ~= nil,
    add and string.format('%s (on ‘%s’, line %d, among %d actions)', add.title, mention.text, mention.pos.line,
      mention.actions) or string.format('none among the first %d names', asked))
end
local entity, kind
if add then
  entity, kind = add.title:match('^Add ‘(.+)’ to corpus entities as (%a+)$')
  vim.lsp.util.apply_workspace_edit(add.edit, c3.offset_encoding)
  local tbuf = vim.fn.bufnr(toml)
  local lines = tbuf > 0 and vim.api.nvim_buf_get_lines(tbuf, 0, -1, false) or {}
  local shown = table.concat(lines, '\\n')
  -- Every line of the file before, comments included, still there and in the same order.
  local at, missing = 1, nil
  for _, want in ipairs(original) do
    while at <= #lines and lines[at] ~= want do
      at = at + 1
    end
    if at > #lines then
      missing = want
      break
    end
    at = at + 1
  end
  check(string.format('curation: the %d comment lines of corpus.toml kept, in order, with every other line', #original_comments),
    tbuf > 0 and missing == nil, (missing and ('lost or moved: ' .. missing .. ' :: ') or '') .. shown)
  -- The new [[entity]] table: the name and type of the action's title.
  local tables, found = 0, false
  for i, l in ipairs(lines) do
    if l == '[[entity]]' then
      tables = tables + 1
      local keys = {}
      for j = i + 1, #lines do
        if lines[j]:match('^%s*%[') then
          break
        end
        local key, val = lines[j]:match('^%s*(%w+)%s*=%s*"(.-)"')
        if key then
          keys[key] = val
        end
      end
      found = found or (keys.name == entity and keys.type == kind)
    end
  end
  check(string.format('curation: corpus.toml has one new [[entity]] for ‘%s’ (%s)', entity, kind), tables == 1 and found,
    not (tables == 1 and found) and string.format('%d [[entity]] tables :: %s', tables, shown) or nil)

  -- Save it as the user would. Nothing tells the running server: the plugin does not attach to
  -- corpus.toml, and Neovim on Linux offers no file watching. So restart it: the new server reads
  -- corpus.toml from disk and publishes its diagnostics.
  if tbuf > 0 then
    vim.api.nvim_buf_call(tbuf, function()
      vim.cmd('silent write')
    end)
  end
  check('curation: corpus.toml saved', tbuf > 0 and not vim.bo[tbuf].modified
    and vim.deep_equal(vim.fn.readfile(toml), lines))
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local published
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and vim.uri_to_fname(result.uri) == toml and ctx.client_id ~= c3.id then
      published = result.diagnostics
    end
    return publish(err, result, ctx, config)
  end
  vim.cmd.buffer(curating)
  vim.cmd('CorpusLspRestart')
  vim.wait(15000, function()
    return published ~= nil
  end, 20)
  vim.lsp.handlers['textDocument/publishDiagnostics'] = publish
  local errors = vim.tbl_filter(function(dg)
    return dg.severity == vim.lsp.protocol.DiagnosticSeverity.Error or dg.code == 'config-error'
  end, published or {})
  check('curation: the server reads the saved corpus.toml without errors', published ~= nil and #errors == 0,
    published == nil and 'no diagnostics published for corpus.toml' or vim.inspect(vim.tbl_map(function(dg)
      return string.format('line %d: %s', dg.range.start.line, dg.message)
    end, errors), { newline = ' ', indent = '' }))
  -- The server now knows the entity as curated: it no longer offers to add it.
  local titles = {}
  vim.wait(10000, function()
    local c4 = vim.lsp.get_clients({ name = 'corpus_lsp', bufnr = curating })[1]
    if not (c4 and c4.id ~= c3.id and c4.initialized) then
      return false
    end
    local actions = request(curating, 'textDocument/codeAction', {
      textDocument = vim.lsp.util.make_text_document_params(curating),
      range = { start = mention.pos, ['end'] = mention.pos },
      context = { diagnostics = {}, triggerKind = 1 },
    })
    titles = vim.tbl_map(function(a)
      return a.title
    end, actions or {})
    return actions ~= nil and not vim.tbl_contains(titles, add.title)
  end, 200)
  check(string.format('curation: ‘%s’ is curated after the restart (no "Add" action)', entity),
    #titles > 0 and not vim.tbl_contains(titles, add.title), table.concat(titles, ' | '))
end

out(failures == 0 and 'NVIM: ALL PASS' or string.format('NVIM: %d FAILED', failures))
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
