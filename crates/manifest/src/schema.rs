//! What the editor and the language server ask about manifest keys: the whole key table
//! ([`schema`], [`schema_json`]) and what is under a cursor ([`context_at`]).
//!
//! Both read the generated tables of `model::key_table` (`cargo xtask codegen`): nothing here
//! knows a key by name except the `environments` override blocks (spec: "every key except
//! `name` and `type` may also appear under `environments.<env>.`").
//!
//! [`context_at`] finds the key path at a byte offset with the core's spanned parser when the
//! document parses, and from indentation otherwise (a document is rarely valid while someone
//! types). The indentation reader is the one `web/context.js` implements for the editor's
//! synchronous hovers and completion; `tests/context/cases.json` holds the cases both pass.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::WorkloadType;
use crate::model::key_table;
use crate::model::kind::{Key, Kind, Table};
use crate::syntax::{self, Document, Node, NodeKind, Style};
use crate::workspace::{FileKind, SourceFile};

/// The version of the schema JSON; additive changes keep it.
pub const SCHEMA_VERSION: u32 = 1;

/// Every key table, serialisable (see [`schema_json`] for its shape).
#[derive(Clone, Copy, Debug, Default)]
pub struct Schema;

/// The key tables, for editors and language servers.
pub fn schema() -> Schema {
    Schema
}

/// The key tables as JSON:
///
/// ```text
/// {"version":1,
///  "kinds":{"Str":"string","U16":"integer from 0 to 65535, unquoted",…},
///  "types":{"Load Balanced Web Service":[KEY,…],…},   // per workload type, Copilot's order
///  "environment":[KEY,…],                               // environment manifests
///  "any_workload":[KEY,…]}                              // keys every workload type has
/// KEY = {"path":"image.port","kind":"U16","doc"?:…,"note"?:…,"required"?:…,
///        "values"?:[…],"protocols"?:[…]}
/// ```
///
/// Paths are dotted, `[]` is any list item and `<key>` any user-chosen map key; each table is
/// sorted by path. `doc` is one line about the key, `note` what Copilot enforces on it,
/// `values` what completion offers (on a `UserMap`: the values of its entries), `protocols`
/// the protocols a `PORT/PROTOCOL` value may name. Empty fields are left out.
pub fn schema_json() -> String {
    serde_json::to_string(&Schema).unwrap_or_default()
}

impl Serialize for Schema {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("version", &SCHEMA_VERSION)?;
        m.serialize_entry("kinds", &Kinds)?;
        m.serialize_entry("types", &Types)?;
        m.serialize_entry("environment", &Keys(key_table::ENVIRONMENT))?;
        m.serialize_entry("any_workload", &Keys(key_table::ANY_WORKLOAD))?;
        m.end()
    }
}

struct Kinds;
impl Serialize for Kinds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(Kind::ALL.iter().map(|k| (k.name(), k.words())))
    }
}

struct Types;
impl Serialize for Types {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            WorkloadType::ALL
                .iter()
                .map(|t| (t.as_str(), Keys(key_table::workload(*t)))),
        )
    }
}

struct Keys(Table);
impl Serialize for Keys {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("path", self.path)?;
        m.serialize_entry("kind", &self.kind)?;
        for (name, text) in [
            ("doc", self.doc),
            ("note", self.note),
            ("required", self.required),
        ] {
            if !text.is_empty() {
                m.serialize_entry(name, text)?;
            }
        }
        for (name, list) in [("values", self.values), ("protocols", self.protocols)] {
            if !list.is_empty() {
                m.serialize_entry(name, list)?;
            }
        }
        m.end()
    }
}

/// Where the cursor is, as far as keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// On a key written with its colon.
    Key,
    /// On a word alone on its line where a key can go: a key being typed.
    NewKey,
    /// In a scalar value (after `key:`, or a list item).
    Value,
    /// Elsewhere: a comment, indentation, a document marker, not a manifest.
    None,
}

