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

/// Ask the worker for the editor's tables (sent once on load): the core's key tables and every
/// rule's title and explanation. The answer starts with [`SCHEMA_PREFIX`] (a Report starts with
/// `{"version"`).
pub const SCHEMA_REQUEST: &str = "schema";
pub const SCHEMA_PREFIX: &str = "{\"schema\":";

/// `{"schema":<copilot_manifest::schema::schema_json()>,"rules":{"wrong-type":["title",
/// "explanation"],…}}`: the key tables come from the core as they are (per workload type and
/// for environment manifests: path, kind, doc, note, required, values); `web/context.js` reads
/// them for hovers and completion.
pub fn schema_json() -> String {
    use serde_json::{Map, Value, json};
    let rules: Map<String, Value> = copilot_manifest::Rule::ALL
        .iter()
        .map(|r| (r.code().to_owned(), json!([r.summary(), r.explain()])))
        .collect();
    json!({
        "schema": copilot_manifest::schema::schema(),
        "rules": rules,
    })
    .to_string()
}

/// What the app asks for: the analysis of a workspace and, while a pane shows them, the effective
/// manifest and CloudFormation fragments of one service in one environment.
#[derive(serde::Deserialize)]
pub struct Request {
    pub workspace: copilot_manifest::Workspace,
    /// The open manifest's path and the environment shown (`None`: the report's first).
    #[serde(default)]
    pub detail: Option<DetailRequest>,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct DetailRequest {
    pub manifest: String,
    pub env: Option<String>,
}

/// The worker's answer: `{"report": …, "detail": …|null, "environment_fragments": …|null}`.
/// The Report is serialised once, by the core; the pieces are joined as text, not re-encoded.
pub fn answer_json(request_json: &str) -> String {
    let request: Request = match serde_json::from_str(request_json) {
        Ok(r) => r,
        // The core words the refusal (an `invalid-workspace` report).
        Err(_) => {
            return format!(
                "{{\"report\":{},\"detail\":null,\"environment_fragments\":null}}",
                copilot_manifest::analyze_json(request_json)
            );
        }
    };
    let ws = &request.workspace;
    let (report, found) = match &request.detail {
        // One pass for the Report and the pane's service, not an analysis and then a second.
        Some(want) => {
            copilot_manifest::analyze_with_detail(ws, &want.manifest, want.env.as_deref())
        }
        None => (copilot_manifest::analyze(ws), None),
    };
    let report_json = serde_json::to_string(&report).unwrap_or_default();
    let (mut detail, mut env_fragments) = (String::from("null"), String::from("null"));
    if let Some(d) = found {
        detail = serde_json::to_string(&d).unwrap_or_else(|_| "null".into());
    }
    // The environment the detail was made for: the one asked for when analysed, else the first.
    let env = request.detail.as_ref().and_then(|want| {
        want.env
            .as_deref()
            .filter(|e| report.environments.iter().any(|r| r.name == *e))
            .or_else(|| report.environments.first().map(|e| e.name.as_str()))
    });
    if let Some(env) = env {
        let fragments = copilot_manifest::environment_fragments(ws, env);
        env_fragments = serde_json::to_string(&fragments).unwrap_or_else(|_| "null".into());
    }
    format!(
        "{{\"report\":{report_json},\"detail\":{detail},\"environment_fragments\":{env_fragments}}}"
    )
}

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
            SCHEMA_REQUEST => scope.respond(id, schema_json()),
            json => scope.respond(id, answer_json(json)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_every_type_and_rule() {
        let json = schema_json();
        assert!(json.starts_with(SCHEMA_PREFIX));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys = &v["schema"];
        assert_eq!(keys["version"], 1);
        assert_eq!(keys["types"].as_object().unwrap().len(), 6);
        let backend = keys["types"]["Backend Service"].as_array().unwrap();
        assert!(
            backend
                .iter()
                .any(|e| e["path"] == "image.port" && e["kind"] == "U16")
        );
        assert!(keys["environment"].as_array().unwrap().len() > 5);
        // The core's table, as it is.
        let core: serde_json::Value =
            serde_json::from_str(&copilot_manifest::schema::schema_json()).unwrap();
        assert_eq!(keys, &core);
        assert_eq!(
            v["rules"].as_object().unwrap().len(),
            copilot_manifest::Rule::ALL.len()
        );
        assert!(
            v["rules"]["wrong-type"][1]
                .as_str()
                .unwrap()
                .contains("yaml.v3")
        );
    }
}
