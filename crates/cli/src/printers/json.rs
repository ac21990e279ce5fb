//! `--format json`: the Report itself (design.md §4), pretty-printed.

use copilot_manifest::Report;

pub fn render(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}
