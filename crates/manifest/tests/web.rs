//! The core compiled to wasm and run in headless Chromium, through the worker's JSON entry point.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

mod common;

#[wasm_bindgen_test]
fn kudos_in_the_browser() {
    let mut ws = common::kudos();
    ws.column_unit = copilot_manifest::ColumnUnit::Utf16;
    let json = serde_json::to_string(&ws).unwrap();
    let report: copilot_manifest::Report =
        serde_json::from_str(&copilot_manifest::analyze_json(&json)).unwrap();
    let api = report.environments[0]
        .services
        .iter()
        .find(|s| s.name == "api")
        .unwrap();
    assert_eq!(
        api.service_connect.as_ref().and_then(|s| s.url.as_deref()),
        Some("http://api")
    );
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.test.kudos.local")
    );
}

#[wasm_bindgen_test]
fn bad_workspace_json_is_a_diagnostic() {
    let report: copilot_manifest::Report =
        serde_json::from_str(&copilot_manifest::analyze_json("{not json")).unwrap();
    assert_eq!(report.diagnostics[0].code(), "invalid-workspace");
}
