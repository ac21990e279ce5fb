//! The server loop: state (open documents, workspaces, what was published) and handlers.

use crate::transport::{Incoming, error_reply, to_value};
use crate::{DEBOUNCE, convert, disk};
use copilot_manifest::schema::{self, Context, Position as Where, Status};
use copilot_manifest::{ColumnUnit, Diagnostic, Report, Severity, SourceFile, Workspace};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{Completion, HoverRequest, Request as _};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionOptions, CompletionParams, CompletionResponse,
    DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, Location, MarkupContent,
    MarkupKind, NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Doc {
    text: String,
    version: i32,
}

pub struct Server {
    out: Sender<Value>,
    unit: ColumnUnit,
    initialized: bool,
    shutdown: bool,
    /// `rootUri` and the workspace folders; empty when the client gave none.
    roots: Vec<PathBuf>,
    docs: HashMap<Url, Doc>,
    /// When the next analysis is due (an edit arrived).
    due: Option<Instant>,
    /// The last Report of each repository with an open document (hovers show its endpoints).
    analyses: BTreeMap<PathBuf, Report>,
    published: HashMap<Url, Vec<lsp_types::Diagnostic>>,
}

impl Server {
    pub fn new(out: Sender<Value>) -> Self {
        Server {
            out,
            unit: ColumnUnit::Utf16,
            initialized: false,
            shutdown: false,
            roots: Vec::new(),
            docs: HashMap::new(),
            due: None,
            analyses: BTreeMap::new(),
            published: HashMap::new(),
        }
    }

    pub fn run(mut self, incoming: &Receiver<Incoming>) -> Result<(), String> {
        loop {
            let next = match self.due {
                Some(due) => {
                    match incoming.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => {
                            self.analyse();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => None,
                    }
                }
                None => incoming.recv().ok(),
            };
            let Some(next) = next else {
                return Err("the input ended without an exit notification".into());
            };
            match next {
                Incoming::Malformed { id, code, error } => {
                    self.send(error_reply(id, code, &error));
                }
                Incoming::Message(Message::Request(req)) => self.request(req),
                Incoming::Message(Message::Notification(n)) => {
                    if n.method == "exit" {
                        return if self.shutdown {
                            Ok(())
                        } else {
                            Err("exit without shutdown".into())
                        };
                    }
                    self.notification(n);
                }
                // The server sends no requests, so a response answers nothing.
                Incoming::Message(Message::Response(_)) => {}
            }
        }
    }

    fn send(&self, value: Value) {
        let _ = self.out.send(value);
    }

