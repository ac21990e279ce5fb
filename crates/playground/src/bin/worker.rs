//! The analysis worker: Workspace JSON in, Report JSON out (`copilot_manifest::analyze_json`).
//!
//! Besides the gloo worker, the wasm exports [`analyze`] so the very same shipped file can be
//! called outside a Web Worker: `cargo xtask bench --peer` loads `dist/worker_bg.wasm` in Node
//! through its own glue (`dist/worker.js`) and times it against a JSON-schema peer.

use gloo::worker::Registrable;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    // wasm-bindgen runs `main` when the module is instantiated. Only a dedicated worker has the
    // `postMessage`/`onmessage` gloo registers with; elsewhere (Node, for the bench) there is
    // nothing to register with, and `analyze` is the way in.
    if !js_sys::global().is_instance_of::<web_sys::DedicatedWorkerGlobalScope>() {
        return;
    }
    copilot_playground::AnalysisWorker::registrar()
        .encoding::<copilot_playground::JsonCodec>()
        .register();
}

/// `copilot_manifest::analyze_json`: a Workspace as JSON in, the Report as JSON out.
#[wasm_bindgen]
pub fn analyze(workspace_json: &str) -> String {
    copilot_manifest::analyze_json(workspace_json)
}
