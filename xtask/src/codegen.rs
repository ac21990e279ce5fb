//! `cargo xtask codegen [--check]`: the key tables of `crates/manifest` from our spec's tables.
//!
//! Reads `../shared/spec/manifest-fields.md` in place (our own spec, beside the repository; CI
//! has it at the same path) and writes `crates/manifest/src/model/key_table.rs`: every key per
//! workload type and for environment manifests with its kind, a one-line doc, what Copilot
//! enforces on it (the rules column, for hovers), whether it is required, and the values
//! completion offers. Every write goes through [`update`] (Biome's `xtask/codegen` shape): with
//! [`Mode::Verify`] nothing is written and every file that would change is listed, which is how
//! `cargo xtask test` checks that the generated file and the spec agree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::ctx::{Ctx, Result};

/// The spec, relative to the repository root.
pub const SPEC: &str = "../shared/spec/manifest-fields.md";
/// The generated Rust file, relative to the repository root.
pub const KEY_TABLE: &str = "crates/manifest/src/model/key_table.rs";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write files whose contents changed.
    Overwrite,
    /// Write nothing; report files whose contents would change.
    Verify,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Written,
    /// [`Mode::Verify`] only: the file on disk differs from what codegen makes.
    Drifted,
}

/// The one way codegen touches the disk: write `text` to `path` unless it already holds it; in
/// [`Mode::Verify`] only compare.
pub fn update(path: &Path, text: &str, mode: Mode) -> Result<Outcome> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(Outcome::Unchanged);
    }
    match mode {
        Mode::Verify => Ok(Outcome::Drifted),
        Mode::Overwrite => {
            fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Outcome::Written)
        }
    }
}

/// `cargo xtask codegen` (`Overwrite`) or `cargo xtask codegen --check` (`Verify`).
pub fn run(ctx: &Ctx, mode: Mode) -> Result {
    let spec_path = ctx.root.join(SPEC);
    let spec = fs::read_to_string(&spec_path).map_err(|e| {
        format!(
            "cannot read the spec {} ({e}); codegen reads it in place beside the repository",
            spec_path.display()
        )
    })?;
    let tables = parse_spec(&spec)?;
    let rust = rustfmt(ctx, &render_rust(&tables))?;
    let outputs: [(PathBuf, String); 1] = [(ctx.root.join(KEY_TABLE), rust)];
    let mut drifted = Vec::new();
    for (path, text) in &outputs {
        let shown = path.strip_prefix(&ctx.root).unwrap_or(path).display();
        match update(path, text, mode)? {
            Outcome::Unchanged => println!("codegen: {shown} is up to date"),
            Outcome::Written => println!("codegen: wrote {shown}"),
            Outcome::Drifted => drifted.push(shown.to_string()),
        }
    }
    for t in &tables {
        println!("codegen: {} {} keys", t.name, t.keys.len());
    }
    if drifted.is_empty() {
        Ok(())
    } else {
        for d in &drifted {
            println!("codegen: out of date: {d}");
        }
        Err(format!(
            "{} generated file(s) differ from what `cargo xtask codegen` makes from {SPEC}: {}; \
             run `cargo xtask codegen` and commit the result",
            drifted.len(),
            drifted.join(", ")
        ))
    }
}

/// The spec's sections that hold a key table: heading prefix, table name in the generated
/// file, and the `WorkloadType` variant (none for environment manifests).
const SECTIONS: &[(&str, &str, Option<&str>)] = &[
    (
        "Load Balanced Web Service",
        "LBWS",
        Some("LoadBalancedWebService"),
    ),
    ("Backend Service", "BACKEND", Some("BackendService")),
    ("Worker Service", "WORKER", Some("WorkerService")),
    ("Scheduled Job", "JOB", Some("ScheduledJob")),
    (
        "Request-Driven Web Service",
        "RDWS",
        Some("RequestDrivenWebService"),
    ),
    ("Static Site", "STATIC_SITE", Some("StaticSite")),
    ("Environment manifest", "ENVIRONMENT", None),
];

/// The table of keys every workload type has (for a manifest without a known `type`).
const ANY_WORKLOAD: &str = "ANY_WORKLOAD";

/// How the spec's type column maps to `Kind` (its vocabulary, "How to read the tables").
/// Anything else is a `map … → …` user map or a union (`A or B`).
const KINDS: &[(&str, &str)] = &[
    ("string", "Str"),
    ("duration", "Duration"),
    ("map", "Map"),
    ("int", "Int"),
    ("Integer", "Int"),
    ("int (0–100)", "Int"),
    ("bool", "Bool"),
    ("uint16", "U16"),
    ("uint32", "U32"),
    ("float", "Float"),
    ("list of strings", "StrList"),
    ("list of strings (CIDR)", "StrList"),
    ("string (CIDR)", "Str"),
    ("list of maps", "MapList"),
    ("any", "Any"),
    ("map (any values)", "Any"),
];

