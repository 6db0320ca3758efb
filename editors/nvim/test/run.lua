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

-- Every diagnostics publication, per file, numbered in arrival order: checks can ask for the
-- ones that came after a given point.
local publications, published_count = {}, 0
local publication_observer -- called with the file of each publication, when set
do
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri then
      published_count = published_count + 1
      local file = vim.uri_to_fname(result.uri)
      publications[file] = publications[file] or {}
      table.insert(publications[file], { n = published_count, version = result.version,
        diagnostics = result.diagnostics or {}, client_id = ctx.client_id })
      if publication_observer then
        publication_observer(file)
      end
    end
    return publish(err, result, ctx, config)
  end
end

--- The publications for a file after number `since`.
local function published_since(file, since)
  return vim.tbl_filter(function(p)
    return p.n > since
  end, publications[file] or {})
end

local function codes_of(diagnostics)
  return vim.tbl_map(function(dg)
    return dg.code
  end, diagnostics)
end

local function write_file(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

local function attached(bufnr, client_id)
  return vim.iter(vim.lsp.get_clients({ name = 'corpus_lsp', bufnr = bufnr })):any(function(c)
    return client_id == nil or c.id == client_id
  end)
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
-- The client reads corpus.toml and .ann buffers of a corpus, and no other toml file.
local other_toml = corpus .. '/notes.toml'
write_file(other_toml, '# not the corpus configuration\n')
local otoml = edit(other_toml)
local stray_ann = workspace .. '/notes/stray.ann'
write_file(stray_ann, 'T1\tPerson 0 4\tNote\n')
local sann = edit(stray_ann)
local ctoml = edit(corpus .. '/corpus.toml')
check('vim.lsp.enable: corpus.toml attached', wait_client(ctoml) ~= nil and attached(ctoml, client.id))
vim.wait(1000)
check('vim.lsp.enable: another toml file in the corpus is left alone', vim.bo[otoml].filetype == 'toml'
  and #vim.lsp.get_clients({ bufnr = otoml }) == 0, vim.bo[otoml].filetype)
check('.ann files have filetype brat; one outside any corpus is left alone', vim.bo[sann].filetype == 'brat'
  and #vim.lsp.get_clients({ bufnr = sann }) == 0, vim.bo[sann].filetype)
-- Section 3 rewrites corpus.toml on disk: no buffer may hold the old text.
for _, b in ipairs({ otoml, sann, ctoml }) do
  vim.api.nvim_buf_delete(b, { force = true })
end

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

-- 1b. brat annotations: typing in an article keeps its .ann in step, through the server's
-- workspace/applyEdit, whether the .ann is not open (Neovim loads it to apply the edit, and the
-- client attaches to it) or open in a split beforehand. Offsets are code points, and the text
-- has emoji (one with a variation selector) and CJK before the annotated names. A corpus of its
-- own, made here.
local annotated = workspace .. '/annotated'
vim.fn.mkdir(annotated, 'p')
write_file(annotated .. '/corpus.toml', '[annotations]\nformat = "brat"\n')
local ARTICLE = 'Tidewater Rail wins 🚆 bid\n\n3 March 2011\n\n'
  .. 'After a long review, Tidewater Rail agreed terms with 東京 Transit on Friday.\n'
local BODY_LINE = 4 -- 0-based line of the body paragraph
local INSERTED = '(🌧️ 雨天, 港) '
local function code_points(s)
  return vim.str_utfindex(s, 'utf-32')
end
-- The code-point span of the first `needle` at or after byte `init`.
local function span(text, needle, init)
  local at = assert(text:find(needle, init or 1, true), needle)
  local start = code_points(text:sub(1, at - 1))
  return start, start + code_points(needle)
end
-- The .ann for `text`: the headline's name (before every edit), the body's name with an A line,
-- and `metro` (the CJK name) with a note.
local function ann_for(text, metro)
  local body = assert(text:find('After', 1, true))
  local h1, h2 = span(text, 'Tidewater Rail')
  local b1, b2 = span(text, 'Tidewater Rail', body)
  local m1, m2 = span(text, metro, body)
  return table.concat({
    string.format('T1\tOrganization %d %d\tTidewater Rail', h1, h2),
    string.format('T2\tOrganization %d %d\tTidewater Rail', b1, b2),
    'A1\tConfidence T2 High',
    string.format('T3\tOrganization %d %d\t%s', m1, m2, metro),
    '#1\tAnnotatorNotes T3\tchecked against the timetable',
  }, '\n') .. '\n'
end
local function show(text)
  return (text or 'nil'):gsub('\t', '⇥'):gsub('\n', '⏎ ')
end
-- The body's text after `inserted` goes in before its name, and `inside` after the first CJK
-- character of 東京.
local function body_text(inserted, inside)
  return ARTICLE:gsub('review, Tidewater', 'review, ' .. inserted .. 'Tidewater', 1)
    :gsub('東京', '東' .. inside .. '京', 1)
end

local function shift_case(name, ann_open)
  local article_path, ann_path = annotated .. '/' .. name .. '.txt', annotated .. '/' .. name .. '.ann'
  local what = name .. '.ann ' .. (ann_open and 'open in a split' or 'not open')
  write_file(article_path, ARTICLE)
  write_file(ann_path, ann_for(ARTICLE, '東京 Transit'))
  local art = edit(article_path)
  local c = wait_client(art)
  check(what .. ': client attached to the article, corpus root ' .. vim.fs.basename(annotated),
    c ~= nil and c.root_dir == annotated, c and c.root_dir)
  if not c then
    return
  end
  -- Typing before the server knows the .ann would move nothing: wait until it has indexed.
  vim.wait(10000, function()
    return vim.iter(require('corpus_lsp.config').messages[c.id] or {}):any(function(m)
      return m:find('indexed %d+ articles') ~= nil
    end)
  end, 20)
  local ann_buf
  if ann_open then
    vim.cmd('belowright split ' .. vim.fn.fnameescape(ann_path))
    ann_buf = vim.api.nvim_get_current_buf()
    vim.cmd.wincmd('p')
    vim.wait(5000, function()
      return attached(ann_buf, c.id)
    end, 20)
    check(what .. ': the .ann buffer (filetype ' .. vim.bo[ann_buf].filetype .. ') is attached',
      vim.bo[ann_buf].filetype == 'brat' and attached(ann_buf, c.id))
  else
    check(what .. ': no buffer for the .ann yet', vim.fn.bufloaded(ann_path) == 0)
  end
  local since = published_count

  -- Emoji and CJK typed before the body's name.
  local line = vim.api.nvim_buf_get_lines(art, BODY_LINE, BODY_LINE + 1, false)[1]
  local col = assert(line:find('Tidewater Rail', 1, true)) - 1
  vim.api.nvim_buf_set_text(art, BODY_LINE, col, BODY_LINE, col, { INSERTED })
  local edited = body_text(INSERTED, '')
  check(what .. ': the article buffer holds the edited text', buffer_text(art) == edited, show(buffer_text(art)))
  local want = ann_for(edited, '東京 Transit')
  -- Article publications that arrive once the .ann buffer shows the shift (its didOpen or
  -- didChange makes the server publish every open document again).
  local after_shift = 0
  publication_observer = function(file)
    local b = vim.fn.bufnr(ann_path)
    if file == article_path and b > 0 and vim.api.nvim_buf_is_loaded(b) and buffer_text(b) == want then
      after_shift = after_shift + 1
    end
  end
  local function ann_shows(expected)
    vim.wait(10000, function()
      ann_buf = vim.fn.bufnr(ann_path)
      return ann_buf > 0 and vim.api.nvim_buf_is_loaded(ann_buf) and buffer_text(ann_buf) == expected
    end, 20)
    return ann_buf > 0 and vim.api.nvim_buf_is_loaded(ann_buf) and buffer_text(ann_buf) == expected
  end
  local shifted = ann_shows(want)
  check(string.format('%s: after typing %d code points before T2, the .ann buffer has exactly the shifted T lines',
    what, code_points(INSERTED)), shifted, 'want ' .. show(want) .. ' :: got '
    .. show(ann_buf > 0 and vim.api.nvim_buf_is_loaded(ann_buf) and buffer_text(ann_buf) or nil))
  if ann_buf <= 0 then
    return
  end
  check(what .. ': the .ann buffer is modified, to be saved with the article', vim.bo[ann_buf].modified)
  if not ann_open then
    vim.wait(5000, function()
      return attached(ann_buf, c.id)
    end, 20)
    check(what .. ': the .ann buffer, loaded to apply the edit (filetype ' .. vim.bo[ann_buf].filetype
      .. '), is attached', vim.bo[ann_buf].filetype == 'brat' and attached(ann_buf, c.id))
  end

  -- The server's diagnostics for the article, from the edit on: never a stale annotation, and at
  -- least one publication after the .ann buffer changed.
  vim.wait(5000, function()
    return after_shift > 0
  end, 20)
  vim.wait(300)
  publication_observer = nil
  local stale = {}
  for _, p in ipairs(published_since(article_path, since)) do
    vim.list_extend(stale, vim.tbl_filter(function(code)
      return code == 'stale-annotation'
    end, codes_of(p.diagnostics)))
  end
  check(what .. ': the server publishes the article again after the .ann changed, with no stale-annotation',
    after_shift > 0 and #stale == 0
      and not vim.tbl_contains(diagnostic_codes(art), 'stale-annotation'),
    string.format('%d publications since the edit, %d after the .ann changed, %d stale-annotation; now: %s',
      #published_since(article_path, since), after_shift, #stale,
      table.concat(diagnostic_codes(art), ', ')))
  local ann_codes = diagnostic_codes(ann_buf)
  check(what .. ': no diagnostics on the .ann', #ann_codes == 0, table.concat(ann_codes, ', '))

  -- The hover of the body's name, at its new place, comes from the annotation.
  line = vim.api.nvim_buf_get_lines(art, BODY_LINE, BODY_LINE + 1, false)[1]
  col = assert(line:find('Tidewater Rail', 1, true)) - 1
  local hover = request(art, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(art),
    position = { line = BODY_LINE, character = col + #'Tide' },
  })
  local card = hover and hover.contents and (hover.contents.value or '') or ''
  local note = 'Annotated as Organization (T2 in ' .. name .. '.ann)'
  check(what .. ': hover on the moved name says “' .. note .. '”', card:find(note, 1, true) ~= nil, card:sub(1, 300))

  -- A character typed inside 東京: T3's end moves by one code point, and its text follows.
  line = vim.api.nvim_buf_get_lines(art, BODY_LINE, BODY_LINE + 1, false)[1]
  col = assert(line:find('東京', 1, true)) - 1 + #'東'
  vim.api.nvim_buf_set_text(art, BODY_LINE, col, BODY_LINE, col, { 'の' })
  edited = body_text(INSERTED, 'の')
  want = ann_for(edited, '東の京 Transit')
  check(what .. ': after typing inside 東京, T3 spans and spells 東の京 Transit, nothing else changed',
    ann_shows(want), 'want ' .. show(want) .. ' :: got ' .. show(buffer_text(ann_buf)))

  -- :wa saves the .ann with the article.
  vim.cmd('silent wall')
  check(what .. ': :wall saves the article and its .ann', read_file(article_path) == edited
    and read_file(ann_path) == want, show(read_file(ann_path)))
end

shift_case('a', false)
shift_case('b', true)
-- corpus.toml of that corpus, opened now, attaches to its client too.
local atoml = edit(annotated .. '/corpus.toml')
check('vim.lsp.enable: the brat corpus\'s corpus.toml attached to its client', wait_client(atoml) ~= nil
  and wait_client(atoml).root_dir == annotated)

-- :CorpusLspTimeline writes the corpus timeline (corpus-lsp timeline) and opens it with
-- vim.ui.open, stubbed here: with a name, that entity's events; an unknown name falls back to the
-- whole corpus.
do
  local opened = {}
  local real_open = vim.ui.open
  vim.ui.open = function(path)
    opened[#opened + 1] = path
    return nil, nil
  end
  local function timeline(command)
    local before, done = #opened, nil
    local notify = vim.notify
    vim.notify = function(message)
      done = message
    end
    vim.cmd(command)
    vim.wait(30000, function()
      return done ~= nil
    end, 50)
    vim.notify = notify
    local path = #opened > before and opened[#opened] or nil
    return path, path and read_file(path) or '', done or '(no message)'
  end
  local function count(html, class)
    local n = 0
    for classes in html:gmatch('class="([^"]*)"') do
      if vim.tbl_contains(vim.split(classes, ' ', { plain = true }), class) then
        n = n + 1
      end
    end
    return n
  end
  edit(seed('000'))
  local path, html, message = timeline('CorpusLspTimeline')
  check(':CorpusLspTimeline writes the page and opens it with vim.ui.open', path ~= nil
    and vim.startswith(html, '<!DOCTYPE html>') and html:find('<svg class="timeline"', 1, true) ~= nil, message)
  check(':CorpusLspTimeline: lanes and claims, linked to the articles of the corpus',
    count(html, 'lane') > 0 and count(html, 'claim') > 0 and html:find('href="file://' .. corpus, 1, true) ~= nil,
    string.format('%d lanes, %d claims', count(html, 'lane'), count(html, 'claim')))
  local bt_path, bt_html, bt_message = timeline('CorpusLspTimeline British Telecom')
  check(':CorpusLspTimeline British Telecom: the timeline of BT', bt_path ~= nil
    and bt_html:find('<title>Timeline of ', 1, true) ~= nil and count(bt_html, 'claim') > 0
    and count(bt_html, 'claim') <= count(html, 'claim'), bt_message)
  local none_path, none_html, none_message = timeline('CorpusLspTimeline Nobody Atall')
  check(':CorpusLspTimeline with an unknown name falls back to the whole corpus', none_path ~= nil
    and count(none_html, 'claim') == count(html, 'claim') and none_message:find('no entity', 1, true) ~= nil,
    none_message)
  vim.ui.open = real_open
end

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
  -- The FileType autocommand: corpus.toml and .ann files too, no other toml file.
  local ctoml2 = edit(corpus .. '/corpus.toml')
  check('setup(): corpus.toml attached', wait_client(ctoml2) ~= nil and attached(ctoml2, c2.id))
  local otoml2 = edit(corpus .. '/notes.toml')
  local a_ann = vim.fn.bufnr(annotated .. '/a.ann')
  write_file(annotated .. '/c.ann', 'T1\tOrganization 0 4\tNone\n')
  local c_ann = edit(annotated .. '/c.ann')
  local ann_client = wait_client(c_ann)
  check('setup(): a .ann opened now is attached, in its corpus', ann_client ~= nil and ann_client.root_dir == annotated,
    ann_client and ann_client.root_dir)
  check('setup(): a .ann loaded before setup() is attached', a_ann > 0 and wait_client(a_ann) ~= nil)
  check('setup(): another toml file in the corpus is left alone', #vim.lsp.get_clients({ bufnr = otoml2 }) == 0)
  for _, b in ipairs({ ctoml2, otoml2 }) do
    vim.api.nvim_buf_delete(b, { force = true })
  end
  vim.cmd.buffer(other)
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

-- 3. Curation: two code actions in a row, applied the way Neovim applies them, leave a valid
-- corpus.toml with the user's comments kept. The second is computed against the buffer the first
-- one edited, before any save: the plugin attaches the client to corpus.toml (no restart needed).
-- Last, because it adds an entity to the corpus.
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
-- The lines of corpus.toml: every line of the file before, comments included, still there and in
-- the same order; the [[entity]] tables, and whether one has this name and type.
local function toml_report(lines, name, type_name)
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
      found = found or (keys.name == name and keys.type == type_name)
    end
  end
  return missing, tables, found
end
local function errors_in(diagnostics)
  return vim.tbl_map(function(dg)
    return string.format('line %d: %s', dg.range.start.line, dg.message)
  end, vim.tbl_filter(function(dg)
    return dg.severity == vim.lsp.protocol.DiagnosticSeverity.Error or dg.code == 'config-error'
  end, diagnostics))
end
-- The server's next publication for corpus.toml after number `since`, if any.
local function next_toml_publication(since)
  vim.wait(10000, function()
    return #published_since(toml, since) > 0
  end, 20)
  local list = published_since(toml, since)
  return list[#list]
end
local function code_actions_at(pos)
  local actions = request(curating, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(curating),
    range = { start = pos, ['end'] = pos },
    context = { diagnostics = {}, triggerKind = 1 },
  })
  return actions, vim.tbl_map(function(a)
    return a.title
  end, actions or {})
end

if add then
  entity, kind = add.title:match('^Add ‘(.+)’ to corpus entities as (%a+)$')
  local since = published_count
  vim.lsp.util.apply_workspace_edit(add.edit, c3.offset_encoding)
  local tbuf = vim.fn.bufnr(toml)
  local lines = tbuf > 0 and vim.api.nvim_buf_get_lines(tbuf, 0, -1, false) or {}
  local shown = table.concat(lines, '\\n')
  local missing, tables, found = toml_report(lines, entity, kind)
  check(string.format('curation: the %d comment lines of corpus.toml kept, in order, with every other line', #original_comments),
    tbuf > 0 and missing == nil, (missing and ('lost or moved: ' .. missing .. ' :: ') or '') .. shown)
  check(string.format('curation: corpus.toml has one new [[entity]] for ‘%s’ (%s)', entity, kind), tables == 1 and found,
    not (tables == 1 and found) and string.format('%d [[entity]] tables :: %s', tables, shown) or nil)

  -- Neovim loaded corpus.toml to apply the edit; the plugin attaches the client to it (Neovim on
  -- Linux has no file watching), so the server reads the edited buffer, not the disk.
  vim.wait(5000, function()
    return tbuf > 0 and attached(tbuf, c3.id)
  end, 20)
  check('curation: corpus.toml, loaded to apply the edit, is attached to the client', tbuf > 0 and attached(tbuf, c3.id))
  local p1 = next_toml_publication(since)
  check('curation: the server publishes corpus.toml as edited, without errors', p1 ~= nil and #errors_in(p1.diagnostics) == 0,
    p1 and table.concat(errors_in(p1.diagnostics), ' | ') or 'no diagnostics published for corpus.toml')

  -- A second action, before any save: computed against the buffer, so no second "Add", and the
  -- type changes in the one [[entity]] table instead of a duplicate one.
  local actions, titles = code_actions_at(mention.pos)
  local change, to_kind
  for _, a in ipairs(actions or {}) do
    local name, other = a.title:match('^Change type of ‘(.+)’ to (%a+)$')
    if name == entity and other ~= kind and not change then
      change, to_kind = a, other
    end
  end
  check(string.format('curation: before any save, no "Add ‘%s’" action any more, and "Change type of ‘%s’"', entity, entity),
    actions ~= nil and not vim.tbl_contains(titles, add.title) and change ~= nil, table.concat(titles, ' | '))
  if change and tbuf > 0 then
    since = published_count
    vim.lsp.util.apply_workspace_edit(change.edit, c3.offset_encoding)
    lines = vim.api.nvim_buf_get_lines(tbuf, 0, -1, false)
    shown = table.concat(lines, '\\n')
    missing, tables, found = toml_report(lines, entity, to_kind)
    check(string.format('curation: the second action (%s) edits the updated buffer: one [[entity]] ‘%s’ (%s), comments kept',
      change.title, entity, to_kind), missing == nil and tables == 1 and found,
      string.format('%d [[entity]] tables%s :: %s', tables, missing and (', lost or moved: ' .. missing) or '', shown))
    local p2 = next_toml_publication(since)
    check('curation: the server publishes corpus.toml after the second edit, without errors',
      p2 ~= nil and #errors_in(p2.diagnostics) == 0,
      p2 and table.concat(errors_in(p2.diagnostics), ' | ') or 'no diagnostics published for corpus.toml')
  end

  -- Save it as the user would: the server reloads the corpus from the saved file (didSave), and
  -- the command line reads it without a config-error.
  if tbuf > 0 then
    since = published_count
    vim.api.nvim_buf_call(tbuf, function()
      vim.cmd('silent write')
    end)
  end
  check('curation: corpus.toml saved', tbuf > 0 and not vim.bo[tbuf].modified
    and vim.deep_equal(vim.fn.readfile(toml), lines))
  local p3 = next_toml_publication(since)
  check('curation: after the save, the server publishes corpus.toml without errors', p3 ~= nil and #errors_in(p3.diagnostics) == 0,
    p3 and table.concat(errors_in(p3.diagnostics), ' | ') or 'no diagnostics published for corpus.toml')
  local result = vim.system({ server, 'check', '--format', 'json', '--fail-on', 'never', corpus }, { text = true }):wait(30000)
  check('curation: `corpus-lsp check` reads the saved corpus.toml without a config-error',
    result.code == 0 and not (result.stdout or ''):find('config-error', 1, true),
    string.format('exit %s :: %s%s', tostring(result.code), (result.stdout or ''):sub(1, 300), (result.stderr or ''):sub(1, 300)))
  local _, saved_titles = code_actions_at(mention.pos)
  check(string.format('curation: ‘%s’ is still curated after the save (no "Add" action)', entity),
    #saved_titles > 0 and not vim.tbl_contains(saved_titles, add.title), table.concat(saved_titles, ' | '))
end

-- 4. Label all: "Annotate all N mentions of ‘X’ in the corpus as …" writes a T line per mention into
-- every article's .ann in one workspace edit (creating the files); "Remove all annotations of ‘X’" is
-- its inverse. A corpus of its own; emoji and CJK before the names, so offsets in code points differ.
local labelled = workspace .. '/labelled'
vim.fn.mkdir(labelled, 'p')
write_file(labelled .. '/corpus.toml', '[annotations]\nformat = "brat"\n')
local LA = 'Harbour Light wins 🌊 deal\n\n15 July 2008\n\nThe firm Harbour Light signed with 北京 Metro on Monday.\n'
local LB = 'Harbour Light expands\n\n2 August 2008\n\nHarbour Light opened an office in 東京. Staff at Harbour Light welcomed it.\n'
write_file(labelled .. '/a.txt', LA)
write_file(labelled .. '/b.txt', LB)
local label_texts = { a = LA, b = LB }

-- The T lines of a .ann on disk, each checked against its article: the span (code points) spells
-- Harbour Light. Returns the number of such lines and the first line that is not one.
local function t_lines(name)
  local ann = read_file(labelled .. '/' .. name .. '.ann') or ''
  local good, bad = 0, nil
  for line in ann:gmatch('[^\n]+') do
    local s, e, text = line:match('^T%d+\t%a+ (%d+) (%d+)\t(.*)$')
    local spelled = s and vim.fn.strcharpart(label_texts[name], tonumber(s), tonumber(e) - tonumber(s))
    if spelled == 'Harbour Light' and text == 'Harbour Light' then
      good = good + 1
    else
      bad = bad or line
    end
  end
  return good, bad
end

local la = edit(labelled .. '/a.txt')
local c4 = wait_client(la)
check('label all: client attached to a.txt in its corpus', c4 ~= nil and c4.root_dir == labelled, c4 and c4.root_dir)
local function bulk_action(pattern)
  -- The body's Harbour Light, under the cursor.
  local row = 5
  local col = vim.api.nvim_buf_get_lines(la, row - 1, row, false)[1]:find('Harbour Light', 1, true) + 1
  vim.api.nvim_win_set_cursor(0, { row, col })
  local found, titles
  vim.wait(15000, function()
    local params = vim.lsp.util.make_range_params(0, c4.offset_encoding)
    params.context = { diagnostics = {}, triggerKind = 1 }
    local actions = request(la, 'textDocument/codeAction', params) or {}
    titles = vim.tbl_map(function(a)
      return a.title
    end, actions)
    found = vim.iter(actions):find(function(a)
      return a.title:match(pattern) ~= nil
    end)
    return found ~= nil
  end, 100)
  if found and not found.edit then
    found = request(la, 'codeAction/resolve', found)
  end
  return found, table.concat(titles or {}, ' | ')
end
local function save_all()
  vim.cmd('silent! wall')
end

if c4 then
  local annotate, titles = bulk_action('^Annotate all 5 mentions of ‘Harbour Light’ in the corpus as %a+ %(2 files%)$')
  check('label all: "Annotate all 5 mentions of ‘Harbour Light’ … (2 files)" offered and resolved with its edit',
    annotate ~= nil and annotate.edit ~= nil, annotate and annotate.title or titles)
  if annotate and annotate.edit then
    vim.lsp.util.apply_workspace_edit(annotate.edit, c4.offset_encoding)
    save_all()
    local ga, bada = t_lines('a')
    local gb, badb = t_lines('b')
    check('label all: after :wall, a.ann has 2 and b.ann 3 T lines, each spanning Harbour Light (code points)',
      ga == 2 and gb == 3 and not bada and not badb,
      string.format('a %d (%s), b %d (%s)', ga, tostring(bada), gb, tostring(badb)))

    -- Neovim applies a workspace edit buffer by buffer: its undo is per buffer too. One :undo in
    -- each .ann buffer reverts the action (there is no single undo across buffers).
    local bufs = { vim.fn.bufnr(labelled .. '/a.ann'), vim.fn.bufnr(labelled .. '/b.ann') }
    for _, b in ipairs(bufs) do
      if b > 0 then
        vim.api.nvim_buf_call(b, function()
          vim.cmd('silent undo')
        end)
      end
    end
    save_all()
    ga, gb = t_lines('a'), t_lines('b')
    check('label all: one :undo in each .ann buffer reverts it (no T lines after :wall)', ga == 0 and gb == 0
      and bufs[1] > 0 and bufs[2] > 0, string.format('a %d, b %d T lines', ga, gb))
    for _, b in ipairs(bufs) do
      if b > 0 then
        vim.api.nvim_buf_call(b, function()
          vim.cmd('silent redo')
        end)
      end
    end
    save_all()
    ga, gb = t_lines('a'), t_lines('b')
    check('label all: :redo brings the T lines back', ga == 2 and gb == 3, string.format('a %d, b %d', ga, gb))

    -- The inverse action, offered once the server has the annotations (the .ann buffers are attached).
    local remove, rtitles = bulk_action('^Remove all 5 annotations of ‘Harbour Light’ %(2 files%)$')
    check('label all: "Remove all 5 annotations of ‘Harbour Light’ (2 files)" offered', remove ~= nil and remove.edit ~= nil,
      remove and remove.title or rtitles)
    if remove and remove.edit then
      vim.lsp.util.apply_workspace_edit(remove.edit, c4.offset_encoding)
      save_all()
      ga, gb = t_lines('a'), t_lines('b')
      local left = (read_file(labelled .. '/a.ann') or '') .. (read_file(labelled .. '/b.ann') or '')
      check('label all: the remove action leaves no T line in a.ann and b.ann', ga == 0 and gb == 0 and not left:find('\nT')
        and not left:find('^T'), left)
    end
  end
end

out(failures == 0 and 'NVIM: ALL PASS' or string.format('NVIM: %d FAILED', failures))
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