/// How the path resolved against the key table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A key of the table.
    Known,
    /// A name the user chooses (a sidecar, a variable, an environment).
    User,
    /// Not a key at this place: Copilot ignores it (and everything below it).
    Unknown,
    /// Inside a value whose keys the table does not list (`variables.X.from_cfn`, `any`).
    Opaque,
}

/// A key that may go where the cursor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sibling {
    pub name: &'static str,
    pub kind: Kind,
}

/// What [`context_at`] finds at an offset. Serialises with empty fields left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Context {
    /// The table used: a workload type (`Backend Service`), `Environment`, or `null` when the
    /// file is not a manifest or its `type` is missing or unknown (then the keys every
    /// workload type has apply).
    pub document: Option<&'static str>,
    pub position: Position,
    /// The key path as written: dotted, `[]` for a list item (`http.additional_rules[].path`,
    /// `sidecars.nginx.port`, `environments.prod.image.port`); for a key being typed, the typed
    /// part is its last segment. Empty at [`Position::None`].
    pub path: String,
    /// The table path that matched (`sidecars.<key>.port`), when the path is a table key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'static str>,
    pub status: Status,
    /// The byte range of the key or value under the cursor.
    pub span: (usize, usize),
    /// The part of that key or value before the cursor (quotes left out).
    pub prefix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// The kind in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_words: Option<&'static str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub doc: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub note: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub required: &'static str,
    /// Values completion offers at a [`Position::Value`] (or for the key's value).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub values: &'static [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub protocols: &'static [&'static str],
    /// The keys that may go at the position of this key (its container's children), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub siblings: Vec<Sibling>,
    /// Whether the spanned parser located the cursor (else the indentation reader did).
    pub parsed: bool,
}

impl Context {
    fn none(document: Option<&'static str>, offset: usize) -> Self {
        Context {
            document,
            position: Position::None,
            path: String::new(),
            key: None,
            status: Status::Opaque,
            span: (offset, offset),
            prefix: String::new(),
            kind: None,
            kind_words: None,
            doc: "",
            note: "",
            required: "",
            values: &[],
            protocols: &[],
            siblings: Vec::new(),
            parsed: false,
        }
    }
}

/// The table for a file: environment manifests by their path
/// (`copilot/environments/<env>/manifest.yml`), others by their `type:`; a workload manifest
/// without a known type gets the keys every workload type has; `.workspace` gets none.
pub fn table_for(file_path: &str, text: &str) -> (Option<&'static str>, Option<Table>) {
    table_with(file_path, text, None)
}

fn table_with(
    file_path: &str,
    text: &str,
    doc: Option<&Document>,
) -> (Option<&'static str>, Option<Table>) {
    let file = SourceFile::new(file_path, String::new());
    let kind = file.kind();
    match kind {
        FileKind::Environment { .. } => (Some("Environment"), Some(key_table::ENVIRONMENT)),
        FileKind::WorkspaceSummary => (None, None),
        FileKind::Workload { .. } | FileKind::Other => {
            match type_of(text, doc).and_then(|t| WorkloadType::parse(&t)) {
                Some(ty) => (Some(ty.as_str()), Some(key_table::workload(ty))),
                None if matches!(kind, FileKind::Workload { .. }) => {
                    (None, Some(key_table::ANY_WORKLOAD))
                }
                None => (None, None),
            }
        }
    }
}

/// The top-level `type:` of a manifest: from the tree when it parsed, else the first line that
/// starts with `type:` (quotes and a trailing comment left out).
fn type_of(text: &str, doc: Option<&Document>) -> Option<String> {
    if let Some(doc) = doc {
        let root = doc.root.as_ref()?;
        let entry = doc.get(root, "type")?;
        return doc
            .resolve(&entry.value)
            .and_then(Node::text)
            .map(str::to_string);
    }
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("type:"))?
        .trim_end_matches('\r');
    let value = match line.find(" #").or_else(|| line.find("\t#")) {
        Some(i) => line.get(..i).unwrap_or(""),
        None => line,
    };
    let value = value.trim();
    let value = value
        .strip_prefix(['"', '\''])
        .map_or(value, |v| v.strip_suffix(['"', '\'']).unwrap_or(v));
    (!value.is_empty()).then(|| value.to_string())
}

