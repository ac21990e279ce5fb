//! The analysis worker: Workspace JSON in, Report JSON out.

use gloo::worker::{Codec, HandlerId, Worker, WorkerScope};
use wasm_bindgen::JsValue;

/// Where the app finds the worker: Trunk writes `worker_loader.js` (`data-loader-shim`) next to
/// `index.html`. Relative, so `dist/` works from any server and any subpath.
pub const WORKER_LOADER: &str = "./worker_loader.js";

/// Test hooks (the app sends them only when the page URL has `?testhooks`): an input that makes
/// the worker trap, and one that keeps it busy for 5 s. Neither is a JSON object, so no
/// workspace can be mistaken for them.
pub const TEST_TRAP: &str = "test:trap";
pub const TEST_HANG: &str = "test:hang";

/// A gloo worker that runs [`copilot_manifest::analyze_json`] on every input.
/// Answers come back in the order the inputs were sent.
pub struct AnalysisWorker;

impl Worker for AnalysisWorker {
    type Message = ();
    /// A `copilot_manifest::Workspace` as JSON.
    type Input = String;
    /// A `copilot_manifest::Report` as JSON.
    type Output = String;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, workspace_json: Self::Input, id: HandlerId) {
        match workspace_json.as_str() {
            // A wasm trap (`unreachable`), as a bug in the core would cause.
            TEST_TRAP => std::process::abort(),
            TEST_HANG => {
                let until = js_sys::Date::now() + 5_000.0;
                while js_sys::Date::now() < until {}
            }
            json => scope.respond(id, copilot_manifest::analyze_json(json)),
        }
    }
}

/// The messages between app and worker as JSON strings. Both sides already link serde_json for
/// the Report, so this replaces gloo-worker's default bincode codec at no cost: measured, it keeps
/// bincode and std's I/O error texts out of both wasm files.
pub struct JsonCodec;

impl Codec for JsonCodec {
    fn encode<I: serde::Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> serde::Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // Both ends run this codec on values it encoded itself; anything else is a broken build.
        #[allow(clippy::expect_used)]
        serde_json::from_str(&text).expect("a message encoded by JsonCodec")
    }
}
