//! The fragment tree: an ordered, JSON-compatible CloudFormation value with intrinsic functions
//! as tags, every node carrying the manifest spans that produced it. It is written out as YAML
//! with short tags (our own small emitter, like `syntax/emit.rs`) and as CloudFormation JSON.

use crate::diagnostic::Span;

/// A CloudFormation intrinsic function, written `!Name` in short form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Ref,
    Sub,
    If,
    GetAtt,
    Join,
    Equals,
    Not,
    ImportValue,
    Split,
    Select,
    Condition,
}

impl Func {
    pub fn short(self) -> &'static str {
        match self {
            Func::Ref => "!Ref",
            Func::Sub => "!Sub",
            Func::If => "!If",
            Func::GetAtt => "!GetAtt",
            Func::Join => "!Join",
            Func::Equals => "!Equals",
            Func::Not => "!Not",
            Func::ImportValue => "!ImportValue",
            Func::Split => "!Split",
            Func::Select => "!Select",
            Func::Condition => "!Condition",
        }
    }

    /// The key of the long (JSON) form.
    pub fn long(self) -> &'static str {
        match self {
            Func::Ref => "Ref",
            Func::Sub => "Fn::Sub",
            Func::If => "Fn::If",
            Func::GetAtt => "Fn::GetAtt",
            Func::Join => "Fn::Join",
            Func::Equals => "Fn::Equals",
            Func::Not => "Fn::Not",
            Func::ImportValue => "Fn::ImportValue",
            Func::Split => "Fn::Split",
            Func::Select => "Fn::Select",
            Func::Condition => "Condition",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Seq(Vec<Frag>),
    Map(Vec<(String, Frag)>),
    Fn(Func, Box<Frag>),
}

/// One node of a fragment and the manifest spans behind it (empty: a constant of the template).
#[derive(Clone, Debug, PartialEq)]
pub struct Frag {
    pub value: Value,
    pub spans: Vec<Span>,
}

impl Frag {
    pub fn new(value: Value) -> Self {
        Self {
            value,
            spans: Vec::new(),
        }
    }

    /// The same node, tagged with the spans that caused it (duplicates and empty spans dropped).
    pub fn from(mut self, spans: impl IntoIterator<Item = Span>) -> Self {
        for s in spans {
            if s != Span::default() && !self.spans.contains(&s) {
                self.spans.push(s);
            }
        }
        self
    }

    /// A value inside a sequence or mapping.
    pub fn get(&self, key: &str) -> Option<&Frag> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

pub fn s(text: impl Into<String>) -> Frag {
    Frag::new(Value::Str(text.into()))
}

pub fn int(i: i64) -> Frag {
    Frag::new(Value::Int(i))
}

pub fn boolean(b: bool) -> Frag {
    Frag::new(Value::Bool(b))
}

pub fn seq(items: Vec<Frag>) -> Frag {
    Frag::new(Value::Seq(items))
}

pub fn map(entries: Vec<(&str, Frag)>) -> Frag {
    Frag::new(Value::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    ))
}

pub fn func(f: Func, arg: Frag) -> Frag {
    Frag::new(Value::Fn(f, Box::new(arg)))
}

pub fn r#ref(name: &str) -> Frag {
    func(Func::Ref, s(name))
}

pub fn sub(text: &str) -> Frag {
    func(Func::Sub, s(text))
}

pub fn get_att(what: &str) -> Frag {
    func(Func::GetAtt, s(what))
}

/// `Fn::ImportValue: X` written as a mapping, the form Copilot's templates use.
pub fn import_value(arg: Frag) -> Frag {
    map(vec![("Fn::ImportValue", arg)])
}

// ---------------------------------------------------------------------------------------------
// YAML with short tags.

/// One written node: the line it starts on (0-based), its JSON pointer and its spans.
pub struct Written {
    pub line: u32,
    pub pointer: String,
    pub spans: Vec<Span>,
}

/// Inline (flow) form is used for sequences of scalars up to this width.
const FLOW_WIDTH: usize = 72;

pub fn to_yaml(frag: &Frag) -> (String, Vec<Written>) {
    let mut e = Yaml {
        out: String::with_capacity(256),
        line: 0,
        written: Vec::new(),
        ptr: String::new(),
    };
    e.top(frag);
    (e.out, e.written)
}

/// Writes as it walks; the JSON pointer of the node being written is a stack in `ptr`, copied
/// out only for nodes that carry spans.
struct Yaml {
    out: String,
    line: u32,
    written: Vec<Written>,
    ptr: String,
}

impl Yaml {
    fn push(&mut self, text: &str) {
        self.line += u32::try_from(text.bytes().filter(|&b| b == b'\n').count()).unwrap_or(0);
        self.out.push_str(text);
    }

    fn newline(&mut self) {
        self.line += 1;
        self.out.push('\n');
    }

    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn enter(&mut self, seg: &str) -> usize {
        let len = self.ptr.len();
        self.ptr.push('/');
        if seg.contains(['~', '/']) {
            self.ptr.push_str(&escape_pointer(seg));
        } else {
            self.ptr.push_str(seg);
        }
        len
    }

