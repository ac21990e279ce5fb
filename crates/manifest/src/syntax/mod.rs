//! Spanned YAML: granit-parser's events folded into our own tree, with a byte span on every key,
//! value and sequence item. Mappings keep order and duplicates; aliases stay unexpanded (they are
//! resolved lazily, under a budget, by `Document::resolve`).

mod copilot_lines;
mod emit;
mod line_index;
pub mod scalar;

pub use copilot_lines::CopilotLines;
pub use emit::to_yaml;
pub use line_index::LineIndex;
pub use scalar::{ResolvedScalar, Tag};

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::Rule;
use granit_parser::{Event, Options, Parser, ScalarStyle, StructureStyle};
use std::collections::HashMap;

/// Deeper nesting than this is refused: no Copilot manifest comes close, and it keeps every
/// recursive walk over the tree well inside the browser's stack.
pub const MAX_DEPTH: usize = 64;
/// Larger files are refused before parsing (Copilot manifests are a few KB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Documents whose aliases would expand past this many nodes are refused (real manifests hold a
/// few hundred).
pub const MAX_EXPANDED_NODES: usize = 100_000;
/// How many alias hops one lookup may follow before the document is treated as hostile.
const MAX_ALIAS_HOPS: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub value: String,
    pub style: Style,
    /// An explicit tag as written, resolved to its full form (`tag:yaml.org,2002:str`).
    pub tag: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// `*name`: the anchor id it refers to.
    Alias(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// The first document of a file (Copilot, through yaml.v3's `Unmarshal`, reads only that one).
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub root: Option<Node>,
    anchors: HashMap<usize, Node>,
}

impl Node {
    #[inline]
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    #[inline]
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The scalar's text when this node is a scalar key or value.
    #[inline]
    pub fn text(&self) -> Option<&str> {
        self.scalar().map(|s| s.value.as_str())
    }
}

impl Document {
    /// Follows aliases to the node they stand for. `None` for an alias to an unknown anchor or a
    /// chain longer than the budget.
    // Inlined with its fast path: the decoder calls it for every key it compares (callgrind:
    // 27 instructions a call out of line at opt-level "s", 5 % of a corpus analysis).
    #[inline]
    pub fn resolve<'a>(&'a self, node: &'a Node) -> Option<&'a Node> {
        match node.kind {
            NodeKind::Alias(_) => self.resolve_alias(node),
            _ => Some(node),
        }
    }

    fn resolve_alias<'a>(&'a self, mut node: &'a Node) -> Option<&'a Node> {
        for _ in 0..MAX_ALIAS_HOPS {
            match node.kind {
                NodeKind::Alias(id) => node = self.anchors.get(&id)?,
                _ => return Some(node),
            }
        }
        None
    }

    /// Whether a node is YAML null (absent values count as null too).
    pub fn is_null(&self, node: &Node) -> bool {
        match self.resolve(node).map(|n| &n.kind) {
            Some(NodeKind::Scalar(s)) => scalar::is_null(s),
            _ => false,
        }
    }

    /// The value of `key` in a mapping node: the first entry with that scalar key.
    pub fn get<'a>(&'a self, map: &'a Node, key: &str) -> Option<&'a Entry> {
        self.resolve(map)?
            .entries()?
            .iter()
            .find(|e| self.resolve(&e.key).and_then(Node::text) == Some(key))
    }

    /// A copy in which `f` has rewritten every scalar node that is a value or a sequence item
    /// (keys are left alone), anchored nodes included. `f` may turn the node into another kind.
    pub fn map_value_scalars(&self, f: &mut dyn FnMut(&mut Node)) -> Document {
        let mut out = self.clone();
        if let Some(root) = out.root.as_mut() {
            map_values(root, f);
        }
        for node in out.anchors.values_mut() {
            map_values(node, f);
        }
        out
    }

    /// The node at a dotted path below `node` (`"network.vpc.placement"`); null counts as absent.
    pub fn path<'a>(&'a self, node: &'a Node, path: &str) -> Option<&'a Node> {
        let mut at = self.resolve(node)?;
        for key in path.split('.') {
            let entry = self.get(at, key)?;
            if self.is_null(&entry.value) {
                return None;
            }
            at = self.resolve(&entry.value)?;
        }
        Some(at)
    }

    /// How many nodes the document holds once every alias is expanded, counted up to `limit`
    /// (each anchor's size is computed once, so a billion-laughs document costs its own length).
    pub fn expanded_size(&self, limit: usize) -> usize {
        let mut memo: HashMap<usize, usize> = HashMap::new();
        self.root
            .as_ref()
            .map_or(0, |root| self.size_of(root, limit, &mut memo, 0))
    }