/// Type cells that say no more than the kind's words (the key's doc stays empty).
const PLAIN_TYPES: &[&str] = &[
    "string",
    "duration",
    "map",
    "int",
    "Integer",
    "bool",
    "uint16",
    "uint32",
    "float",
    "list of strings",
    "list of maps",
    "any",
];

const BOOL: &[&str] = &["true", "false"];

/// Values the spec states in prose that the readers below cannot take apart. Each names the
/// cell it comes from and text that cell must still contain, so that a change of the spec
/// fails codegen instead of silently keeping stale values.
///
/// Where the editor's former hard-coded `ENUMS` (web/editor.js, by a key's last segment) went:
/// `type` → the section headings (every workload type); `placement` → "exactly `public` or
/// `private`"; `version`, `rolling`, `deduplication_scope`, `throughput_limit` → the rules
/// cells' leading lists of values; `platform` → "string: `linux/amd64`, …"; `exec`, `connect`
/// → their `bool or …` type; `protocol` (which matched no key: no key is named `protocol`) →
/// the `protocols` of the `PORT/PROTOCOL` keys ("protocol `tcp`/`udp`"); `osfamily` and
/// `architecture` → the two entries below. `former_editor_enums_are_kept` checks them all.
struct Override {
    path: &'static str,
    /// The path whose rules cell states these values, and text it must contain.
    cell: &'static str,
    expect: &'static str,
    values: &'static [&'static str],
    protocols: &'static [&'static str],
}

const OVERRIDES: &[Override] = &[
    // "pairs: linux×{x86_64,amd64,arm,arm64}, windows / windows_server_2019_core / _2019_full /
    // _2022_core / _2022_full × {x86_64,amd64}" (the editor's ENUMS.osfamily lacked `windows`).
    Override {
        path: "platform.osfamily",
        cell: "platform.osfamily",
        expect: "pairs: linux×{x86_64,amd64,arm,arm64}, windows / windows_server_2019_core / _2019_full / _2022_core / _2022_full",
        values: &[
            "linux",
            "windows",
            "windows_server_2019_core",
            "windows_server_2019_full",
            "windows_server_2022_core",
            "windows_server_2022_full",
        ],
        protocols: &[],
    },
    Override {
        path: "platform.architecture",
        cell: "platform.osfamily",
        expect: "linux×{x86_64,amd64,arm,arm64}",
        values: &["x86_64", "amd64", "arm", "arm64"],
        protocols: &[],
    },
    // "**required** per listener; same format" (as `nlb.port`: protocol `tcp`/`udp`/`tls`).
    Override {
        path: "nlb.additional_listeners[].port",
        cell: "nlb.additional_listeners[].port",
        expect: "same format",
        values: &[],
        protocols: &["tcp", "udp", "tls"],
    },
];

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub path: String,
    pub kind: &'static str,
    pub doc: String,
    pub note: String,
    pub required: String,
    pub values: Vec<String>,
    pub protocols: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's name in the generated file (`LBWS`).
    pub name: &'static str,
    /// The section heading it came from.
    pub heading: String,
    /// The `WorkloadType` variant, for workload tables.
    pub variant: Option<&'static str>,
    /// Sorted by path.
    pub keys: Vec<Key>,
}

/// Every key table of the spec, in the spec's order, then [`ANY_WORKLOAD`].
pub fn parse_spec(spec: &str) -> Result<Vec<Table>> {
    let mut tables: Vec<Table> = Vec::new();
    // The rules cell of each row, by table and path (for `as `…`` references and overrides).
    let mut rules: Vec<BTreeMap<String, String>> = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut current: Option<usize> = None;
    for (n, line) in spec.lines().enumerate() {
        if line.starts_with("## ") || line.starts_with("### ") {
            let title = line.trim_start_matches('#').trim();
            current = SECTIONS
                .iter()
                .find(|(prefix, _, _)| title.starts_with(prefix))
                .map(|&(_, name, variant)| {
                    tables.push(Table {
                        name,
                        heading: title.to_string(),
                        variant,
                        keys: Vec::new(),
                    });
                    rules.push(BTreeMap::new());
                    tables.len() - 1
                });
            columns = None;
            continue;
        }
        let Some(t) = current else { continue };
        if !line.starts_with('|') {
            continue;
        }
        let cells = split_row(line);
        let Some(cols) = &columns else {
            columns =
                Some(Columns::from_header(&cells).map_err(|e| format!("{SPEC}:{}: {e}", n + 1))?);
            continue;
        };
        let Some(path) = code_span(cells.get(cols.path).map_or("", String::as_str)) else {
            continue; // the header's `| --- |` line
        };
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map_or(String::new(), |c| c.trim().to_string())
        };
        let ty = cell(Some(cols.ty));
        if path.starts_with("environments.<env>.") || ty == "same as the key" {
            continue;
        }
        let rule = cell(cols.rules);
        let kind = kind_of(&ty);
        let description = cell(cols.description);
        let key = Key {
            path: path.to_string(),
            kind,
            doc: if !description.is_empty() {
                description
            } else if PLAIN_TYPES.contains(&ty.as_str()) {
                String::new()
            } else {
                ty.clone()
            },
            note: note(&rule),
            required: cell(cols.required),
            values: values_of(&rule, &ty, kind),
            protocols: protocols_of(&rule),
        };
        let (Some(table), Some(by_path)) = (tables.get_mut(t), rules.get_mut(t)) else {
            continue;
        };
        if by_path.insert(path.to_string(), rule).is_some() {
            return Err(format!(
                "{SPEC}:{}: `{path}` appears twice in {}",
                n + 1,
                table.heading
            ));
        }
        table.keys.push(key);
    }
    let missing: Vec<_> = SECTIONS
        .iter()
        .filter(|(_, name, _)| !tables.iter().any(|t| t.name == *name))
        .map(|(prefix, _, _)| *prefix)
        .collect();
    if !missing.is_empty() {
        return Err(format!("{SPEC}: no key table for {}", missing.join(", ")));
    }
    let type_names: Vec<String> = SECTIONS
        .iter()
        .filter(|s| s.2.is_some())
        .map(|s| s.0.to_string())
        .collect();
    for (table, by_path) in tables.iter_mut().zip(&rules) {
        resolve_references(table, by_path);
        apply_overrides(table, by_path)?;
        for key in &mut table.keys {
            // `type` names the table; completion offers every workload type.
            if table.variant.is_some() && key.path == "type" {
                key.values = type_names.clone();
            }
        }
        table.keys.sort_by(|a, b| a.path.cmp(&b.path));
    }
    for o in OVERRIDES {
        if !rules.iter().any(|r| r.contains_key(o.path)) {
            return Err(format!("override for `{}`: no table has that key", o.path));
        }
    }
    let any = any_workload(&tables);
    tables.push(any);
    Ok(tables)
}

