;;; test.el --- corpus-lsp.el in real Eglot, against the real server  -*- lexical-binding: t; -*-

;; emacs --batch -Q -l corpus-lsp.el -l test.el WORKSPACE SERVER-DIR
;;
;; WORKSPACE is a git repository with the seed corpus and a Markdown article in corpus/;
;; beside it, emacs-md-ws is a copy of it (a second project) and emacs-elsewhere a text
;; file in no corpus. SERVER-DIR holds the corpus-lsp binary. Prints one line per check and exits 1 if any
;; failed.

(require 'eglot)
(require 'flymake)

(defvar test-workspace (file-name-as-directory (expand-file-name (pop command-line-args-left))))
(defvar test-server-dir (expand-file-name (pop command-line-args-left)))
(defvar test-failures 0)
(defvar test-passes 0)

;; The snippet names the server by its bare name, so it must be found on exec-path.
(push test-server-dir exec-path)
(setenv "PATH" (concat test-server-dir path-separator (getenv "PATH")))
(setq eglot-sync-connect 10
      eglot-connect-timeout 20
      eglot-autoreconnect nil)

(defun check (name ok &optional detail)
  (if ok
      (progn (setq test-passes (1+ test-passes)) (message "ok    %s" name))
    (setq test-failures (1+ test-failures))
    (message "FAIL  %s%s" name (if detail (format "\n      %s" detail) ""))))

(defun wait-for (pred &optional seconds)
  "Let Emacs read the server's output until PRED is non-nil or SECONDS (15) pass."
  (let ((deadline (+ (float-time) (or seconds 15))) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    value))

(defun open-article (file)
  "Visit FILE as a user would: the mode hook runs, then the first command ends."
  (let ((buffer (find-file-noselect (expand-file-name file test-workspace))))
    (switch-to-buffer buffer)
    ;; eglot-ensure connects from post-command-hook, which batch Emacs never runs.
    (run-hooks 'post-command-hook)
    buffer))

(defun diagnostic-on (line text)
  "The Flymake diagnostic on LINE whose text contains TEXT."
  (flymake-start)
  (seq-find (lambda (d)
              (and (= line (line-number-at-pos (flymake-diagnostic-beg d)))
                   (string-search text (flymake-diagnostic-text d))))
            (flymake-diagnostics)))

(defun inlay-hints ()
  (jsonrpc-request (eglot-current-server) :textDocument/inlayHint
                   (list :textDocument (eglot--TextDocumentIdentifier)
                         :range (list :start (eglot--pos-to-lsp-position (point-min))
                                      :end (eglot--pos-to-lsp-position (point-max))))))

(defun write-workspace-configuration (inlay-hints)
  (with-temp-file (expand-file-name ".dir-locals.el" test-workspace)
    (prin1 `((nil . ((eglot-workspace-configuration
                      . (:corpusLsp (:inlayHints (:enabled ,inlay-hints)
                                     :diagnostics (:severity (:possible-misspelling "error"))))))))
           (current-buffer))))

(defun run-checks ()
  (write-workspace-configuration :json-false)
  (with-current-buffer (open-article "corpus/000_32c5173d7283f2a0.txt")
    (let ((server (eglot-current-server)))
      (check "the .txt article is in text-mode" (eq major-mode 'text-mode) major-mode)
      (check "Eglot started corpus-lsp for it" server)
      (unless server (error "no server: see the *EGLOT* events buffer"))
      (check "the server says it is corpus-lsp"
             (equal "corpus-lsp" (plist-get (eglot--server-info server) :name))
             (eglot--server-info server))
      (check "its project is the git repository"
             (equal (expand-file-name (project-root (eglot--project server))) test-workspace)
             (project-root (eglot--project server)))

      (let ((date (wait-for (lambda () (diagnostic-on 17 "16 July")))))
        (check "date-after-publication warning on the \"16 July\" line"
               (and date (eq (flymake-diagnostic-type date) 'eglot-warning))
               (and date (list (flymake-diagnostic-type date) (flymake-diagnostic-text date)))))
      ;; possible-misspelling is a warning by default: an error shows that the
      ;; .dir-locals.el configuration reached the server through workspace/configuration.
      (let ((typo (wait-for (lambda ()
                              (let ((d (diagnostic-on 13 "Fujitsu")))
                                (and d (eq (flymake-diagnostic-type d) 'eglot-error) d))))))
        (check "Fujitu→Fujitsu misspelling, raised to error by the workspace configuration"
               (and typo (string-search "Fujitu" (flymake-diagnostic-text typo)))
               (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

      (goto-char (point-min))
      (forward-line 4)
      (search-forward "from Fujitsu")
      (backward-char 3)
      (let* ((hover (jsonrpc-request server :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (text (if (stringp contents) contents (plist-get contents :value))))
        (check "hover on \"Fujitsu\" returns text about it"
               (and (stringp text) (string-search "Fujitsu" text))
               hover))

      (check "inlayHints.enabled false: no inlay hints" (equal (inlay-hints) []) (inlay-hints))
      (write-workspace-configuration t)
      (setq dir-locals-directory-cache nil)
      (eglot-signal-didChangeConfiguration server)
      (let ((hints (wait-for (lambda () (let ((h (inlay-hints))) (and (> (length h) 0) h))))))
        (check "after didChangeConfiguration with enabled true: inlay hints"
               hints (inlay-hints)))))

  ;; Markdown articles need markdown-mode, a separate package: a stand-in mode derived
  ;; from text-mode, as markdown-mode is, shows which server Eglot picks for them.
  (unless (fboundp 'markdown-mode)
    (define-derived-mode markdown-mode text-mode "Markdown"))
  (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
  (let ((txt-server (with-current-buffer (get-file-buffer (expand-file-name
                                                           "corpus/000_32c5173d7283f2a0.txt"
                                                           test-workspace))
                      (eglot-current-server))))
    (with-current-buffer (open-article "corpus/notes.md")
      (check "a .md article joins the project's running corpus-lsp"
             (and (eglot-managed-p) (eq (eglot-current-server) txt-server)))
      (check "with its diagnostics"
             (wait-for (lambda () (diagnostic-on 5 "Fujitsu")))
             (flymake-diagnostics))))
  ;; A .md article opened before any .txt one: the markdown-mode entry decides.
  (with-current-buffer (open-article "../emacs-md-ws/corpus/notes.md")
    (let ((server (eglot-current-server)))
      (check "a .md article opened first gets corpus-lsp, not Eglot's Markdown servers"
             (and server (equal "corpus-lsp" (plist-get (eglot--server-info server) :name)))
             (and server (process-command (jsonrpc--process server))))
      (check "with its diagnostics too"
             (wait-for (lambda () (diagnostic-on 5 "Fujitsu")))
             (flymake-diagnostics))))

  ;; Other text-mode buffers keep their own servers, or none.
  (with-temp-buffer
    (setq buffer-file-name (expand-file-name "corpus/report.tex" test-workspace))
    (latex-mode)
    (check "latex-mode still gets its own server from eglot-server-programs"
           (not (member "corpus-lsp" (flatten-tree (cdr (eglot--lookup-mode 'latex-mode)))))
           (cdr (eglot--lookup-mode 'latex-mode)))
    ;; (In the corpus's own project Eglot manages every text-mode file once the server runs.)
    (check "no Eglot for a text file of another project, outside any corpus"
           (let ((buffer (find-file-noselect
                          (expand-file-name "../emacs-elsewhere/notes.txt" test-workspace))))
             (with-current-buffer buffer
               (run-hooks 'post-command-hook)
               (prog1 (not (eglot-managed-p)) (kill-buffer buffer))))))

  ;; From the articles' buffers, as M-x eglot-shutdown would be: Emacs 30.1's Eglot
  ;; fails an assertion in track-changes when it runs from a buffer it does not manage.
  (let (processes)
    (dolist (file '("corpus/000_32c5173d7283f2a0.txt" "../emacs-md-ws/corpus/notes.md"))
      (with-current-buffer (get-file-buffer (expand-file-name file test-workspace))
        (let ((server (eglot-current-server)))
          (push (jsonrpc--process server) processes)
          (eglot-shutdown server))))
    (check "eglot-shutdown ends both servers"
           (wait-for (lambda () (seq-every-p (lambda (p) (not (process-live-p p))) processes)) 5)
           processes)))

(condition-case err
    (handler-bind ((error (lambda (_) (message "%s" (with-output-to-string (backtrace))))))
      (run-checks))
  (error (check "no error while testing" nil (error-message-string err))))
(when (> test-failures 0)
  (let ((events (seq-find (lambda (b) (string-prefix-p "*EGLOT" (buffer-name b))) (buffer-list))))
    (when events
      (with-current-buffer events
        (message "--- last of %s:\n%s" (buffer-name)
                 (buffer-substring-no-properties (max (point-min) (- (point-max) 3000))
                                                 (point-max)))))))
(message "emacs: %d passed, %d failed" test-passes test-failures)
(kill-emacs (if (> test-failures 0) 1 0))

;;; test.el ends here
