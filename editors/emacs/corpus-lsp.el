;;; corpus-lsp.el --- Eglot set-up for corpus-lsp  -*- lexical-binding: t; -*-

;; Articles are .txt files (text-mode) and .md files (markdown-mode, a separate package).
(with-eval-after-load 'eglot
  ;; Appended: Eglot also matches modes derived from text-mode (latex-, html-, nxml-,
  ;; org-mode...), and those keep the servers listed for them before this entry.
  (add-to-list 'eglot-server-programs '(text-mode . ("corpus-lsp")) t)
  ;; Prepended, to win over Eglot's own Markdown servers. Drop this line to keep them;
  ;; .md articles then go without corpus-lsp.
  (add-to-list 'eglot-server-programs '(markdown-mode . ("corpus-lsp"))))

;; text-mode-hook runs in every mode derived from text-mode, commit messages included:
;; start Eglot only for .txt and .md files under a corpus.toml.
(defun corpus-lsp-maybe-eglot ()
  "Start Eglot in the current buffer if it visits an article of a corpus."
  (when (and buffer-file-name
             (string-match-p "\\.\\(txt\\|md\\)\\'" buffer-file-name)
             (locate-dominating-file buffer-file-name "corpus.toml"))
    (eglot-ensure)))
(add-hook 'text-mode-hook #'corpus-lsp-maybe-eglot)

;;; corpus-lsp.el ends here