/// Column positions, from a table's header row.
struct Columns {
    path: usize,
    ty: usize,
    rules: Option<usize>,
    required: Option<usize>,
    description: Option<usize>,
}

impl Columns {
    fn from_header(cells: &[String]) -> Result<Self> {
        let find =
            |f: &dyn Fn(&str) -> bool| cells.iter().position(|c| f(&c.trim().to_ascii_lowercase()));
        Ok(Self {
            path: find(&|c| c == "key path").ok_or("a key table without a `key path` column")?,
            ty: find(&|c| c == "type").ok_or("a key table without a `type` column")?,
            rules: find(&|c| c.contains("rules")),
            required: find(&|c| c == "required"),
            description: find(&|c| c == "description" || c == "doc"),
        })
    }
}

/// The cells of a Markdown table row (`| a | b |` → `a`, `b`); `\|` does not split.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(cell) = cells.last_mut() {
                    cell.push('|');
                }
            }
            '|' => cells.push(String::new()),
            c => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// `` `a.b` `` → `a.b`: a cell that is exactly one code span.
fn code_span(cell: &str) -> Option<&str> {
    let inner = cell.trim().strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

fn kind_of(ty: &str) -> &'static str {
    if let Some((_, k)) = KINDS.iter().find(|(t, _)| *t == ty) {
        k
    } else if ty.starts_with("map ") && ty.contains('→') {
        "UserMap"
    } else {
        "Union"
    }
}

/// The rules cell as a hover line: no Markdown emphasis, no pointers into our spec (the reader
/// of a hover does not have it): `; see copilot-networking.md …` up to the next `;`, and a
/// parenthesised `(see copilot-networking.md …)` with its parentheses.
pub fn note(text: &str) -> String {
    const POINTER: &str = "see copilot-networking.md";
    let mut s = text.replace("**", "");
    while let Some(at) = s.find(POINTER) {
        let before = s.get(..at).unwrap_or("");
        let after = s.get(at..).unwrap_or("");
        let (start, end) = if before.ends_with('(') {
            let close = after.find(')').map_or(after.len(), |i| i + 1);
            (before.len() - 1, at + close)
        } else {
            let end = after.find(';').map_or(s.len(), |i| at + i);
            let trimmed = before.trim_end();
            let start = trimmed.strip_suffix(';').map_or(trimmed.len(), str::len);
            (start, end)
        };
        let head = s.get(..start).unwrap_or("").trim_end().to_string();
        let tail = s.get(end..).unwrap_or("").to_string();
        s = head + &tail;
    }
    s.trim().trim_end_matches(';').trim().to_string()
}

/// A run of code spans at the start of `s` joined by `, `, ` or ` or `, or `:
/// (`` `a`, `b` or `c` `` → `[a, b, c]`) and the text after it.
fn code_list(s: &str) -> Option<(Vec<String>, &str)> {
    let mut tokens = Vec::new();
    let mut rest = s;
    loop {
        let body = rest.strip_prefix('`')?;
        let close = body.find('`')?;
        tokens.push(body.get(..close)?.to_string());
        rest = body.get(close + 1..)?;
        let next = [", or `", " or `", ", `"]
            .iter()
            .find_map(|sep| rest.strip_prefix(&sep[..sep.len() - 1]));
        match next {
            Some(more) if more.starts_with('`') => rest = more,
            _ => return Some((tokens, rest)),
        }
    }
}

