-- User commands and default highlights; the client starts with vim.lsp.enable('corpus_lsp')
-- (Neovim 0.11+) or require('corpus_lsp').setup().
if vim.g.loaded_corpus_lsp then
  return
end
vim.g.loaded_corpus_lsp = true

local function corpus_lsp()
  return require('corpus_lsp')
end

-- Gives .ann files a filetype (brat) before any is opened, so that FileType starts the client
-- for them too: vim.lsp.enable reads lsp/corpus_lsp.lua only on the first FileType event.
require('corpus_lsp.config')

vim.api.nvim_create_user_command('CorpusLspRestart', function()
  corpus_lsp().restart()
end, { desc = 'Restart corpus-lsp' })
vim.api.nvim_create_user_command('CorpusLspEntities', function()
  corpus_lsp().entities()
end, { desc = 'Pick a corpus entity and go to it' })
vim.api.nvim_create_user_command('CorpusLspTimeline', function(cmd)
  corpus_lsp().timeline({ entity = cmd.args ~= '' and cmd.args or nil })
end, { nargs = '*', desc = 'Open the timeline of the corpus, or of an entity, in the browser' })
vim.api.nvim_create_user_command('CorpusLspLog', function()
  corpus_lsp().show_log()
end, { desc = 'Show the messages of corpus-lsp' })

corpus_lsp().set_highlights()
-- Colour schemes clear highlights when loaded: put the defaults back.
vim.api.nvim_create_autocmd('ColorScheme', {
  group = vim.api.nvim_create_augroup('corpus_lsp_highlights', { clear = true }),
  callback = function()
    corpus_lsp().set_highlights()
  end,
})