    fn enter_index(&mut self, i: usize) -> usize {
        let len = self.ptr.len();
        self.ptr.push('/');
        self.ptr.push_str(&i.to_string());
        len
    }

    fn note(&mut self, frag: &Frag) {
        if !frag.spans.is_empty() {
            self.written.push(Written {
                line: self.line,
                pointer: self.ptr.clone(),
                spans: frag.spans.clone(),
            });
        }
    }

    fn top(&mut self, frag: &Frag) {
        self.note(frag);
        match &frag.value {
            Value::Map(entries) if !entries.is_empty() => self.map_body(entries, 0),
            Value::Seq(items) if !items.is_empty() && flow(frag).is_none() => {
                self.seq_body(items, 0);
            }
            Value::Fn(f, arg) if is_block(arg) => {
                // `!If` on its own line, its arguments as a block below it.
                self.out.push_str(f.short());
                self.newline();
                let mark = self.enter(f.long());
                self.block_of(arg, 0);
                self.ptr.truncate(mark);
            }
            _ => {
                self.inline_value(frag);
                self.newline();
            }
        }
    }

    fn map_body(&mut self, entries: &[(String, Frag)], indent: usize) {
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.indent(indent);
            }
            write_scalar(&mut self.out, k, true);
            self.out.push(':');
            let mark = self.enter(k);
            self.after(v, indent, false);
            self.ptr.truncate(mark);
        }
    }

    fn seq_body(&mut self, items: &[Frag], indent: usize) {
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                self.indent(indent);
            }
            self.out.push('-');
            let mark = self.enter_index(i);
            self.after(v, indent, true);
            self.ptr.truncate(mark);
        }
    }

    /// What follows `key:` or `-` (written at `indent`).
    fn after(&mut self, v: &Frag, indent: usize, dash: bool) {
        self.note(v);
        match &v.value {
            Value::Map(entries) if !entries.is_empty() => {
                if dash {
                    self.out.push(' ');
                } else {
                    self.newline();
                    self.indent(indent + 2);
                }
                self.map_body(entries, indent + 2);
            }
            Value::Seq(items) if !items.is_empty() && flow(v).is_none() => {
                if dash {
                    self.out.push(' ');
                } else {
                    self.newline();
                    self.indent(indent + 2);
                }
                self.seq_body(items, indent + 2);
            }
            Value::Fn(f, arg) if is_block(arg) => {
                self.out.push(' ');
                self.out.push_str(f.short());
                self.newline();
                self.indent(indent + 2);
                let mark = self.enter(f.long());
                self.block_of(arg, indent + 2);
                self.ptr.truncate(mark);
            }
            _ => {
                self.out.push(' ');
                self.inline_value(v);
                self.newline();
            }
        }
    }

    /// A block collection whose first line is already indented.
    fn block_of(&mut self, v: &Frag, indent: usize) {
        self.note(v);
        match &v.value {
            Value::Map(entries) => self.map_body(entries, indent),
            Value::Seq(items) => self.seq_body(items, indent),
            _ => {
                self.inline_value(v);
                self.newline();
            }
        }
    }

    fn inline_value(&mut self, v: &Frag) {
        match flow(v) {
            Some(text) => self.push(&text),
            None => inline_scalar(&mut self.out, v),
        }
        self.note_children(v);
    }

    /// Children of a node written inline share its line.
    fn note_children(&mut self, v: &Frag) {
        match &v.value {
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mark = self.enter_index(i);
                    self.note(item);
                    self.note_children(item);
                    self.ptr.truncate(mark);
                }
            }
            Value::Fn(f, arg) => {
                let mark = self.enter(f.long());
                self.note(arg);
                self.note_children(arg);
                self.ptr.truncate(mark);
            }
            _ => {}
        }
    }
}

/// A function argument that needs block lines (a non-empty map, or a sequence too wide or
/// holding maps).
fn is_block(arg: &Frag) -> bool {
    match &arg.value {
        Value::Map(entries) => !entries.is_empty(),
        Value::Seq(items) => !items.is_empty() && flow(arg).is_none(),
        _ => false,
    }
}

/// The flow form of a node made only of scalars, functions of scalars and such sequences,
/// when it fits on a line.
fn flow(v: &Frag) -> Option<String> {
    fn go(v: &Frag, out: &mut String) -> bool {
        if out.len() > FLOW_WIDTH {
            return false;
        }
        match &v.value {
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !go(item, out) {
                        return false;
                    }
                }
                out.push(']');
                true
            }
            Value::Map(entries) if entries.is_empty() => {
                out.push_str("{}");
                true
            }
            Value::Map(_) => false,
            Value::Fn(f, arg) => {
                out.push_str(f.short());
                out.push(' ');
                go(arg, out)
            }
            Value::Str(text) if text.contains([',', '[', ']', '{', '}']) => {
                single_quoted(out, text);
                true
            }
            _ => {
                inline_scalar(out, v);
                true
            }
        }
    }
    match &v.value {
        Value::Seq(_) => {}
        // A function of a plain scalar is written inline anyway.
        Value::Fn(_, arg) if !matches!(arg.value, Value::Seq(_) | Value::Fn(..)) => {
            if !matches!(&arg.value, Value::Str(t) if t.contains([',', '[', ']', '{', '}'])) {
                return None;
            }
        }
        Value::Fn(..) => {}
        _ => return None,
    }
    let mut out = String::new();
    (go(v, &mut out) && out.len() <= FLOW_WIDTH).then_some(out)
}