/// A value the spec lists is a word (`http1`, `linux/amd64`, `Load Balanced Web Service`), not
/// a pattern (`^(\d+)-(\d+)$`), a quoted form or a map (`{}`).
fn is_word(token: &str, spaces: bool) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c) || (spaces && c == ' '))
}

/// The values completion offers for a key, from its rules cell and type.
pub fn values_of(rule: &str, ty: &str, kind: &str) -> Vec<String> {
    let ends_list = |rest: &str| rest.is_empty() || rest.starts_with(" (") || rest.starts_with(';');
    // "`grpc`, `http1`, `http2` (case-insensitive)", "`default` or `recreate`", "`Environment` (…)"
    if let Some((tokens, rest)) = code_list(rule)
        && ends_list(rest)
        && tokens.iter().all(|t| is_word(t, false))
    {
        return tokens;
    }
    // "string: `linux/amd64`, `linux/x86_64`, … (case-insensitive, …)"
    if let Some((tokens, rest)) = rule.strip_prefix("string: ").and_then(code_list)
        && ends_list(rest)
        && tokens.iter().all(|t| is_word(t, false))
    {
        return tokens;
    }
    // "exactly `public` or `private` (case-sensitive), or map", "must be exactly `private`"
    if let Some(at) = rule.find("exactly `")
        && let Some((tokens, _)) = rule.get(at + "exactly ".len()..).and_then(code_list)
        && tokens.iter().all(|t| is_word(t, true))
    {
        return tokens;
    }
    // "values START, COMPLETE, SUCCESS, HEALTHY (case-insensitive); …"
    if let Some(list) = rule.strip_prefix("values ") {
        let list = list.split([';', '(']).next().unwrap_or("");
        let tokens: Vec<String> = list.split(',').map(|t| t.trim().to_string()).collect();
        if tokens
            .iter()
            .all(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_uppercase()))
        {
            return tokens;
        }
    }
    if kind == "Bool" || ty.starts_with("bool or ") || ty.starts_with("bool, ") {
        return BOOL.iter().map(std::string::ToString::to_string).collect();
    }
    Vec::new()
}

/// "protocol `tcp`/`udp`/`tls`" → `[tcp, udp, tls]`.
pub fn protocols_of(rule: &str) -> Vec<String> {
    let Some(at) = rule.find("protocol `") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut rest = rule.get(at + "protocol ".len()..).unwrap_or("");
    while let Some(body) = rest.strip_prefix('`') {
        let Some(close) = body.find('`') else { break };
        out.push(body.get(..close).unwrap_or("").to_string());
        rest = body.get(close + 1..).unwrap_or("");
        match rest.strip_prefix('/') {
            Some(more) => rest = more,
            None => break,
        }
    }
    out
}

/// "as `image.depends_on`": the key takes the values of the key it refers to.
fn resolve_references(table: &mut Table, rules: &BTreeMap<String, String>) {
    let by_path: BTreeMap<String, (Vec<String>, Vec<String>)> = table
        .keys
        .iter()
        .map(|k| (k.path.clone(), (k.values.clone(), k.protocols.clone())))
        .collect();
    for key in &mut table.keys {
        let Some(target) = rules
            .get(&key.path)
            .and_then(|r| r.strip_prefix("as "))
            .and_then(code_span_prefix)
        else {
            continue;
        };
        if let Some((values, protocols)) = by_path.get(target) {
            if key.values.is_empty() {
                key.values.clone_from(values);
            }
            if key.protocols.is_empty() {
                key.protocols.clone_from(protocols);
            }
        }
    }
}

/// The code span at the start of `s`.
fn code_span_prefix(s: &str) -> Option<&str> {
    let body = s.strip_prefix('`')?;
    body.get(..body.find('`')?)
}

fn apply_overrides(table: &mut Table, rules: &BTreeMap<String, String>) -> Result {
    for o in OVERRIDES {
        let Some(key) = table.keys.iter_mut().find(|k| k.path == o.path) else {
            continue;
        };
        let cell = rules.get(o.cell).map_or("", String::as_str);
        if !cell.contains(o.expect) {
            return Err(format!(
                "{SPEC} ({}): the rules cell of `{}` no longer says {:?}; review the override \
                 for `{}` in xtask/src/codegen.rs",
                table.heading, o.cell, o.expect, o.path
            ));
        }
        if !o.values.is_empty() {
            key.values = o
                .values
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
        }
        if !o.protocols.is_empty() {
            key.protocols = o
                .protocols
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
        }
    }
    Ok(())
}

