//! A minimal LSP client that drives the real `corpus-lsp` binary over stdio.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    incoming: Receiver<Value>,
    /// Notifications and server requests seen so far, in order.
    pub seen: Vec<Value>,
    next_id: i64,
}

fn write_message(stdin: &Mutex<Option<ChildStdin>>, message: &Value) {
    let body = serde_json::to_string(message).unwrap();
    let mut stdin = stdin.lock().unwrap();
    let Some(stdin) = stdin.as_mut() else { return };
    // The server may already have exited; the test then fails on its answer.
    let _ = write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body);
    let _ = stdin.flush();
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    pub fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
            .env("CORPUS_LSP_NO_CACHE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn corpus-lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        let answer = Arc::clone(&stdin);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                // Server-to-client requests get an empty success reply;
                // edits are reported applied (tests apply them themselves).
                if message.get("method").is_some() && message.get("id").is_some() {
                    let result = if message["method"] == "workspace/applyEdit" {
                        json!({"applied": true})
                    } else {
                        Value::Null
                    };
                    write_message(
                        &answer,
                        &json!({"jsonrpc": "2.0", "id": message["id"], "result": result}),
                    );
                }
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    /// Spawns and initializes with the given workspace folder and client
    /// capabilities.
    pub fn start(root: Option<&Path>, capabilities: Value) -> (Client, Value) {
        let mut client = Client::spawn();
        let folders = root
            .map(|r| json!([{"uri": uri(r), "name": "corpus"}]))
            .unwrap_or(Value::Null);
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "workspaceFolders": folders}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        write_message(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        write_message(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no response to {method}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.seen.push(message);
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming.recv_timeout(left).ok()
    }

    /// Like [`Client::wait_for`], forgetting what arrived before the match
    /// but keeping what came after it, to be waited for next.
    pub fn wait_past(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let at = self
            .seen
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]));
        if let Some(i) = at {
            let found = self.seen.remove(i);
            self.seen.drain(..i);
            return found;
        }
        let found = self.wait_for(method, pred);
        self.seen.clear();
        found
    }

    /// Waits for a notification (or server request) matching `pred`,
    /// looking first at what has already arrived.
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .seen
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("timed out waiting for {method}"));
            if message["method"] == method && pred(&message["params"]) {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// The latest diagnostics published for `uri` with `version`.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && version.is_none_or(|v| p["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        uri
    }

    /// Closes the server's input without `shutdown`/`exit`, as a crashed
    /// editor would, and waits for the server to end.
    pub fn hang_up(self) -> i32 {
        self.stdin.lock().unwrap().take();
        self.wait()
    }

    fn wait(mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn shutdown(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../seeds")
        .canonicalize()
        .unwrap()
}

/// A fresh folder for one test, removed when the `TempDir` is dropped.
pub struct TempCorpus(pub PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl TempCorpus {
    pub fn new(name: &str) -> TempCorpus {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("corpus-lsp-it-{name}-"))
            .tempdir()
            .unwrap();
        TempCorpus(tmp.path().canonicalize().unwrap(), tmp)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

/// Decodes a semantic tokens result into absolute
/// `(line, column, length, type, modifiers)` tuples.
pub fn decode_tokens(result: &Value) -> Vec<(u64, u64, u64, u64, u64)> {
    let data: Vec<u64> = result["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0, 0);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        tokens.push((line, col, t[2], t[3], t[4]));
    }
    tokens
}

/// The UTF-16 position of a byte offset.
pub fn position(text: &str, byte: usize) -> Value {
    let line = text[..byte].matches('\n').count();
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..byte].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// The byte offset of a UTF-16 position.
pub fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
    );
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' {
            return line_start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// Applies LSP text edits (UTF-16 positions) as an editor would.
pub fn apply(text: &str, edits: &Value) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, &new_text);
    }
    out
}

/// The code action titled `title`; the titles offered when there is none.
pub fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| {
            let titles: Vec<&Value> = actions.iter().map(|a| &a["title"]).collect();
            panic!("no action ‘{title}’ in {titles:?}")
        })
}