fn inline_scalar(out: &mut String, v: &Frag) {
    match &v.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Str(text) => write_scalar(out, text, false),
        Value::Seq(_) => out.push_str("[]"),
        Value::Map(_) => out.push_str("{}"),
        Value::Fn(f, arg) => {
            out.push_str(f.short());
            out.push(' ');
            inline_scalar(out, arg);
        }
    }
}

/// A string as a plain scalar when it reads back as the same string, else single-quoted.
fn write_scalar(out: &mut String, text: &str, key: bool) {
    if plain_ok(text, key) {
        out.push_str(text);
    } else {
        single_quoted(out, text);
    }
}

fn single_quoted(out: &mut String, text: &str) {
    if text.contains(['\n', '\r', '\t']) {
        out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "''".into()));
        return;
    }
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

fn plain_ok(v: &str, key: bool) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if v.ends_with(char::is_whitespace)
        || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
        || v.contains(['\n', '\r', '\t'])
        || (key && v.contains(':') && !v.starts_with("Fn::"))
    {
        return false;
    }
    // YAML 1.1 readers (CloudFormation's among them) also take these as booleans.
    if ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
        .iter()
        .any(|w| v.eq_ignore_ascii_case(w))
        || v == "~"
    {
        return false;
    }
    // Text that a YAML reader would type as a number.
    if first.is_ascii_digit() || matches!(first, '+' | '.') {
        let resolved = crate::syntax::scalar::resolve(&crate::syntax::Scalar {
            value: v.to_string(),
            style: crate::syntax::Style::Plain,
            tag: None,
        });
        return resolved == crate::syntax::ResolvedScalar::Str;
    }
    true
}

pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

// ---------------------------------------------------------------------------------------------
// CloudFormation JSON.

pub fn to_json(frag: &Frag) -> serde_json::Value {
    use serde_json::Value as J;
    match &frag.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Str(text) => J::String(text.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        Value::Fn(f, arg) => {
            let inner = match (&f, &arg.value) {
                // `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}` in JSON.
                (Func::GetAtt, Value::Str(text)) => match text.split_once('.') {
                    Some((a, b)) => J::Array(vec![J::String(a.into()), J::String(b.into())]),
                    None => J::String(text.clone()),
                },
                _ => to_json(arg),
            };
            let mut obj = serde_json::Map::new();
            obj.insert(f.long().to_string(), inner);
            J::Object(obj)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_on_scalars_and_collections() {
        let f = map(vec![
            (
                "ServiceConnectConfiguration",
                func(
                    Func::If,
                    seq(vec![
                        s("IsGovCloud"),
                        r#ref("AWS::NoValue"),
                        map(vec![("Enabled", boolean(false))]),
                    ]),
                ),
            ),
            (
                "DiscoveryName",
                func(
                    Func::Join,
                    seq(vec![s("-"), seq(vec![r#ref("WorkloadName"), s("sc")])]),
                ),
            ),
            ("Value", sub("${AppName}")),
            ("Port", s("8080")),
            ("aws:copilot:description", s("x")),
        ]);
        let (yaml, _) = to_yaml(&f);
        assert_eq!(
            yaml,
            "ServiceConnectConfiguration: !If\n  - IsGovCloud\n  - !Ref AWS::NoValue\n  - Enabled: false\nDiscoveryName: !Join ['-', [!Ref WorkloadName, sc]]\nValue: !Sub '${AppName}'\nPort: '8080'\n'aws:copilot:description': x\n"
        );
        let json = to_json(&f);
        assert_eq!(
            json["ServiceConnectConfiguration"]["Fn::If"][1]["Ref"],
            "AWS::NoValue"
        );
    }

    #[test]
    fn get_att_splits_in_json() {
        assert_eq!(
            to_json(&get_att("DiscoveryService.Arn")),
            serde_json::json!({"Fn::GetAtt": ["DiscoveryService", "Arn"]})
        );
    }

    #[test]
    fn nested_sequences_in_block_form() {
        let f = seq(vec![map(vec![
            ("Name", s("A")),
            ("List", seq(vec![map(vec![("k", s("v"))]), s("w")])),
        ])]);
        let (yaml, _) = to_yaml(&f);
        assert_eq!(yaml, "- Name: A\n  List:\n    - k: v\n    - w\n");
    }
}