/// The keys every workload table has: what a manifest without a known `type` can hold. Fields
/// the tables disagree on are left empty (a kind they disagree on becomes `Union`).
fn any_workload(tables: &[Table]) -> Table {
    let workloads: Vec<&Table> = tables.iter().filter(|t| t.variant.is_some()).collect();
    let mut keys = Vec::new();
    if let Some((first, rest)) = workloads.split_first() {
        for key in &first.keys {
            let others: Vec<&Key> = rest
                .iter()
                .filter_map(|t| t.keys.iter().find(|k| k.path == key.path))
                .collect();
            if others.len() != rest.len() {
                continue;
            }
            let same = |f: &dyn Fn(&Key) -> bool| others.iter().all(|k| f(k));
            keys.push(Key {
                path: key.path.clone(),
                kind: if same(&|k| k.kind == key.kind) {
                    key.kind
                } else {
                    "Union"
                },
                doc: pick(same(&|k| k.doc == key.doc), &key.doc),
                note: pick(same(&|k| k.note == key.note), &key.note),
                required: pick(same(&|k| k.required == key.required), &key.required),
                values: if same(&|k| k.values == key.values) {
                    key.values.clone()
                } else {
                    Vec::new()
                },
                protocols: if same(&|k| k.protocols == key.protocols) {
                    key.protocols.clone()
                } else {
                    Vec::new()
                },
            });
        }
    }
    Table {
        name: ANY_WORKLOAD,
        heading: "keys every workload type has".to_string(),
        variant: None,
        keys,
    }
}

fn pick(same: bool, s: &str) -> String {
    if same { s.to_string() } else { String::new() }
}

/// Rust string literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", inner.join(", "))
}

/// The generated Rust file (before rustfmt).
pub fn render_rust(tables: &[Table]) -> String {
    // One shared list of distinct entries (the four ECS workload types share most keys).
    let distinct: BTreeSet<&Key> = tables.iter().flat_map(|t| &t.keys).collect();
    let keys: Vec<&Key> = distinct.into_iter().collect();
    let index: BTreeMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line("//! GENERATED by `cargo xtask codegen` (xtask/src/codegen.rs) from");
    line(
        "//! ../shared/spec/manifest-fields.md: do not edit. `cargo xtask codegen --check` (a step of",
    );
    line("//! `cargo xtask test`) fails when this file and the spec disagree.");
    line("//!");
    line(
        "//! Every manifest key per workload type and for environment manifests: how Copilot decodes",
    );
    line(
        "//! it, a one-line doc, what Copilot enforces on it, whether it is required, and the values",
    );
    line(
        "//! completion offers. Paths are dotted; `[]` stands for any list item and `<key>` for any",
    );
    line("//! user-chosen map key.");
    line("");
    line("use super::WorkloadType;");
    line("use super::kind::Kind::*;");
    line("use super::kind::{Key, Table};");
    line("");
    line("/// Every distinct entry of the tables below, sorted by path.");
    line(&format!("pub static KEYS: [Key; {}] = [", keys.len()));
    for k in &keys {
        let mut fields = vec![
            format!("path: {}", lit(&k.path)),
            format!("kind: {}", k.kind),
        ];
        let mut defaulted = false;
        for (name, value) in [
            ("doc", &k.doc),
            ("note", &k.note),
            ("required", &k.required),
        ] {
            if value.is_empty() {
                defaulted = true;
            } else {
                fields.push(format!("{name}: {}", lit(value)));
            }
        }
        for (name, value) in [("values", &k.values), ("protocols", &k.protocols)] {
            if value.is_empty() {
                defaulted = true;
            } else {
                fields.push(format!("{name}: {}", list(value)));
            }
        }
        if defaulted {
            fields.push("..Key::NONE".to_string());
        }
        line(&format!("    Key {{ {} }},", fields.join(", ")));
    }
    line("];");
    for t in tables {
        line("");
        line(&format!("/// {}", t.heading));
        let ids: Vec<String> = t
            .keys
            .iter()
            .filter_map(|k| index.get(k))
            .map(std::string::ToString::to_string)
            .collect();
        line(&format!(
            "pub static {}: Table = Table::new(&KEYS, &[{}]);",
            t.name,
            ids.join(", ")
        ));
    }
    line("");
    line("/// The table of a workload type.");
    line("pub fn workload(ty: WorkloadType) -> Table {");
    line("    match ty {");
    for t in tables {
        if let Some(v) = t.variant {
            line(&format!("        WorkloadType::{v} => {},", t.name));
        }
    }
    line("    }");
    line("}");
    out
}

