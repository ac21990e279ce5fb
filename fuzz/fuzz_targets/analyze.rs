//! Any bytes as a service manifest (and as an environment manifest): the core must answer
//! without panicking, and every position it reports must be inside the file.
#![no_main]

use copilot_manifest::{ColumnUnit, SourceFile, Workspace, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.matches(['\n', '\r']).count() as u32 + 1;
    let ws = Workspace {
        files: vec![
            SourceFile::new("copilot/.workspace", "application: kudos\n"),
            SourceFile::new("copilot/environments/test/manifest.yml", text.clone()),
            SourceFile::new("copilot/svc/manifest.yml", text),
        ],
        variables: [("X".to_string(), "${X}".to_string())].into_iter().collect(),
        column_unit: ColumnUnit::Utf16,
        ..Workspace::default()
    };
    let report = analyze(&ws);
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.line <= lines && d.end_line <= lines, "{d:?}");
    }
});