    fn size_of(
        &self,
        node: &Node,
        limit: usize,
        memo: &mut HashMap<usize, usize>,
        depth: usize,
    ) -> usize {
        if depth > MAX_DEPTH * 2 {
            return limit;
        }
        match &node.kind {
            NodeKind::Scalar(_) => 1,
            NodeKind::Seq(items) => items.iter().fold(1usize, |acc, n| {
                acc.saturating_add(self.size_of(n, limit, memo, depth + 1))
                    .min(limit)
            }),
            NodeKind::Map(entries) => entries.iter().fold(1usize, |acc, e| {
                acc.saturating_add(self.size_of(&e.value, limit, memo, depth + 1))
                    .saturating_add(1)
                    .min(limit)
            }),
            NodeKind::Alias(id) => {
                if let Some(&n) = memo.get(id) {
                    return n;
                }
                // Mark first: an alias inside its own anchor would otherwise recurse forever.
                memo.insert(*id, limit);
                let n = self
                    .anchors
                    .get(id)
                    .map_or(1, |a| self.size_of(a, limit, memo, depth + 1));
                memo.insert(*id, n);
                n
            }
        }
    }

    /// A sequence's items (none for anything else or nothing).
    pub fn items<'a>(&'a self, node: Option<&'a Node>) -> &'a [Node] {
        match node.and_then(|n| self.resolve(n)).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items,
            _ => &[],
        }
    }

    /// A scalar's text (none for anything else or nothing).
    pub fn text<'a>(&'a self, node: Option<&'a Node>) -> Option<&'a str> {
        node.and_then(|n| self.resolve(n)).and_then(Node::text)
    }

    /// Resolve a scalar's type the way yaml.v3 does before decoding into a Go value.
    pub fn resolve_scalar<'a>(&'a self, node: &'a Node) -> Option<(ResolvedScalar, &'a Scalar)> {
        let s = self.resolve(node)?.scalar()?;
        Some((scalar::resolve(s), s))
    }
}

/// Recursion is bounded by the parser's nesting limit (`MAX_DEPTH`).
fn map_values(node: &mut Node, f: &mut dyn FnMut(&mut Node)) {
    match &mut node.kind {
        NodeKind::Scalar(_) => f(node),
        NodeKind::Seq(items) => items.iter_mut().for_each(|n| map_values(n, f)),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|e| map_values(&mut e.value, f)),
        NodeKind::Alias(_) => {}
    }
}

/// yaml.v3's text for a syntax error (`yaml: line N: did not find expected key`), where we
/// know it: libyaml's message, and the line its `parser.fail` names: for a parser error the
/// 0-based line of the context mark (where the collection being parsed starts), for a scanner
/// error the 1-based line of the problem. The analysis puts Copilot's prefix in front
/// (`interpolate environment variables for svc manifest: unmarshal YAML template: `).
fn yaml_v3_syntax_text(text: &str, info: &str, at: usize, stack: &[Frame]) -> Option<String> {
    let index = LineIndex::new(text);
    let problem_line = index.line(at);
    let open = |want_flow: bool, want_map: bool| {
        stack.iter().rev().find_map(|f| match f {
            Frame::Map { start, flow, .. } if want_map && *flow == want_flow => Some(*start),
            Frame::Seq { start, flow, .. } if !want_map && *flow == want_flow => Some(*start),
            _ => None,
        })
    };
    // A parser error: libyaml's context mark is 0-based, and so is the line it prints.
    let parser = |message: &str, context: Option<usize>| {
        let line = context
            .map_or(problem_line, |c| index.line(c))
            .saturating_sub(1);
        Some(if line == 0 {
            format!("yaml: {message}")
        } else {
            format!("yaml: line {line}: {message}")
        })
    };
    if info.contains("did not find expected key") {
        parser("did not find expected key", open(false, true))
    } else if info.contains("expected ',' or ']'") || info.contains("unclosed bracket '['") {
        parser("did not find expected ',' or ']'", open(true, false))
    } else if info.contains("expected ',' or '}'") || info.contains("unclosed brace '{'") {
        parser("did not find expected ',' or '}'", open(true, true))
    } else if info.contains("mapping values are not allowed in this context")
        || (info.contains("invalid trailing content after")
            && text
                .get(at..)
                .and_then(|rest| rest.lines().next())
                .is_some_and(|rest| rest.contains(": ") || rest.trim_end().ends_with(':')))
    {
        // A scanner error: the problem's own, 1-based line.
        Some(format!(
            "yaml: line {problem_line}: mapping values are not allowed in this context"
        ))
    } else {
        None
    }
}

