//! The playground's one wasm: the UI on the page, the analysis in a Web Worker.
//!
//! Both run from this same binary (docs/design-notes.md, "One wasm for the UI and the worker"):
//! the page loads it through Trunk's glue, and `web/worker_loader.js` loads the very same files in
//! a dedicated worker. Two binaries carried two copies of std, serde_json, wasm-bindgen and the
//! Report's types (49 KB gzip of a 407 KB pair). `main` tells the three hosts apart.
//!
//! The wasm also exports [`analyze`], so the shipped file can be called outside a browser:
//! `cargo xtask bench --peer` loads it in Node through its own glue and times it against a
//! JSON-schema peer.

use gloo::worker::Registrable;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // wasm-bindgen runs `main` when the module is instantiated.
    let global = js_sys::global();
    if global.is_instance_of::<web_sys::DedicatedWorkerGlobalScope>() {
        copilot_playground::AnalysisWorker::registrar()
            .encoding::<copilot_playground::JsonCodec>()
            .register();
    } else if global.is_instance_of::<web_sys::Window>() {
        start_ui();
    }
    // Elsewhere (Node, for the bench) there is nothing to start: `analyze` is the way in.
}

fn start_ui() {
    // A share link is decompressed (asynchronously, by the browser) before the first render, so
    // the editor opens on the linked workspace rather than flashing the example.
    wasm_bindgen_futures::spawn_local(async {
        let start = copilot_playground::session::start().await;
        // index.html shows a placeholder until the app takes over.
        if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
            boot.remove();
        }
        yew::Renderer::<copilot_playground::App>::with_props(start).render();
    });
}

/// `copilot_manifest::analyze_json`: a Workspace as JSON in, the Report as JSON out.
#[wasm_bindgen]
pub fn analyze(workspace_json: &str) -> String {
    copilot_manifest::analyze_json(workspace_json)
}
