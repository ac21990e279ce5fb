//! `--format github`: one GitHub Actions workflow command per diagnostic, so the findings show
//! as annotations on the pull request's files:
//!
//! `::error file=copilot/api/manifest.yml,line=5,col=9,endLine=5,endColumn=13,title=wrong-type::…`
//!
//! Positions are the Report's (1-based, the CLI's column unit); `file` is relative to the
//! directory checked. Escaping is GitHub's own (actions/toolkit `command.ts`): in the message
//! `%`, `\r` and `\n`; in property values also `:` and `,`.

use copilot_manifest::{Diagnostic, Report, Severity};
use std::fmt::Write as _;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&command(d));
        out.push('\n');
    }
    out
}

/// The workflow command of one diagnostic.
pub fn command(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = Vec::new();
    if !d.file().is_empty() {
        let p = d.primary.position;
        props.push(("file", d.file().to_string()));
        props.push(("line", p.line.to_string()));
        props.push(("col", p.column.to_string()));
        props.push(("endLine", p.end_line.to_string()));
        props.push(("endColumn", p.end_column.to_string()));
    }
    props.push(("title", d.code().to_string()));
    let mut out = format!("::{kind} ");
    for (i, (name, value)) in props.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{name}={}", escape_property(value));
    }
    out.push_str("::");
    out.push_str(&escape_data(&message(d)));
    out
}

/// The message GitHub shows: ours, the environment, Copilot's own text and the help, one per line.
pub fn message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(env) = &d.env {
        let _ = write!(text, " (environment {env})");
    }
    if let Some(copilot) = &d.copilot_error {
        let _ = write!(text, "\nCopilot: {copilot}");
    }
    if let Some(help) = &d.help {
        let _ = write!(text, "\nhelp: {help}");
    }
    text
}

pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `%` first, so an escape is never escaped twice.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