/// A `yaml-syntax` diagnostic. Its label's `file` is left empty: the parser sees one text, and
/// the analysis, which knows its path, fills it in. Boxed: it is the rare path of `parse`.
fn syntax_error(span: Span, message: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(
        Rule::YamlSyntax,
        Label::new(String::new(), span),
        format!("YAML syntax error: {message}"),
    )
    .with_help(
        "Copilot cannot read a file with a syntax error; nothing in it is analysed until it is fixed",
    ))
}

/// Parse one file. A syntax error ends the document: yaml.v3 refuses the whole file too.
pub fn parse(text: &str) -> Result<Document, Box<Diagnostic>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(syntax_error(
            Span::new(0, 0),
            &format!(
                "the file is {} bytes; files over {} bytes are not analysed",
                text.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let mut options = Options::default();
    options.block_nesting_limit = MAX_DEPTH;
    options.flow_nesting_limit = MAX_DEPTH;
    options.emit_comments = false;
    let mut builder = Builder::default();
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = match item {
            Ok(pair) => pair,
            Err(e) => {
                let at = e
                    .marker()
                    .byte_offset()
                    .unwrap_or(text.len())
                    .min(text.len());
                let info = e.info();
                let mut d = syntax_error(Span::new(at, at), &info);
                d.copilot_error = yaml_v3_syntax_text(text, &info, at, &builder.stack);
                return Err(d);
            }
        };
        let span = Span::new(
            span.start.byte_offset().unwrap_or(0),
            span.end.byte_offset().unwrap_or(0),
        );
        if builder.feed(event, span)? {
            break;
        }
    }
    Ok(builder.doc)
}

enum Frame {
    Seq {
        start: usize,
        flow: bool,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        flow: bool,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    doc: Document,
    done: bool,
}

impl Builder {
    /// Returns `true` once the first document is complete.
    fn feed(&mut self, event: Event<'_>, span: Span) -> Result<bool, Box<Diagnostic>> {
        match event {
            Event::DocumentEnd => self.done = self.doc.root.is_some() || self.stack.is_empty(),
            Event::DocumentStart(..) => return Ok(self.done),
            Event::StreamEnd => return Ok(true),
            Event::Scalar(value, style, anchor, tag) => {
                let node = Node {
                    kind: NodeKind::Scalar(Scalar {
                        value: value.into_owned(),
                        style: match style {
                            ScalarStyle::Plain => Style::Plain,
                            ScalarStyle::SingleQuoted => Style::SingleQuoted,
                            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                            ScalarStyle::Literal => Style::Literal,
                            ScalarStyle::Folded => Style::Folded,
                        },
                        tag: tag.map(|t| format!("{}{}", t.handle(), t.suffix())),
                    }),
                    span,
                };
                self.push(node, anchor);
            }
            Event::Alias(id) => self.push(
                Node {
                    kind: NodeKind::Alias(id),
                    span,
                },
                0,
            ),
            Event::SequenceStart(style, anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    start: span.start,
                    flow: style == StructureStyle::Flow,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(style, anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Map {
                    start: span.start,
                    flow: style == StructureStyle::Flow,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        flow,
                        anchor,
                        items,
                    }) => {
                        let end = closing_end(flow, span, items.last().map(|n| n.span.end), start);
                        (
                            Node {
                                kind: NodeKind::Seq(items),
                                span: Span::new(start, end),
                            },
                            anchor,
                        )
                    }
                    Some(Frame::Map {
                        start,
                        flow,
                        anchor,
                        entries,
                        ..
                    }) => {
                        let last = entries.last().map(|e| e.value.span.end.max(e.key.span.end));
                        let end = closing_end(flow, span, last, start);
                        (
                            Node {
                                kind: NodeKind::Map(entries),
                                span: Span::new(start, end),
                            },
                            anchor,
                        )
                    }
                    None => return Ok(false),
                };
                self.push(node, anchor);
            }
            _ => {}
        }
        Ok(false)
    }

    fn open(&self, span: Span) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(syntax_error(
                span,
                &format!("nesting deeper than {MAX_DEPTH} levels is not supported"),
            ));
        }
        Ok(())
    }

    fn push(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.doc.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.doc.root.is_none() {
                    self.doc.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry {
                    key: k,
                    value: node,
                }),
            },
        }
    }
}

/// A flow collection ends at its closing bracket; a block one at its last child, since the
/// parser places block ends at the next token, possibly lines later.
fn closing_end(flow: bool, end_event: Span, last_child: Option<usize>, start: usize) -> usize {
    if flow {
        end_event.end.max(start)
    } else {
        last_child.unwrap_or(start).max(start)
    }
}
