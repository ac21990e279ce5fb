//! `cargo xtask bench`: native criterion benches, the in-browser edit → Endpoints timing, and the
//! size report; `cargo xtask bench --peer`: the shipped worker wasm against the JSON-schema peer.
//! Measurements only: nothing here is a pass/fail timing test.

use std::path::{Path, PathBuf};

use crate::ctx::{Ctx, Result};
use crate::{size, tools, web};

pub fn run(ctx: &Ctx, criterion_args: &[String]) -> Result {
    println!("==> bench: criterion (cargo bench -p copilot-manifest --benches)");
    let mut c = ctx.cargo();
    c.args(["bench", "-p", "copilot-manifest", "--benches"]);
    if !criterion_args.is_empty() {
        c.arg("--").args(criterion_args);
    }
    ctx.run(&mut c)?;

    println!("\n==> bench: dist (trunk build --release --offline)");
    web::build(ctx)?;

    println!("\n==> bench: browser edit → #endpoints update (node tests/e2e/bench.mjs dist)");
    ctx.run(ctx.cmd("node").args(["tests/e2e/bench.mjs", "dist"]))?;

    println!("\n==> bench: size of dist/");
    let report = size::measure(ctx)?;
    size::print_table(&report);
    Ok(())
}

/// Where the peer benchmark lives: its script, helpers and pinned npm dependencies.
pub const PEER_DIR: &str = "tests/bench/peer";

/// `cargo xtask bench --peer [--json FILE]`: the shipped wasm (`dist/app-<hash>_bg.wasm`, whose `analyze` the worker runs)
/// against the community Copilot JSON schema validated by ajv, in one Node process
/// (`tests/bench/peer/bench.mjs`). `json` is already absolute (or relative to the root).
pub fn run_peer(ctx: &Ctx, json: Option<&Path>) -> Result {
    println!("==> bench --peer: npm packages ({PEER_DIR}: yaml, js-yaml, ajv, ajv-formats)");
    match tools::npm_check(ctx, PEER_DIR) {
        Ok(detail) => println!("skip: {detail}"),
        Err(why) => {
            println!("install: {why}");
            tools::npm_ci(ctx, PEER_DIR)?;
        }
    }

    println!("\n==> bench --peer: dist (trunk build --release --offline)");
    web::build(ctx)?;

    println!(
        "\n==> bench --peer: dist/app-*_bg.wasm vs yaml+ajv and js-yaml+ajv (node {PEER_DIR}/bench.mjs dist)"
    );
    let mut c = ctx.cmd("node");
    c.arg(format!("{PEER_DIR}/bench.mjs")).arg("dist");
    if let Some(file) = json {
        c.arg("--json").arg(file);
    }
    ctx.run(&mut c)
}

/// Arguments of `bench` after the command: `--peer` with an optional `--json FILE` (either
/// order). `None` when they are not a peer invocation; `Some(json)` otherwise.
pub fn peer_args(rest: &[String]) -> Option<Option<PathBuf>> {
    match rest {
        [p] if p == "--peer" => Some(None),
        [p, j, f] | [j, f, p] if p == "--peer" && j == "--json" && !f.starts_with("--") => {
            Some(Some(PathBuf::from(f)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::peer_args;
    use std::path::PathBuf;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn parses_peer_args() {
        assert_eq!(peer_args(&args(&["--peer"])), Some(None));
        let want = Some(Some(PathBuf::from("out.json")));
        assert_eq!(peer_args(&args(&["--peer", "--json", "out.json"])), want);
        assert_eq!(peer_args(&args(&["--json", "out.json", "--peer"])), want);
        assert_eq!(peer_args(&args(&[])), None);
        assert_eq!(peer_args(&args(&["--peer", "--json"])), None);
        assert_eq!(peer_args(&args(&["--peer", "--json", "--peer"])), None);
        assert_eq!(peer_args(&args(&["--", "analyze"])), None);
        assert_eq!(peer_args(&args(&["--peer", "extra"])), None);
    }
}