/// One step of a key path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(String),
    Item,
}

fn show(segs: &[Seg]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Item => out.push_str("[]"),
        }
    }
    out
}

/// What the cursor is on, before the table is asked.
struct Hit {
    position: Position,
    segs: Vec<Seg>,
    span: (usize, usize),
    prefix: String,
    parsed: bool,
}

/// What is at byte `offset` of `text`, the file at `file_path` (see [`Context`]). The offset is
/// clamped to the text and moved back to a character boundary. Never panics.
pub fn context_at(file_path: &str, text: &str, offset: usize) -> Context {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let doc = syntax::parse(text).ok();
    let (document, table) = table_with(file_path, text, doc.as_ref());
    let Some(table) = table else {
        return Context::none(document, offset);
    };
    let hit = match doc.as_ref().and_then(|d| tree_hit(d, text, offset)) {
        // A plain word alone on its line (`image:\n  hea`) is YAML's scalar value but, while
        // typing, a key: the indentation reader decides, else the tree stands.
        Some((hit, true)) => line_hit(text, offset, table).or(Some(hit)),
        Some((hit, false)) => Some(hit),
        None => line_hit(text, offset, table),
    };
    let Some(hit) = hit else {
        return Context::none(document, offset);
    };
    let resolved = resolve(table, &hit.segs);
    let key = resolved.key;
    let mut cx = Context {
        document,
        position: hit.position,
        path: show(&hit.segs),
        key: key.map(|k| k.path),
        status: resolved.status,
        span: hit.span,
        prefix: hit.prefix,
        kind: key.map(|k| k.kind),
        kind_words: key.map(|k| k.kind.words()),
        doc: key.map_or("", |k| k.doc),
        note: key.map_or("", |k| k.note),
        required: key.map_or("", |k| k.required),
        values: key.map_or(resolved.entry_values, |k| k.values),
        protocols: key.map_or(&[], |k| k.protocols),
        siblings: Vec::new(),
        parsed: hit.parsed,
    };
    if let Some(container) = &resolved.container {
        cx.siblings = table
            .children(container)
            .filter(|(name, _)| !(resolved.in_override && OVERRIDE_EXCLUDED.contains(name)))
            .map(|(name, k)| Sibling { name, kind: k.kind })
            .collect();
        cx.siblings.sort_by(|a, b| a.name.cmp(b.name));
    }
    cx
}

/// Keys an `environments.<env>` block does not take (spec: "every key except `name` and
/// `type`"; a nested `environments` would mean nothing).
const OVERRIDE_EXCLUDED: [&str; 3] = ["name", "type", "environments"];

struct Resolved {
    key: Option<&'static Key>,
    status: Status,
    /// The values of a user map's entries, for a user key (`image.depends_on.<name>`).
    entry_values: &'static [&'static str],
    /// The table path of the last segment's container, when it has known keys.
    container: Option<String>,
    in_override: bool,
}

