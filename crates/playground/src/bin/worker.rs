//! The analysis worker: Workspace JSON in, Report JSON out (`copilot_manifest::analyze_json`).

use gloo::worker::Registrable;

fn main() {
    copilot_playground::AnalysisWorker::registrar()
        .encoding::<copilot_playground::JsonCodec>()
        .register();
}
