//! `copilot-manifest lsp`: a language server for AWS Copilot manifests over stdio (LSP 3.17).
//!
//! Synchronous, as rust-analyzer's `lsp-server` is meant to be used: one thread runs the
//! server loop, two move bytes (`transport`). The core stays free of LSP crates: this crate
//! turns its `Report`, `Diagnostic` and `schema::context_at` into LSP values.
//!
//! - Workspace: every `copilot/` folder that holds an open document (found from the document's
//!   path: the `copilot` directory above it; the folder must sit under, or above, `rootUri`
//!   or a workspace folder when the client gave any); its other manifests are read from disk on each
//!   analysis, open documents overlay them.
//! - Diagnostics: after didOpen/didChange/didSave/didClose, debounced by [`DEBOUNCE`], the
//!   workspace is analysed and every file whose list changed is published (an empty list once
//!   it is clean), with code, Copilot's text and the secondary labels as related information.
//! - Hover: what `context_at` says of the key under the cursor (doc, kind, required, what
//!   Copilot enforces, allowed values) and, on `network.connect`, an `alias` or a `port`, the
//!   service's endpoints in every environment from the last Report.
//! - Completion: the keys (`siblings`) or values `context_at` allows at the cursor.

pub mod convert;
pub mod disk;
mod server;
pub mod transport;

use std::time::Duration;

/// How long the server waits after an edit before it analyses (typing bursts coalesce).
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// Runs the server on stdin/stdout until `exit`. An error when the client exits without
/// `shutdown` or the input ends first (LSP: exit code 1).
pub fn run_stdio() -> Result<(), String> {
    let (incoming, outgoing, writer) = transport::stdio();
    let result = server::Server::new(outgoing).run(&incoming);
    // The server's sender is dropped: the writer flushes what is queued and ends.
    let _ = writer.join();
    result
}
