//! `${VAR}` interpolation over any parsed bytes, with variables the input also picks: it must
//! not panic, must point every undefined-variable error inside the file, and must leave a
//! document whose spans are still the file's.
#![no_main]

use std::collections::BTreeMap;

use copilot_manifest::interpolate::{Vars, interpolate};
use copilot_manifest::syntax;
use libfuzzer_sys::fuzz_target;

#[path = "common/spans.rs"]
mod spans;
use spans::check;

fuzz_target!(|data: &[u8]| {
    // The first line names variables (`A=1 B=${A}`), the rest is the manifest.
    let text = String::from_utf8_lossy(data);
    let (head, body) = text.split_once('\n').unwrap_or(("", &text));
    let user: BTreeMap<String, String> = head
        .split(' ')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let Ok(doc) = syntax::parse(body) else {
        return;
    };
    let vars = Vars {
        app: "kudos",
        env: "test",
        user: &user,
    };
    let (out, errors) = interpolate(&doc, &vars, "svc");
    for d in &errors {
        let span = d.primary.span;
        assert!(span.start <= span.end && span.end <= body.len(), "{d:?}");
    }
    if let Some(root) = &out.root {
        check(root, body.len());
    }
});