/// The table path of `segs`, step by step as `model::keys::Checker` walks a document: a key of
/// the table, else a `<key>` pattern, else a name in a user map, else unknown (when the
/// container has known keys) or opaque.
fn resolve(table: Table, segs: &[Seg]) -> Resolved {
    let mut pattern = String::new();
    let mut key: Option<&'static Key> = None;
    let mut status = Status::Known;
    let mut entry_values: &'static [&'static str] = &[];
    let mut container = None;
    let mut in_override = false;
    let workload = table.get("environments").is_some();
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        if matches!(status, Status::Unknown | Status::Opaque) {
            if last {
                container = None;
            }
            continue;
        }
        match seg {
            Seg::Item => {
                pattern.push_str("[]");
                entry_values = &[];
            }
            Seg::Key(name) => {
                if last {
                    container = table
                        .children(&pattern)
                        .next()
                        .is_some()
                        .then(|| pattern.clone());
                }
                let exact = join(&pattern, name);
                let user = join(&pattern, "<key>");
                let parent = key;
                entry_values = &[];
                if let Some(k) = table.get(&exact) {
                    key = Some(k);
                    status = Status::Known;
                    pattern = exact;
                } else if table.get(&user).is_some() || table.has_children(&user) {
                    key = table.get(&user);
                    status = Status::User;
                    pattern = user;
                } else if parent.is_some_and(|p| p.kind == Kind::UserMap && p.path == pattern) {
                    entry_values = parent.map_or(&[], |p| p.values);
                    key = None;
                    status = Status::User;
                    pattern = user;
                } else if table.has_children(&pattern) || pattern.is_empty() {
                    key = None;
                    status = Status::Unknown;
                } else {
                    key = None;
                    status = Status::Opaque;
                }
                // `environments.<env>.…` takes the top-level keys again.
                if workload && i == 1 && status == Status::User && pattern == "environments.<key>" {
                    pattern.clear();
                    in_override = true;
                }
            }
        }
    }
    if segs.last() == Some(&Seg::Item) {
        container = None;
    }
    Resolved {
        key,
        status,
        entry_values,
        container,
        in_override,
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

// ---------------------------------------------------------------------------------------------
// The spanned tree: exact hits on keys and scalar values.

fn covers(span: crate::Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end && span.end > span.start
}

/// The key or scalar value at `offset`, and whether the indentation reader should decide
/// instead (a plain scalar on a line without a key).
fn tree_hit(doc: &Document, text: &str, offset: usize) -> Option<(Hit, bool)> {
    let root = doc.root.as_ref()?;
    let mut segs = Vec::new();
    let hit = walk(doc, root, text, offset, &mut segs, 0)?;
    let defer = hit.position == Position::Value && hit.plain && line_key(text, offset).is_none();
    let hit = Hit {
        position: hit.position,
        segs,
        span: hit.span,
        prefix: hit.prefix,
        parsed: true,
    };
    Some((hit, defer))
}

struct TreeHit {
    position: Position,
    span: (usize, usize),
    prefix: String,
    plain: bool,
}

fn walk(
    doc: &Document,
    node: &Node,
    text: &str,
    offset: usize,
    segs: &mut Vec<Seg>,
    depth: usize,
) -> Option<TreeHit> {
    if depth > syntax::MAX_DEPTH {
        return None;
    }
    match &node.kind {
        NodeKind::Map(entries) => {
            for e in entries {
                let name = doc.resolve(&e.key).and_then(Node::text).unwrap_or("");
                if covers(e.key.span, offset) {
                    segs.push(Seg::Key(name.to_string()));
                    return Some(scalar_hit(&e.key, text, offset, Position::Key));
                }
                if covers(e.value.span, offset) {
                    segs.push(Seg::Key(name.to_string()));
                    return match &e.value.kind {
                        NodeKind::Map(_) | NodeKind::Seq(_) => {
                            walk(doc, &e.value, text, offset, segs, depth + 1)
                        }
                        _ => Some(scalar_hit(&e.value, text, offset, Position::Value)),
                    };
                }
            }
            None
        }
        NodeKind::Seq(items) => {
            for item in items {
                if covers(item.span, offset) {
                    segs.push(Seg::Item);
                    return match &item.kind {
                        NodeKind::Map(_) | NodeKind::Seq(_) => {
                            walk(doc, item, text, offset, segs, depth + 1)
                        }
                        _ => Some(scalar_hit(item, text, offset, Position::Value)),
                    };
                }
            }
            None
        }
        _ => None,
    }
}

fn scalar_hit(node: &Node, text: &str, offset: usize, position: Position) -> TreeHit {
    let style = node.scalar().map(|s| s.style);
    let quoted = matches!(style, Some(Style::SingleQuoted | Style::DoubleQuoted));
    let start = node.span.start + usize::from(quoted);
    let prefix = text
        .get(start.min(offset)..offset)
        .unwrap_or("")
        .to_string();
    TreeHit {
        position,
        span: (node.span.start, node.span.end),
        prefix,
        plain: style == Some(Style::Plain),
    }
}

// ---------------------------------------------------------------------------------------------
// The indentation reader (ported from the editor's JavaScript; `web/context.js` is its twin).

/// One line taken apart: `indent`, `- ` item markers, and a `key:`.
#[derive(Debug, PartialEq, Eq)]
struct Line {
    indent: usize,
    /// Byte column after the item markers (= `indent` when there are none).
    after_dashes: usize,
    /// The key's byte range on the line (quotes included) and the colon's column.
    key: Option<(usize, usize, usize)>,
}

impl Line {
    fn dashed(&self) -> bool {
        self.after_dashes > self.indent
    }
}

/// `^([ \t]*)((?:- +)*)(KEY[ \t]*:(?=\s|$))?` where KEY is `"…"`, `'…'`, or a plain scalar
/// without `#` or `:` that does not start with a space, `#`, `:`, a quote or `- `.
fn parse_line(line: &str) -> Line {
    let bytes = line.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut i = 0;
    while matches!(at(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let indent = i;
    while at(i) == Some(b'-') && at(i + 1) == Some(b' ') {
        i += 1;
        while at(i) == Some(b' ') {
            i += 1;
        }
    }
    let after_dashes = i;
    let start = i;
    let token_end = match at(i) {
        Some(q @ (b'"' | b'\'')) => line
            .get(i + 1..)
            .and_then(|rest| rest.bytes().position(|b| b == q))
            .map(|p| i + 1 + p + 1),
        Some(c) if !matches!(c, b' ' | b'\t' | b'#' | b':') => {
            let plain_start =
                c != b'-' || !matches!(at(i + 1), None | Some(b' ' | b'\t' | b'#' | b':'));
            if plain_start {
                line.get(i..)
                    .and_then(|rest| rest.bytes().position(|b| b == b':' || b == b'#'))
                    .map(|p| i + p)
                    .filter(|&p| at(p) == Some(b':'))
                    .map(|p| {
                        let token = line.get(start..p).unwrap_or("");
                        start + token.trim_end_matches([' ', '\t']).len()
                    })
            } else {
                None
            }
        }
        _ => None,
    };
    let key = token_end.and_then(|end| {
        let mut j = end;
        while matches!(at(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        let colon_ok =
            at(j) == Some(b':') && matches!(at(j + 1), None | Some(b' ' | b'\t' | b'\r' | b'\n'));
        (colon_ok && end > start).then_some((start, end, j))
    });
    Line {
        indent,
        after_dashes,
        key,
    }
}

fn unquote(token: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = token.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    token
}

/// The line around `offset`: its start offset and text (no line break).
fn line_around(text: &str, offset: usize) -> (usize, &str) {
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    let line = text.get(start..end).unwrap_or("");
    (start, line.strip_suffix('\r').unwrap_or(line))
}

fn line_key(text: &str, offset: usize) -> Option<(usize, usize, usize)> {
    parse_line(line_around(text, offset).1).key
}

/// The column of a comment's `#` on the line (at the start or after a space), if any.
fn comment_at(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == 0 || matches!(bytes.get(i - 1), Some(b' ' | b'\t')) => {
                quote = Some(b);
            }
            (None, b'#') if i == 0 || matches!(bytes.get(i - 1), Some(b' ' | b'\t')) => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The container path of a key at byte column `col` of line `n` (`dashed`: the column of its
/// line's `- ` when it is a list item's first key), read upwards from less indented lines.
fn parents(lines: &[&str], n: usize, col: usize, dashed: Option<usize>) -> Vec<Seg> {
    let mut parts = Vec::new();
    let mut c = col;
    if let Some(d) = dashed {
        parts.push(Seg::Item);
        c = d;
    }
    for i in (0..n).rev() {
        if c == 0 {
            break;
        }
        let text = lines.get(i).copied().unwrap_or("");
        let trimmed = text.trim_start_matches([' ', '\t']);
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let l = parse_line(text);
        let dash = l.dashed().then_some(l.indent);
        match l.key {
            Some((ks, ke, _)) if l.after_dashes < c => {
                let key = unquote(text.get(ks..ke).unwrap_or(""));
                parts.push(Seg::Key(key.to_string()));
                c = l.after_dashes;
                if let Some(d) = dash {
                    parts.push(Seg::Item);
                    c = d;
                }
            }
            _ => match dash {
                Some(d) if d < c => {
                    parts.push(Seg::Item);
                    c = d;
                }
                _ => {
                    if l.indent < c && l.key.is_none() && dash.is_none() {
                        break; // a less indented scalar line: not block YAML we understand
                    }
                }
            },
        }
    }
    parts.reverse();
    parts
}

fn line_hit(text: &str, offset: usize, table: Table) -> Option<Hit> {
    let (start, line) = line_around(text, offset);
    let col = offset - start;
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let n = text.get(..start).map_or(0, |t| t.matches('\n').count());
    if comment_at(line).is_some_and(|c| c < col) {
        return None;
    }
    // A blank line: a key may start where the cursor is.
    let l = if line.trim().is_empty() {
        Line {
            indent: col,
            after_dashes: col,
            key: None,
        }
    } else {
        parse_line(line)
    };
    let dashed = l.dashed().then_some(l.indent);
    let hit = |position, segs, span: (usize, usize), prefix: &str| Hit {
        position,
        segs,
        span: (start + span.0, start + span.1),
        prefix: prefix.to_string(),
        parsed: false,
    };
    if let Some((ks, ke, colon)) = l.key {
        let token = line.get(ks..ke).unwrap_or("");
        let mut segs = parents(&lines, n, l.after_dashes, dashed);
        segs.push(Seg::Key(unquote(token).to_string()));
        if ks <= col && col <= ke {
            let from = (ks + usize::from(token.starts_with(['"', '\'']))).min(col);
            let prefix = line.get(from..col).unwrap_or("");
            return Some(hit(Position::Key, segs, (ks, ke), prefix));
        }
        if col <= colon {
            return None;
        }
        let value_end = comment_at(line).unwrap_or(line.len());
        let value = line.get(colon + 1..value_end).unwrap_or("");
        let lead = value.len() - value.trim_start_matches([' ', '\t']).len();
        let vs = colon + 1 + lead;
        let ve = (colon + 1 + value.trim_end_matches([' ', '\t']).len()).max(vs);
        if col < vs {
            return Some(hit(Position::Value, segs, (col, col), ""));
        }
        let quoted = line.get(vs..).is_some_and(|v| v.starts_with(['"', '\'']));
        let from = (vs + usize::from(quoted)).min(col);
        let prefix = line.get(from..col).unwrap_or("");
        return Some(hit(Position::Value, segs, (vs, ve.max(col)), prefix));
    }
    // No key on the line: a word being typed where a key goes, or a list item's value.
    let before = line.get(l.after_dashes..col).unwrap_or("");
    if col < l.after_dashes {
        return None;
    }
    let rest = line.get(col..).unwrap_or("");
    let word_after = rest.bytes().take_while(|b| is_word_byte(*b)).count();
    let lone_word = before.bytes().all(is_word_byte)
        && rest.get(word_after..).is_some_and(|r| r.trim().is_empty());
    let container = parents(&lines, n, l.after_dashes, dashed);
    if lone_word {
        let resolved = resolve(table, &container);
        let pattern_has_keys = match resolved.status {
            Status::Known | Status::User => container_pattern_has_keys(table, &container),
            _ => false,
        };
        if pattern_has_keys || dashed.is_none() {
            let word = line.get(l.after_dashes..col + word_after).unwrap_or(before);
            let mut segs = container;
            segs.push(Seg::Key(word.to_string()));
            let span = (l.after_dashes, col + word_after);
            return Some(hit(Position::NewKey, segs, span, before));
        }
    }
    if dashed.is_some() {
        let end = comment_at(line).unwrap_or(line.len());
        let value = line.get(l.after_dashes..end).unwrap_or("");
        let ve = l.after_dashes + value.trim_end_matches([' ', '\t']).len();
        let quoted = value.starts_with(['"', '\'']);
        let from = (l.after_dashes + usize::from(quoted)).min(col);
        let prefix = line.get(from..col).unwrap_or("");
        return Some(hit(
            Position::Value,
            container,
            (l.after_dashes, ve.max(col)),
            prefix,
        ));
    }
    None
}

/// Whether the table lists keys inside the node at `segs` (a map of known keys, or a list of
/// such maps), so that a word there is a key.
fn container_pattern_has_keys(table: Table, segs: &[Seg]) -> bool {
    let mut probe = segs.to_vec();
    probe.push(Seg::Key(String::new()));
    resolve(table, &probe).container.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_taken_apart_like_the_editor_does() {
        let l = parse_line("  - name: api # c");
        assert_eq!((l.indent, l.after_dashes, l.key), (2, 4, Some((4, 8, 8))));
        assert_eq!(parse_line("image:").key, Some((0, 5, 5)));
        assert_eq!(parse_line("\"a b\" : 1").key, Some((0, 5, 6)));
        assert_eq!(parse_line("url: http://x").key, Some((0, 3, 3)));
        assert_eq!(parse_line("http://x").key, None);
        assert_eq!(parse_line("# key: v").key, None);
        assert_eq!(parse_line("- - x: 1").after_dashes, 4);
        assert_eq!(parse_line("-x: 1").key, Some((0, 2, 2)));
        assert_eq!(parse_line("   ").key, None);
        assert_eq!(parse_line("'unclosed: 1").key, None);
        assert_eq!(comment_at("a: '#x' # c"), Some(8));
        assert_eq!(comment_at("# all"), Some(0));
        assert_eq!(comment_at("a: b#c"), None);
    }

    #[test]
    fn types_are_read_from_broken_text_too() {
        assert_eq!(
            type_of("name: x\ntype: 'Backend Service' # c\n", None).as_deref(),
            Some("Backend Service")
        );
        assert_eq!(type_of("type:\n", None), None);
        let (doc, table) = table_for("copilot/api/manifest.yml", "type: Worker Service\n:\n  - [");
        assert_eq!(doc, Some("Worker Service"));
        assert!(table.is_some());
        assert_eq!(table_for("copilot/api/manifest.yml", "name: x\n").0, None);
        assert!(
            table_for("copilot/api/manifest.yml", "name: x\n")
                .1
                .is_some()
        );
        assert!(
            table_for("copilot/.workspace", "application: a\n")
                .1
                .is_none()
        );
        assert!(table_for("notes.yml", "a: 1\n").1.is_none());
        assert_eq!(
            table_for(
                "copilot/environments/test/manifest.yml",
                "type: Backend Service\n"
            )
            .0,
            Some("Environment")
        );
    }

    #[test]
    fn schema_json_has_every_table() {
        let v: serde_json::Value = serde_json::from_str(&schema_json()).unwrap_or_default();
        assert_eq!(v["version"], 1);
        assert_eq!(v["types"].as_object().map(serde_json::Map::len), Some(6));
        assert_eq!(v["kinds"]["U16"], "integer from 0 to 65535, unquoted");
        let backend = v["types"]["Backend Service"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let port = backend
            .iter()
            .find(|k| k["path"] == "image.port")
            .cloned()
            .unwrap_or_default();
        assert_eq!(port["kind"], "U16");
        assert!(port.get("values").is_none());
        let rolling = backend
            .iter()
            .find(|k| k["path"] == "deployment.rolling")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            rolling["values"],
            serde_json::json!(["default", "recreate"])
        );
        assert!(v["environment"].as_array().is_some_and(|e| e.len() > 50));
        assert!(
            v["any_workload"]
                .as_array()
                .is_some_and(|e| e.iter().any(|k| k["path"] == "type"))
        );
    }
}
