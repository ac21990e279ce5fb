//! The Copilot manifest playground (design.md §6): a Yew app that edits a workspace of Copilot
//! manifests in CodeMirror and shows, per environment, every service's Service Connect and
//! Service Discovery endpoints, who can reach whom, and the problems the core finds.
//!
//! Two wasm binaries come out of this crate (built by Trunk from the repository's index.html):
//! - `app` (`src/bin/app.rs`) renders [`App`]. It never runs the analysis: it posts the
//!   workspace as JSON to the worker and parses the Report JSON it gets back, so the core's
//!   pipeline is not linked into the UI's wasm.
//! - `worker` (`src/bin/worker.rs`) registers [`AnalysisWorker`], which calls
//!   [`copilot_manifest::analyze_json`].

pub mod analysis;
pub mod app;
pub mod cfn;
pub mod console;
pub mod editor;
pub mod examples;
pub mod files;
pub mod model;
pub mod session;
pub mod share;
pub mod train;
pub mod training;
pub mod view;

pub use analysis::{AnalysisWorker, JsonCodec};
pub use app::App;
