//! Any bytes as a service manifest (and as an environment manifest): the core must answer
//! without panicking, and every position it reports must be inside the file; so must
//! `schema::context_at` (what an editor asks at a cursor) at an offset the input picks.
#![no_main]

use copilot_manifest::{ColumnUnit, SourceFile, Workspace, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    // Any offset: inside a character, past the end.
    let at = data
        .first()
        .map_or(0, |b| usize::from(*b) * 7 % (text.len() + 8));
    for file in [
        "copilot/svc/manifest.yml",
        "copilot/environments/test/manifest.yml",
    ] {
        let cx = copilot_manifest::schema::context_at(file, &text, at);
        assert!(cx.span.0 <= cx.span.1 && cx.span.1 <= text.len(), "{cx:?}");
    }
    let lines = text.matches(['\n', '\r']).count() as u32 + 1;
    let ws = Workspace {
        files: vec![
            SourceFile::new("copilot/.workspace", "application: kudos\n"),
            SourceFile::new("copilot/environments/test/manifest.yml", text.clone()),
            SourceFile::new("copilot/svc/manifest.yml", text),
        ],
        variables: [("X".to_string(), "${X}".to_string())]
            .into_iter()
            .collect(),
        column_unit: ColumnUnit::Utf16,
        ..Workspace::default()
    };
    let report = analyze(&ws);
    for d in &report.diagnostics {
        let end_line = d.primary.position.end_line;
        assert!(
            d.line() >= 1 && d.line() <= lines && end_line <= lines,
            "{d:?}"
        );
    }
});