    fn reply(&self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(to_value(&Message::Response(response)));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        if !self.initialized && req.method != "initialize" {
            return self.reply(
                id,
                Err((ErrorCode::ServerNotInitialized, "initialize first".into())),
            );
        }
        if self.shutdown {
            return self.reply(
                id,
                Err((
                    ErrorCode::InvalidRequest,
                    "the server is shutting down".into(),
                )),
            );
        }
        let result = match req.method.as_str() {
            "initialize" => self.initialize(req.params),
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => params::<HoverParams>(req.params).map(|p| self.hover(&p)),
            Completion::METHOD => {
                params::<CompletionParams>(req.params).map(|p| self.completion(&p))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unsupported request {other}"),
            )),
        };
        self.reply(id, result);
    }

    fn initialize(&mut self, raw: Value) -> Result<Value, (ErrorCode, String)> {
        if self.initialized {
            return Err((ErrorCode::InvalidRequest, "already initialized".into()));
        }
        let p: InitializeParams = params(raw)?;
        let offered = p
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        let utf8 = offered.is_some_and(|list| list.contains(&PositionEncodingKind::UTF8));
        self.unit = if utf8 {
            ColumnUnit::Utf8
        } else {
            ColumnUnit::Utf16
        };
        #[allow(deprecated)]
        let root = p.root_uri.as_ref().and_then(|u| u.to_file_path().ok());
        self.roots = p
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().ok())
            .chain(root)
            .collect();
        self.initialized = true;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), " ".into(), "/".into()]),
                    ..CompletionOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copilot-manifest".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        let edited = match n.method.as_str() {
            DidOpenTextDocument::METHOD => params::<lsp_types::DidOpenTextDocumentParams>(n.params)
                .map(|p| {
                    self.docs.insert(
                        p.text_document.uri,
                        Doc {
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                    );
                }),
            DidChangeTextDocument::METHOD => {
                params::<lsp_types::DidChangeTextDocumentParams>(n.params).map(|p| {
                    let unit = self.unit;
                    if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                        doc.version = p.text_document.version;
                        for change in p.content_changes {
                            match change.range {
                                Some(r) => {
                                    let start = convert::offset(&doc.text, r.start, unit);
                                    let end = convert::offset(&doc.text, r.end, unit).max(start);
                                    doc.text.replace_range(start..end, &change.text);
                                }
                                None => doc.text = change.text,
                            }
                        }
                    }
                })
            }
            DidSaveTextDocument::METHOD => Ok(()),
            DidCloseTextDocument::METHOD => {
                params::<lsp_types::DidCloseTextDocumentParams>(n.params).map(|p| {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    // Its diagnostics go with it; the disk's text is analysed for the others.
                    if self.published.remove(&uri).is_some() {
                        self.publish(uri, Vec::new(), None);
                    }
                })
            }
            _ => return,
        };
        if edited.is_ok() {
            self.due = Some(Instant::now() + DEBOUNCE);
        }
    }

    /// The repository (the folder that holds `copilot/`) and workspace path of a document.
    fn locate(&self, uri: &Url) -> Option<(PathBuf, String)> {
        let path = uri.to_file_path().ok()?;
        let copilot = path
            .ancestors()
            .skip(1)
            .find(|a| a.file_name().is_some_and(|n| n == "copilot"))?;
        let repo = copilot.parent()?.to_path_buf();
        if !self.roots.is_empty()
            && !self
                .roots
                .iter()
                .any(|r| repo.starts_with(r) || r.starts_with(&repo))
        {
            return None;
        }
        let rel = path.strip_prefix(copilot).ok()?;
        let mut out = String::from("copilot");
        for part in rel.components() {
            out.push('/');
            out.push_str(&part.as_os_str().to_string_lossy());
        }
        Some((repo, out))
    }

    /// Analyses every repository with an open document and publishes what changed.
    fn analyse(&mut self) {
        self.due = None;
        // Per repository, its open documents: workspace path → (the client's URI, text).
        let mut repos: BTreeMap<PathBuf, BTreeMap<String, (Url, String)>> = BTreeMap::new();
        for (uri, doc) in &self.docs {
            if let Some((repo, rel)) = self.locate(uri) {
                repos
                    .entry(repo)
                    .or_default()
                    .insert(rel, (uri.clone(), doc.text.clone()));
            }
        }
        self.analyses.retain(|repo, _| repos.contains_key(repo));
        for (repo, open) in repos {
            // An open document keeps the URI its client spelt (which may differ from ours in
            // encoding or case); other files get one made from their path.
            let uri_of = |rel: &str| match open.get(rel) {
                Some((uri, _)) => Some(uri.clone()),
                None => Url::from_file_path(repo.join(rel)).ok(),
            };
            let texts = open
                .iter()
                .map(|(rel, (_, text))| (rel.clone(), text.clone()))
                .collect();
            let workspace = workspace(&repo, texts, self.unit);
            let report = copilot_manifest::analyze(&workspace);
            let mut lists: BTreeMap<String, Vec<lsp_types::Diagnostic>> = workspace
                .files
                .iter()
                .map(|f| (f.path.clone(), Vec::new()))
                .collect();
            for d in &report.diagnostics {
                // A finding about the whole workspace is shown on copilot/.workspace.
                let file = if d.file().is_empty() {
                    "copilot/.workspace"
                } else {
                    d.file()
                };
                if let Some(list) = lists.get_mut(file) {
                    list.push(lsp_diagnostic(d, &uri_of));
                }
            }
            for (rel, list) in lists {
                let Some(uri) = uri_of(&rel) else {
                    continue;
                };
                let open = self.docs.get(&uri).map(|d| d.version);
                let before = self.published.get(&uri);
                // Open documents always hear the result; others when their list changed.
                if open.is_some()
                    || before.is_some_and(|b| *b != list)
                    || (before.is_none() && !list.is_empty())
                {
                    self.publish(uri, list, open);
                }
            }
            self.analyses.insert(repo, report);
        }
    }

    fn publish(&mut self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        if diagnostics.is_empty() && !self.docs.contains_key(&uri) {
            self.published.remove(&uri);
        } else {
            self.published.insert(uri.clone(), diagnostics.clone());
        }
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let n = Notification::new(PublishDiagnostics::METHOD.into(), params);
        self.send(to_value(&Message::Notification(n)));
    }

    /// The text of a document: the editor's when open, else the disk's.
    fn text(&self, uri: &Url) -> Option<String> {
        match self.docs.get(uri) {
            Some(doc) => Some(doc.text.clone()),
            None => std::fs::read_to_string(uri.to_file_path().ok()?).ok(),
        }
    }

    fn context(
        &mut self,
        uri: &Url,
        pos: lsp_types::Position,
    ) -> Option<(String, String, usize, Context)> {
        if self.due.is_some() {
            self.analyse();
        }
        // Only files of a copilot/ folder: an editor may start the server for every YAML file.
        let (_, rel) = self.locate(uri)?;
        let text = self.text(uri)?;
        let offset = convert::offset(&text, pos, self.unit);
        let cx = schema::context_at(&rel, &text, offset);
        Some((text, rel, offset, cx))
    }

    fn hover(&mut self, p: &HoverParams) -> Value {
        let doc = &p.text_document_position_params;
        let Some((text, rel, _, cx)) = self.context(&doc.text_document.uri, doc.position) else {
            return Value::Null;
        };
        // Nothing under the cursor, or a key not typed yet (a blank line).
        if cx.position == Where::None || cx.path.is_empty() || cx.span.0 == cx.span.1 {
            return Value::Null;
        }
        let mut md = key_markdown(&cx);
        if shows_endpoints(&cx)
            && let Some((repo, _)) = self.locate(&doc.text_document.uri)
            && let Some(report) = self.analyses.get(&repo)
        {
            md.push_str(&endpoints_markdown(report, &rel));
        }
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: Some(convert::span_range(&text, cx.span.0, cx.span.1, self.unit)),
        };
        serde_json::to_value(hover).unwrap_or(Value::Null)
    }

    fn completion(&mut self, p: &CompletionParams) -> Value {
        let doc = &p.text_document_position;
        let Some((text, rel, offset, mut cx)) = self.context(&doc.text_document.uri, doc.position)
        else {
            return Value::Null;
        };
        // On an empty place where a key can start (an indented blank line), ask as if a
        // letter had been typed: `context_at` then lists the keys that may go there.
        let line_start = text
            .get(..offset)
            .and_then(|t| t.rfind(['\n', '\r']).map(|i| i + 1))
            .unwrap_or(0);
        let before = text.get(line_start..offset).unwrap_or("");
        if cx.position == Where::None && before.chars().all(|c| c == ' ') {
            let mut probe = text.clone();
            probe.insert(offset, 'x');
            let guess = schema::context_at(&rel, &probe, offset + 1);
            if guess.position == Where::NewKey {
                cx = guess;
                cx.prefix.clear();
            }
        }
        let items: Vec<CompletionItem> = match cx.position {
            Where::Key | Where::NewKey => cx
                .siblings
                .iter()
                .map(|s| CompletionItem {
                    label: s.name.to_string(),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: Some(s.kind.words().to_string()),
                    ..CompletionItem::default()
                })
                .collect(),
            Where::Value => {
                // After `PORT/`, the protocols of a `PORT/PROTOCOL` key; else the key's values
                // (`linux/amd64` has a slash too).
                let protocols = cx.prefix.contains('/') && !cx.protocols.is_empty();
                let list = if protocols { cx.protocols } else { cx.values };
                list.iter()
                    .map(|v| CompletionItem {
                        label: if protocols {
                            let port = cx.prefix.split('/').next().unwrap_or("");
                            format!("{port}/{v}")
                        } else {
                            (*v).to_string()
                        },
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: cx.kind_words.map(str::to_string),
                        ..CompletionItem::default()
                    })
                    .collect()
            }
            Where::None => Vec::new(),
        };
        serde_json::to_value(CompletionResponse::Array(items)).unwrap_or(Value::Null)
    }
}

