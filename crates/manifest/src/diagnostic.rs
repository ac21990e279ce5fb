//! Diagnostics as the Report carries them (positions already converted for the consumer), and
//! the in-core form that still holds byte spans.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    /// 1-based; columns count Unicode scalar values or UTF-16 units (`Workspace::column_unit`).
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The logical manifest path, e.g. `network.connect.alias`.
    pub path: Option<String>,
    /// The environment the finding applies to; `null` when it holds for every environment.
    pub env: Option<String>,
    /// Copilot's own error text where Copilot would refuse the manifest.
    pub copilot_error: Option<String>,
    pub help: Option<String>,
}
