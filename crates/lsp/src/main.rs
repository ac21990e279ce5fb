//! The language server alone (`copilot-manifest lsp` runs the same code).

fn main() -> std::process::ExitCode {
    match copilot_manifest_lsp::run_stdio() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copilot-manifest-lsp: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
