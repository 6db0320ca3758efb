-- corpus-lsp for Neovim 0.11+:  vim.lsp.enable('corpus_lsp')
-- Override any field with vim.lsp.config('corpus_lsp', { cmd = { '/path/to/corpus-lsp' } }).
return require('corpus_lsp.config').build({})
