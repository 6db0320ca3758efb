-- init.lua for the README's Neovim screenshots: real Neovim with the plugin from the repo, a
-- colour scheme in true colour, and the server of $SHOT_SERVER. Once the corpus is indexed it
-- puts the cursor on "Fujitsu" and touches $SHOT_MARKS/highlighting; once a hover card (K) is
-- on screen it touches $SHOT_MARKS/hover. screenshots.sh captures the screen at each mark.
local marks = vim.env.SHOT_MARKS
-- A title of another article: only in the hover card once the whole corpus is indexed.
local CROSS_REFERENCE = 'Cerner contract re\\-set puts focus on local needs'

vim.opt.runtimepath:prepend(vim.env.SHOT_PLUGIN)
vim.o.termguicolors = true
vim.o.background = 'dark'
vim.cmd.colorscheme(vim.env.SHOT_COLORSCHEME or 'default')
vim.o.wrap = true
vim.o.linebreak = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.winborder = 'rounded'
vim.o.showmode = false
vim.o.swapfile = false
vim.opt.shortmess:append('I')

vim.lsp.config('corpus_lsp', { cmd = { vim.env.SHOT_SERVER } })
vim.lsp.enable('corpus_lsp')
vim.lsp.inlay_hint.enable(true)

local function mark(name)
  vim.fn.writefile({}, marks .. '/' .. name)
end

-- Normal's colours, for the page the screen is rendered on.
local function write_colors()
  local normal = vim.api.nvim_get_hl(0, { name = 'Normal', link = false })
  local hex = function(c, fallback)
    return c and string.format('#%06x', c) or fallback
  end
  vim.fn.writefile({ hex(normal.fg, '#e0e0e0') .. ' ' .. hex(normal.bg, '#000000') }, marks .. '/colors')
end

local function every(ms, fn)
  local timer = assert(vim.uv.new_timer())
  timer:start(ms, ms, vim.schedule_wrap(function()
    if fn() then
      timer:stop()
      timer:close()
    end
  end))
end

local function watch_for_hover()
  every(100, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        vim.defer_fn(function()
          mark('hover')
        end, 700) -- let the markdown highlighting settle
        return true
      end
    end
  end)
end

local started = false
vim.api.nvim_create_autocmd('LspAttach', {
  callback = function(ev)
    local client = vim.lsp.get_client_by_id(ev.data.client_id)
    if started or not client or client.name ~= 'corpus_lsp' then
      return
    end
    started = true
    local bufnr = ev.buf
    local row, col
    for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local at = line:find('from Fujitsu', 1, true)
      if at then
        row, col = i, at - 1 + #'from '
        break
      end
    end
    assert(row, 'no "from Fujitsu" in the article')
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(bufnr),
      position = { line = row - 1, character = col + 2 },
    }
    -- Ask for the hover until it lists the other articles: then background indexing is done.
    local pending, indexed = false, false
    every(300, function()
      if indexed then
        return true
      end
      if not pending then
        pending = true
        client:request('textDocument/hover', params, function(_, result)
          pending = false
          local text = result and result.contents and (result.contents.value or '') or ''
          if not indexed and text:find(CROSS_REFERENCE, 1, true) then
            indexed = true
            vim.lsp.semantic_tokens.force_refresh(bufnr)
            vim.api.nvim_win_set_cursor(0, { row, col })
            vim.defer_fn(function()
              write_colors()
              mark('highlighting')
              watch_for_hover()
            end, 1500)
          end
        end, bufnr)
      end
    end)
  end,
})
