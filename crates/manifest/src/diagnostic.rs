//! The one diagnostic model of the core (design.md §2): every stage reports findings as
//! [`Diagnostic`]s in byte spans; positions (line and column) are computed once, at the Report's
//! edge, through one `LineIndex` per file. The CLI's printers, the worker and the playground's
//! Console all read this type.

use crate::rules::Rule;
pub use crate::rules::Severity;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A byte range into one file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// 1-based line and column of a label's start and end, in the unit the workspace asked for
/// (`Workspace::column_unit`). Zero until the Report is built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Position {
    /// The start of a file: where a finding about no place in particular points.
    pub const FIRST: Position = Position {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
}

/// Where a diagnostic points: a file, a byte span in it, and the logical manifest path
/// (`network.connect.alias`) of the value there, the symbolic half of the location.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The file's workspace path (`copilot/api/manifest.yml`); empty for the workspace itself.
    pub file: String,
    pub span: Span,
    pub path: Option<String>,
    /// What this place has to do with the finding (secondary labels only).
    pub message: Option<String>,
    /// Filled at the Report's edge from `span`.
    pub position: Position,
}

impl Label {
    pub fn new(file: impl Into<String>, span: Span) -> Self {
        Self {
            file: file.into(),
            span,
            path: None,
            message: None,
            position: Position::default(),
        }
    }

    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    /// Other places that explain the finding, possibly in other files (the service whose alias
    /// collides with this one).
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// Copilot's own error text where Copilot would refuse the manifest.
    pub copilot_error: Option<String>,
    /// The environment the finding applies to; `None` when it holds for every environment.
    pub env: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: Rule, primary: Label, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity(),
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            copilot_error: None,
            env: None,
        }
    }

    pub const fn code(&self) -> &'static str {
        self.rule.code()
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_copilot_error(mut self, text: impl Into<String>) -> Self {
        self.copilot_error = Some(text.into());
        self
    }

    /// The labels' file: stages see one text and leave it empty; the analysis, which knows the
    /// path, fills it in (secondary labels left empty point into the same file).
    #[must_use]
    pub fn with_file(mut self, file: &str) -> Self {
        file.clone_into(&mut self.primary.file);
        for label in self.secondary.iter_mut().filter(|l| l.file.is_empty()) {
            file.clone_into(&mut label.file);
        }
        self
    }

    #[must_use]
    pub fn with_env(mut self, env: Option<String>) -> Self {
        self.env = env;
        self
    }

    #[must_use]
    pub fn with_help_opt(mut self, help: Option<impl Into<String>>) -> Self {
        self.help = help.map(Into::into);
        self
    }

    #[must_use]
    pub fn with_copilot_error_opt(mut self, text: Option<impl Into<String>>) -> Self {
        self.copilot_error = text.map(Into::into);
        self
    }

    #[must_use]
    pub const fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    #[must_use]
    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    // Shorthands for the flat JSON form and for printers.
    pub fn file(&self) -> &str {
        &self.primary.file
    }
    pub const fn line(&self) -> u32 {
        self.primary.position.line
    }
    pub const fn column(&self) -> u32 {
        self.primary.position.column
    }
    pub fn path(&self) -> Option<&str> {
        self.primary.path.as_deref()
    }
}

// The JSON form is the flat one of design.md §4 (the primary label's fields at the top level),
// plus the byte span and the secondary labels as `related`. One struct both ways: borrowed when
// serialising (no copies on the hot path), owned when read back.
#[derive(Serialize, Deserialize)]
struct Flat<'a> {
    code: Rule,
    severity: Severity,
    message: Cow<'a, str>,
    file: Cow<'a, str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    path: Option<Cow<'a, str>>,
    env: Option<Cow<'a, str>>,
    copilot_error: Option<Cow<'a, str>>,
    help: Option<Cow<'a, str>>,
    /// Byte offsets `[start, end)` of the primary label in its file's UTF-8 text.
    #[serde(default)]
    span: [usize; 2],
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<FlatLabel<'a>>,
}

#[derive(Serialize, Deserialize)]
struct FlatLabel<'a> {
    file: Cow<'a, str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(default)]
    span: [usize; 2],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<Cow<'a, str>>,
}

fn borrowed(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

fn owned(s: Option<Cow<'_, str>>) -> Option<String> {
    s.map(Cow::into_owned)
}

fn position(line: u32, column: u32, end_line: u32, end_column: u32) -> Position {
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

impl<'a> From<&'a Label> for FlatLabel<'a> {
    fn from(l: &'a Label) -> Self {
        FlatLabel {
            file: Cow::Borrowed(&l.file),
            line: l.position.line,
            column: l.position.column,
            end_line: l.position.end_line,
            end_column: l.position.end_column,
            span: [l.span.start, l.span.end],
            path: borrowed(&l.path),
            message: borrowed(&l.message),
        }
    }
}

impl From<FlatLabel<'_>> for Label {
    fn from(l: FlatLabel<'_>) -> Self {
        let [start, end] = l.span;
        Label {
            file: l.file.into_owned(),
            span: Span::new(start, end),
            path: owned(l.path),
            message: owned(l.message),
            position: position(l.line, l.column, l.end_line, l.end_column),
        }
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.primary;
        Flat {
            code: self.rule,
            severity: self.severity,
            message: Cow::Borrowed(&self.message),
            file: Cow::Borrowed(&p.file),
            line: p.position.line,
            column: p.position.column,
            end_line: p.position.end_line,
            end_column: p.position.end_column,
            path: borrowed(&p.path),
            env: borrowed(&self.env),
            copilot_error: borrowed(&self.copilot_error),
            help: borrowed(&self.help),
            span: [p.span.start, p.span.end],
            related: self.secondary.iter().map(FlatLabel::from).collect(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Flat::deserialize(d)?;
        let [start, end] = f.span;
        Ok(Diagnostic {
            rule: f.code,
            severity: f.severity,
            message: f.message.into_owned(),
            primary: Label {
                file: f.file.into_owned(),
                span: Span::new(start, end),
                path: owned(f.path),
                message: None,
                position: position(f.line, f.column, f.end_line, f.end_column),
            },
            secondary: f.related.into_iter().map(Label::from).collect(),
            help: owned(f.help),
            copilot_error: owned(f.copilot_error),
            env: owned(f.env),
        })
    }
}
