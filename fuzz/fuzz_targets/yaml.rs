//! Any bytes through the YAML adapter (granit-parser's events → our `Document`): it must answer
//! with a tree or one syntax diagnostic, never panic, and every span it hands on must lie inside
//! the text (the rest of the pipeline slices the text with them).
#![no_main]

use copilot_manifest::syntax;
use libfuzzer_sys::fuzz_target;

#[path = "common/spans.rs"]
mod spans;
use spans::check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match syntax::parse(&text) {
        Ok(doc) => {
            if let Some(root) = &doc.root {
                check(root, text.len());
            }
        }
        Err(d) => {
            let span = d.primary.span;
            assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
        }
    }
});