fn params<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

/// The repository's files from disk, with open documents laid over them.
fn workspace(repo: &Path, open: Vec<(String, String)>, unit: ColumnUnit) -> Workspace {
    // A file the CLI would refuse (too large, not UTF-8) is left out here: the others are
    // still worth analysing while someone types.
    let mut files: Vec<SourceFile> = disk::paths(repo)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(path, rel)| disk::read(&path, rel).ok())
        .collect();
    for (rel, text) in open {
        match files.iter_mut().find(|f| f.path == rel) {
            Some(f) => f.text = text,
            None => files.push(SourceFile::new(rel, text)),
        }
    }
    Workspace {
        files,
        column_unit: unit,
        ..Workspace::default()
    }
}

fn lsp_diagnostic(d: &Diagnostic, uri_of: &dyn Fn(&str) -> Option<Url>) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(env) = &d.env {
        let _ = write!(message, " (environment {env})");
    }
    if let Some(copilot) = &d.copilot_error {
        let _ = write!(message, "\nCopilot: {copilot}");
    }
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(&l.file)?, convert::range(l.position)),
                message: l.message.clone().unwrap_or_else(|| "related".into()),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: convert::range(d.primary.position),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code().into())),
        source: Some("copilot-manifest".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// The hover of a key: its path, kind, doc, whether it is required, what Copilot enforces and
/// its values, all from the core's key table.
fn key_markdown(cx: &Context) -> String {
    let mut md = format!("**`{}`**", cx.path);
    if let Some(words) = cx.kind_words {
        let _ = write!(md, " — {words}");
    }
    md.push_str("\n\n");
    match cx.status {
        Status::Unknown => {
            let _ = writeln!(
                md,
                "Not a key of {} manifests here: Copilot ignores it.\n",
                cx.document.unwrap_or("these")
            );
        }
        Status::User => md.push_str("A name you choose.\n\n"),
        Status::Known | Status::Opaque => {}
    }
    if !cx.doc.is_empty() && Some(cx.doc) != cx.kind_words {
        let _ = writeln!(md, "{}\n", cx.doc);
    }
    if !cx.required.is_empty() {
        let _ = writeln!(md, "Required: {}\n", cx.required);
    }
    if !cx.note.is_empty() {
        let _ = writeln!(md, "Copilot: {}\n", cx.note);
    }
    if !cx.values.is_empty() {
        let list: Vec<String> = cx.values.iter().map(|v| format!("`{v}`")).collect();
        let _ = writeln!(md, "Values: {}\n", list.join(", "));
    }
    if !cx.protocols.is_empty() {
        let list: Vec<String> = cx.protocols.iter().map(|v| format!("`{v}`")).collect();
        let _ = writeln!(md, "Protocols: {}\n", list.join(", "));
    }
    md
}

/// `network.connect` and below, and any `alias` or `port` key.
fn shows_endpoints(cx: &Context) -> bool {
    let path = cx.key.unwrap_or(cx.path.as_str());
    let last = path.rsplit(['.', '[']).next().unwrap_or("");
    path.starts_with("network.connect") || last == "alias" || last.ends_with("port")
}

/// What the service of manifest `rel` answers on, per environment, and who reaches it.
fn endpoints_markdown(report: &Report, rel: &str) -> String {
    let mut md = String::new();
    for env in &report.environments {
        let Some(s) = env.services.iter().find(|s| s.manifest == rel) else {
            continue;
        };
        if md.is_empty() {
            md.push_str("---\n\n**Endpoints**\n\n");
        }
        let _ = write!(md, "- `{}`: ", env.name);
        match &s.service_connect {
            Some(sc) => {
                let _ = write!(
                    md,
                    "Service Connect {}",
                    sc.url
                        .as_deref()
                        .map_or_else(|| "client only".to_string(), |u| format!("`{u}`"))
                );
            }
            None => md.push_str("Service Connect off"),
        }
        match &s.service_discovery.url {
            Some(url) => {
                let _ = write!(md, "; Service Discovery `{url}`");
            }
            None => md.push_str("; not in Service Discovery"),
        }
        let clients: Vec<String> = env
            .pairs()
            .filter(|p| p.to.name == s.name && p.via.is_some())
            .map(|p| format!("{} ({})", p.from.name, p.url().unwrap_or("")))
            .collect();
        if !clients.is_empty() {
            let _ = write!(md, "; reached by {}", clients.join(", "));
        }
        md.push('\n');
    }
    md
}
