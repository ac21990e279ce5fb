//! The language server as a separate process over real stdio with `Content-Length` framing:
//! no mocks, the binary this crate builds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

const API_BROKEN: &str = "name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\n  port: \"80\"\nnetwork:\n  connect: true\n";
const COLLIDING: &str = "type: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: shared\n";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read but not yet waited for, in arrival order.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copilot-manifest-lsp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').unwrap();
                    assert_eq!(name, "Content-Length", "{line}");
                    length = Some(value.trim().parse::<usize>().unwrap());
                }
                let mut body = vec![0; length.unwrap()];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(body.to_string().as_bytes());
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let body =
            json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params});
        self.send_raw(body.to_string().as_bytes());
        self.next_id
    }

    /// The first message that satisfies `pred` (others stay pending), within 5 s.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.pending.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within 5 s"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server gone while waiting for {what}")
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait(&format!("reply to {method}"), |m| m["id"] == id)
    }

    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(&format!("diagnostics of {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn a_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    write(&root, "copilot/.workspace", "application: kudos\n");
    write(
        &root,
        "copilot/environments/test/manifest.yml",
        "name: test\ntype: Environment\n",
    );
    write(&root, "copilot/api/manifest.yml", API_BROKEN);
    write(
        &root,
        "copilot/a/manifest.yml",
        &format!("name: a\n{COLLIDING}"),
    );
    write(
        &root,
        "copilot/b/manifest.yml",
        &format!("name: b\n{COLLIDING}"),
    );
    let api = uri(&root.join("copilot/api/manifest.yml"));
    let a = uri(&root.join("copilot/a/manifest.yml"));
    let b = uri(&root.join("copilot/b/manifest.yml"));

    let mut c = Client::start();
    // Before initialize, requests are refused.
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");

    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {
            "general": {"positionEncodings": ["utf-16"]}}}),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "{init}");
    assert_eq!(caps["textDocumentSync"]["openClose"], true, "{init}");
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert!(caps["completionProvider"].is_object(), "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "copilot-manifest");
    c.notify("initialized", json!({}));

    // didOpen of a file with an error → its diagnostics at the right range.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": api, "languageId": "yaml", "version": 1, "text": API_BROKEN}}),
    );
    let published = c.diagnostics(&api);
    let list = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(published["params"]["version"], 1);
    let wrong = list
        .iter()
        .find(|d| d["code"] == "wrong-type")
        .unwrap_or_else(|| panic!("{published}"));
    assert_eq!(wrong["severity"], 1);
    assert_eq!(wrong["source"], "copilot-manifest");
    assert_eq!(
        wrong["range"],
        json!({"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 12}})
    );
    let message = wrong["message"].as_str().unwrap();
    assert!(message.contains("Copilot: "), "{message}");
    assert!(
        message.contains("cannot unmarshal !!str `80` into uint16"),
        "{message}"
    );

    // The other manifests were read from disk: the alias collision between a and b is
    // published for them, pointing at each other.
    let on_a = c.diagnostics(&a);
    let collision = on_a["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "connect-alias-collision")
        .unwrap_or_else(|| panic!("{on_a}"));
    let related = &collision["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], b, "{collision}");
    // `alias: shared`, line 8 of b's manifest.
    assert_eq!(
        related["location"]["range"],
        json!({"start": {"line": 7, "character": 4}, "end": {"line": 7, "character": 17}}),
        "{collision}"
    );
    assert_eq!(related["message"], "b publishes `shared` too");

    // didChange that fixes it (incremental: `"80"` → `80`) → an empty list, within 300 ms.
    let sent = Instant::now();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": api, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 12}}, "text": "80"}]}),
    );
    let fixed = c.diagnostics(&api);
    let elapsed = sent.elapsed();
    assert_eq!(fixed["params"]["diagnostics"], json!([]), "{fixed}");
    assert_eq!(fixed["params"]["version"], 2);
    assert!(
        elapsed < Duration::from_millis(300),
        "published after {elapsed:?}"
    );

    // Hover on `port`: the key's table entry and the endpoints the fixed manifest gives.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": api}, "position": {"line": 4, "character": 3}}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert!(text.starts_with("**`image.port`**"), "{text}");
    assert!(text.contains("Endpoints"), "{text}");
    assert!(text.contains("Service Connect `http://api`"), "{text}");
    assert!(
        text.contains("Service Discovery `http://api.test.kudos.local`"),
        "{text}"
    );
    assert_eq!(
        hover["result"]["range"],
        json!({"start": {"line": 4, "character": 2}, "end": {"line": 4, "character": 6}})
    );

    // Completion: the keys that may go under `network:` where `connect` is written…
    let keys = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": api}, "position": {"line": 6, "character": 3}}),
    );
    let labels: Vec<&str> = keys["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"connect") && labels.contains(&"vpc"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"image"), "{labels:?}");
    // …and the values of `type`.
    let values = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": api}, "position": {"line": 1, "character": 7}}),
    );
    let labels: Vec<&str> = values["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Backend Service") && labels.contains(&"Worker Service"),
        "{labels:?}"
    );

    // Garbage: invalid JSON → a parse error with id null; JSON that is no message → an
    // invalid request echoing its id; bad params → invalid params. The server keeps working.
    c.send_raw(b"{garbage");
    let parse = c.wait("parse error", |m| {
        m.get("error").is_some() && m["id"].is_null()
    });
    assert_eq!(parse["error"]["code"], -32700, "{parse}");
    c.send_raw(br#"{"jsonrpc":"2.0","id":77,"params":[]}"#);
    let invalid = c.wait("invalid request", |m| m["id"] == 77);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    let bad = c.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = c.request("workspace/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let again = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": api}, "position": {"line": 0, "character": 1}}),
    );
    assert!(
        again["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**`name`**"),
        "{again}"
    );

    // shutdown, then exit: the process ends with 0.
    let down = c.request("shutdown", Value::Null);
    assert!(
        down["result"].is_null() && down.get("error").is_none(),
        "{down}"
    );
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf8_when_the_client_offers_it_and_exit_without_shutdown_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    write(&root, "copilot/.workspace", "application: kudos\n");
    write(
        &root,
        "copilot/environments/test/manifest.yml",
        "name: test\ntype: Environment\n",
    );
    // A multi-byte name before the error: UTF-8 columns differ from UTF-16 ones.
    let text = "name: api # é€\ntype: Backend Service\nimage:\n  build: Dockerfile # é€\n  port: \"80\" # x\n";
    write(&root, "copilot/api/manifest.yml", text);
    let api = uri(&root.join("copilot/api/manifest.yml"));
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": uri(&root), "name": "repo"}],
               "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    assert_eq!(
        init["result"]["capabilities"]["positionEncoding"], "utf-8",
        "{init}"
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": api, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = c.diagnostics(&api);
    let wrong = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "wrong-type")
        .unwrap_or_else(|| panic!("{published}"))
        .clone();
    assert_eq!(wrong["range"]["start"], json!({"line": 4, "character": 8}));
    // Hover at a UTF-8 column past the multi-byte characters of line 3 still finds the key.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": api}, "position": {"line": 3, "character": 4}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**`image.build`**"),
        "{hover}"
    );
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn slashed_values_files_outside_copilot_and_close() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    write(&root, "copilot/.workspace", "application: kudos\n");
    write(
        &root,
        "copilot/environments/test/manifest.yml",
        "name: test\ntype: Environment\n",
    );
    let text = "name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: \"80\"\nhttp: false\nnlb:\n  port: 443/\nplatform: linux/\n";
    write(&root, "copilot/web/manifest.yml", text);
    write(&root, "deploy/values.yml", text);
    let web = uri(&root.join("copilot/web/manifest.yml"));
    let other = uri(&root.join("deploy/values.yml"));
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    for u in [&web, &other] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }
    let published = c.diagnostics(&web);
    assert!(
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "wrong-type"),
        "{published}"
    );
    let labels = |v: &Value| -> Vec<String> {
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // After `PORT/`, the protocols of the key; a value with a slash of its own stays a value.
    let ports = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": web}, "position": {"line": 7, "character": 12}}),
    );
    assert_eq!(labels(&ports), ["443/tcp", "443/udp", "443/tls"], "{ports}");
    let platforms = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": web}, "position": {"line": 8, "character": 16}}),
    );
    assert!(
        labels(&platforms).contains(&"linux/amd64".to_string()),
        "{platforms}"
    );
    // The same text outside a copilot/ folder: nothing (the server may be attached to all YAML).
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": other}, "position": {"line": 0, "character": 1}}),
    );
    assert!(
        hover["result"].is_null() && hover.get("error").is_none(),
        "{hover}"
    );
    // Closing the broken document clears what was published for it.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": web}}),
    );
    let cleared = c.diagnostics(&web);
    assert_eq!(cleared["params"]["diagnostics"], json!([]), "{cleared}");
    // Everything the server sent for the session is in by the shutdown reply: nothing was
    // ever published for the file outside copilot/.
    c.request("shutdown", Value::Null);
    assert!(
        c.pending.iter().all(|m| m["params"]["uri"] != other),
        "published for a file outside copilot/: {:?}",
        c.pending
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(0));
}