/// `rustfmt` over the generated text (stdin to stdout), so `cargo fmt --check` agrees with it.
fn rustfmt(ctx: &Ctx, text: &str) -> Result<String> {
    let mut child = ctx
        .cmd("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt has no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to rustfmt: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed ({}) on the generated code",
            out.status
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt wrote non-UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = "\
# Title

## Which top-level keys exist per type

| top-level key | LBWS |
| --- | --- |
| `image` | ✓ |

### Load Balanced Web Service (`type: Load Balanced Web Service`)

| key path | type | Copilot-enforced values / rules | required |
| --- | --- | --- | --- |
| `type` | string | exactly `Load Balanced Web Service` | yes |
| `image.port` | uint16 | 0–65535; **required** | yes |
| `http` | bool or map | bool or map; **required** | yes |
| `http.version` | string | `grpc`, `http1`, `http2` (case-insensitive) |  |
| `network.vpc.placement` | string or map | exactly `public` or `private` (case-sensitive), or map |  |
| `network.connect` | bool or map | bool or `{alias}`; see copilot-networking.md §2.5/§3.2; rejected on Windows |  |
| `image.depends_on` | map string → string | values START, COMPLETE, SUCCESS, HEALTHY (case-insensitive); no cycles |  |
| `sidecars.<key>.depends_on` | map string → string | as `image.depends_on` |  |
| `sidecars.<key>.port` | string | `\"PORT\"` or `\"PORT/PROTOCOL\"`, protocol `tcp`/`udp` (case-insensitive) |  |
| `platform` | string or map | string: `linux/amd64`, `windows/x86_64` (case-insensitive, must contain one `/`) |  |
| `security_groups` | list of strings | `{}` is a decode error |  |
| `platform.osfamily` | string | both; pairs: linux×{x86_64,amd64,arm,arm64}, windows / windows_server_2019_core / _2019_full / _2022_core / _2022_full × {x86_64,amd64} |  |
| `platform.architecture` | string |  |  |
| `nlb.additional_listeners[].port` | string | **required** per listener; same format | yes (per listener) |
| `environments` | map name → map | each value accepts every key above except `name`/`type` (see copilot-networking.md §3.3) | |
| `environments.<env>.<any key above>` | same as the key | validated only after merging | |

### Backend Service (`type: Backend Service`)

| key path | type | description |
| --- | --- | --- |
| `type` | string | The workload type. |
| `image.port` | uint16 | The port the main container listens on. |
| `http` | bool or map | |

### Worker Service

| key path | type |
| --- | --- |
| `type` | string |

### Scheduled Job

| key path | type |
| --- | --- |
| `type` | string |

### Request-Driven Web Service

| key path | type |
| --- | --- |
| `type` | string |

### Static Site

| key path | type |
| --- | --- |
| `type` | string |
| `files` | list of maps |

## Environment manifest (`copilot/environments/<env>/manifest.yml`)

| key path | type | Copilot-enforced values / rules | required |
| --- | --- | --- | --- |
| `type` | string | `Environment` (not validated) | |
| `network.vpc.cidr` | string (CIDR) | managed VPC CIDR | |

## Where the published docs disagree

| key | docs say | Copilot actually decodes |
| --- | --- | --- |
| `http.target_port` | String | uint16 |
";

    fn key<'a>(tables: &'a [Table], table: &str, path: &str) -> &'a Key {
        tables
            .iter()
            .find(|t| t.name == table)
            .and_then(|t| t.keys.iter().find(|k| k.path == path))
            .unwrap_or_else(|| panic!("{table} {path}"))
    }

    #[test]
    fn parses_a_spec_snippet() {
        let tables = parse_spec(SNIPPET).unwrap();
        let names: Vec<_> = tables.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "LBWS",
                "BACKEND",
                "WORKER",
                "JOB",
                "RDWS",
                "STATIC_SITE",
                "ENVIRONMENT",
                ANY_WORKLOAD
            ]
        );
        let lbws = &tables[0];
        // Sorted, the per-environment pseudo row left out, the top-level table ignored.
        let paths: Vec<_> = lbws.keys.iter().map(|k| k.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort_unstable();
        assert_eq!(paths, sorted);
        assert!(!paths.iter().any(|p| p.starts_with("environments.")));
        assert_eq!(lbws.keys.len(), 15);

        let port = key(&tables, "LBWS", "image.port");
        assert_eq!((port.kind, port.doc.as_str()), ("U16", ""));
        assert_eq!(port.note, "0–65535; required");
        assert_eq!(port.required, "yes");
        let http = key(&tables, "LBWS", "http");
        assert_eq!((http.kind, http.doc.as_str()), ("Union", "bool or map"));
        assert_eq!(http.values, ["true", "false"]);
        assert_eq!(
            key(&tables, "LBWS", "http.version").values,
            ["grpc", "http1", "http2"]
        );
        assert_eq!(
            key(&tables, "LBWS", "network.vpc.placement").values,
            ["public", "private"]
        );
        let connect = key(&tables, "LBWS", "network.connect");
        assert_eq!(connect.note, "bool or `{alias}`; rejected on Windows");
        assert_eq!(connect.values, ["true", "false"]);
        let depends = key(&tables, "LBWS", "image.depends_on");
        assert_eq!(depends.kind, "UserMap");
        assert_eq!(depends.values, ["START", "COMPLETE", "SUCCESS", "HEALTHY"]);
        assert_eq!(
            key(&tables, "LBWS", "sidecars.<key>.depends_on").values,
            depends.values
        );
        let sidecar_port = key(&tables, "LBWS", "sidecars.<key>.port");
        assert!(sidecar_port.values.is_empty(), "{sidecar_port:?}");
        assert_eq!(sidecar_port.protocols, ["tcp", "udp"]);
        assert_eq!(
            key(&tables, "LBWS", "platform").values,
            ["linux/amd64", "windows/x86_64"]
        );
        assert!(key(&tables, "LBWS", "security_groups").values.is_empty());
        // Values stated in prose come from the overrides.
        assert_eq!(
            key(&tables, "LBWS", "platform.architecture").values.len(),
            4
        );
        assert_eq!(key(&tables, "LBWS", "platform.osfamily").values.len(), 6);
        assert_eq!(
            key(&tables, "LBWS", "nlb.additional_listeners[].port").protocols,
            ["tcp", "udp", "tls"]
        );
        // A parenthesised pointer into our spec goes with its parentheses.
        assert_eq!(
            key(&tables, "LBWS", "environments").note,
            "each value accepts every key above except `name`/`type`"
        );
        // `type` offers every workload type; the environment's its one word.
        assert_eq!(key(&tables, "LBWS", "type").values.len(), 6);
        assert_eq!(
            key(&tables, "LBWS", "type").note,
            "exactly `Load Balanced Web Service`"
        );
        assert_eq!(key(&tables, "ENVIRONMENT", "type").values, ["Environment"]);
        assert_eq!(
            key(&tables, "ENVIRONMENT", "network.vpc.cidr").doc,
            "string (CIDR)"
        );
        // A description column, when a table has one, is the doc.
        assert_eq!(
            key(&tables, "BACKEND", "image.port").doc,
            "The port the main container listens on."
        );
        // Keys of every workload type; fields they disagree on are dropped.
        let any: Vec<_> = tables[7].keys.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(any, ["type"]);
        assert_eq!(tables[7].keys[0].note, "");
        assert_eq!(tables[7].keys[0].values.len(), 6);
    }

    #[test]
    fn missing_sections_and_duplicates_are_errors() {
        let err =
            parse_spec("### Backend Service\n\n| key path | type |\n| --- | --- |\n").unwrap_err();
        assert!(
            err.contains("no key table for Load Balanced Web Service"),
            "{err}"
        );
        let twice = SNIPPET.replace(
            "| `http` | bool or map | |",
            "| `http` | bool or map | |\n| `http` | map | |",
        );
        assert!(
            parse_spec(&twice)
                .unwrap_err()
                .contains("`http` appears twice")
        );
        // An override whose cell changed fails instead of keeping stale values.
        let changed = SNIPPET.replace("; same format", "; another format");
        let err = parse_spec(&changed).unwrap_err();
        assert!(err.contains("review the override"), "{err}");
    }

    #[test]
    fn rendering_is_deterministic_and_shares_entries() {
        let tables = parse_spec(SNIPPET).unwrap();
        let text = render_rust(&tables);
        assert_eq!(text, render_rust(&tables));
        assert!(text.starts_with("//! GENERATED by `cargo xtask codegen`"));
        // `type` has a different note per table, `files` exists once.
        assert_eq!(text.matches("path: \"files\"").count(), 1);
        assert!(text.contains("pub static STATIC_SITE: Table"));
        assert!(text.contains("WorkloadType::StaticSite => STATIC_SITE,"));
        assert!(!text.contains("ANY_WORKLOAD => "));
    }

    #[test]
    fn update_writes_only_changes_and_verify_writes_nothing() {
        let dir = std::env::temp_dir().join(format!("xtask-codegen-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("generated.rs");
        let _ = fs::remove_file(&path);
        assert_eq!(update(&path, "a", Mode::Verify).unwrap(), Outcome::Drifted);
        assert!(!path.exists());
        assert_eq!(
            update(&path, "a", Mode::Overwrite).unwrap(),
            Outcome::Written
        );
        assert_eq!(
            update(&path, "a", Mode::Verify).unwrap(),
            Outcome::Unchanged
        );
        assert_eq!(
            update(&path, "a", Mode::Overwrite).unwrap(),
            Outcome::Unchanged
        );
        assert_eq!(update(&path, "b", Mode::Verify).unwrap(), Outcome::Drifted);
        assert_eq!(fs::read_to_string(&path).unwrap(), "a");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// `cargo xtask codegen --check` on a scratch repository: it lists a missing or drifted
    /// file and writes nothing; `cargo xtask codegen` writes it; then the check passes.
    #[test]
    fn check_mode_lists_drift_and_writes_nothing() {
        let scratch = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let root = scratch.join("repo");
        let spec = scratch.join("shared/spec/manifest-fields.md");
        fs::create_dir_all(spec.parent().unwrap()).unwrap();
        fs::create_dir_all(root.join("crates/manifest/src/model")).unwrap();
        fs::write(&spec, SNIPPET).unwrap();
        let mut ctx = Ctx::new().unwrap();
        ctx.root = root.clone();
        let out = root.join(KEY_TABLE);

        let err = run(&ctx, Mode::Verify).unwrap_err();
        assert!(err.contains(KEY_TABLE), "{err}");
        assert!(!out.exists());
        run(&ctx, Mode::Overwrite).unwrap();
        let written = fs::read_to_string(&out).unwrap();
        assert!(written.starts_with("//! GENERATED by `cargo xtask codegen`"));
        run(&ctx, Mode::Verify).unwrap();

        fs::write(&out, written.replace("kind: U16", "kind: Int")).unwrap();
        let err = run(&ctx, Mode::Verify).unwrap_err();
        assert!(
            err.contains("1 generated file(s) differ") && err.contains(KEY_TABLE),
            "{err}"
        );
        assert!(fs::read_to_string(&out).unwrap().contains("kind: Int"));
        // The spec changes: the check fails until codegen runs.
        run(&ctx, Mode::Overwrite).unwrap();
        fs::write(
            &spec,
            SNIPPET.replace("| `files` | list of maps |", "| `files` | any |"),
        )
        .unwrap();
        assert!(run(&ctx, Mode::Verify).is_err());
        fs::remove_dir_all(&scratch).unwrap();
    }

    /// The committed file is what codegen makes of the spec (the test step runs the same check).
    #[test]
    fn the_committed_key_table_is_up_to_date() {
        let ctx = Ctx::new().unwrap();
        if !ctx.root.join(SPEC).exists() {
            assert!(!ctx.ci, "{SPEC} is missing under CI");
            eprintln!("SKIP: {SPEC} is missing");
            return;
        }
        run(&ctx, Mode::Verify).unwrap();
    }

    #[test]
    fn notes_lose_emphasis_and_pointers() {
        assert_eq!(note("**required**; `^[a-z]*$`"), "required; `^[a-z]*$`");
        assert_eq!(
            note("bool or `{alias}`; see copilot-networking.md §2.5/§3.2; rejected on Windows"),
            "bool or `{alias}`; rejected on Windows"
        );
        assert_eq!(note("x; see copilot-networking.md §1"), "x");
        assert_eq!(note("a (see copilot-networking.md §3.3) b"), "a b");
        assert_eq!(note(""), "");
    }

    /// The real spec: every value the editor once hard-coded (web/editor.js `ENUMS`) is in the
    /// generated table. Skipped when the spec is not beside the repository, except under CI.
    #[test]
    fn former_editor_enums_are_kept() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(SPEC);
        let Ok(spec) = fs::read_to_string(&path) else {
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
                "{} is missing under CI",
                path.display()
            );
            eprintln!("SKIP: {} is missing", path.display());
            return;
        };
        let tables = parse_spec(&spec).unwrap();
        let has = |table: &str, path: &str, values: &[&str]| {
            let k = key(&tables, table, path);
            for v in values {
                assert!(
                    k.values.iter().any(|x| x == v) || k.protocols.iter().any(|x| x == v),
                    "{table} {path}: {v} missing from {k:?}"
                );
            }
        };
        let types = [
            "Load Balanced Web Service",
            "Backend Service",
            "Worker Service",
            "Scheduled Job",
            "Request-Driven Web Service",
            "Static Site",
        ];
        for t in ["LBWS", "BACKEND", "WORKER", "JOB", "RDWS", "STATIC_SITE"] {
            has(t, "type", &types);
        }
        for t in ["LBWS", "BACKEND", "WORKER", "JOB"] {
            has(t, "network.vpc.placement", &["public", "private"]);
            has(t, "exec", BOOL);
            has(t, "network.connect", BOOL);
            has(t, "sidecars.<key>.port", &["tcp", "udp"]);
            has(
                t,
                "platform",
                &[
                    "linux/x86_64",
                    "linux/amd64",
                    "linux/arm",
                    "linux/arm64",
                    "windows/x86_64",
                    "windows/amd64",
                ],
            );
            has(
                t,
                "platform.osfamily",
                &[
                    "linux",
                    "windows_server_2019_core",
                    "windows_server_2019_full",
                    "windows_server_2022_core",
                    "windows_server_2022_full",
                ],
            );
            has(
                t,
                "platform.architecture",
                &["x86_64", "amd64", "arm", "arm64"],
            );
        }
        for t in ["LBWS", "BACKEND", "WORKER"] {
            has(t, "deployment.rolling", &["default", "recreate"]);
        }
        for t in ["LBWS", "BACKEND"] {
            has(t, "http.version", &["grpc", "http1", "http2"]);
            has(
                t,
                "http.additional_rules[].version",
                &["grpc", "http1", "http2"],
            );
        }
        has("RDWS", "network.vpc.placement", &["private"]);
        has("LBWS", "nlb.port", &["tcp", "udp", "tls"]);
        has(
            "LBWS",
            "nlb.additional_listeners[].port",
            &["tcp", "udp", "tls"],
        );
        for q in ["subscribe.queue.fifo", "subscribe.topics[].queue.fifo"] {
            has(
                "WORKER",
                &format!("{q}.deduplication_scope"),
                &["messageGroup", "queue"],
            );
            has(
                "WORKER",
                &format!("{q}.throughput_limit"),
                &["perMessageGroupId", "perQueue"],
            );
        }
        has("ENVIRONMENT", "type", &["Environment"]);
    }
}
