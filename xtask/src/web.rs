//! `cargo xtask dist` and `cargo xtask serve`: the Trunk release build of the playground.
//!
//! Trunk runs with `--offline`: it then uses the pinned wasm-bindgen / wasm-opt from PATH or fails
//! with a clear message instead of trying to download from GitHub (unreachable here), and passes
//! `--offline` to cargo, hence the `cargo fetch` first.

use std::fs;

use crate::ctx::{Ctx, Result};

pub const SERVE_ADDRESS: &str = "127.0.0.1";
pub const SERVE_PORT: u16 = 8080;

/// `cargo fetch` + `trunk build --release --offline` into `dist/`.
pub fn build(ctx: &Ctx) -> Result {
    fetch(ctx)?;
    ctx.run(
        ctx.cmd("trunk")
            .args(["build", "--release", "--offline"])
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )
}

/// `cargo fetch` + `trunk serve --release --offline` on 127.0.0.1 (until interrupted).
pub fn serve(ctx: &Ctx, port: u16) -> Result {
    fetch(ctx)?;
    create_watch_ignores(ctx)?;
    println!("serve: http://{SERVE_ADDRESS}:{port}/ (Ctrl+C to stop)");
    ctx.run(
        ctx.cmd("trunk")
            .args([
                "serve",
                "--release",
                "--offline",
                "--address",
                SERVE_ADDRESS,
            ])
            .args(["--port", &port.to_string()])
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )
}

fn fetch(ctx: &Ctx) -> Result {
    ctx.run(ctx.cargo().arg("fetch"))
}

/// Trunk 0.21 canonicalizes every `[watch] ignore` path and refuses to serve when one is missing
/// (`error taking the canonical path to the watch ignore path`), e.g. `target` in a fresh clone
/// whose `CARGO_TARGET_DIR` is elsewhere, or `dist` before the first build: create them empty.
fn create_watch_ignores(ctx: &Ctx) -> Result {
    let trunk_toml = fs::read_to_string(ctx.root.join("Trunk.toml")).unwrap_or_default();
    for rel in watch_ignores(&trunk_toml) {
        let path = ctx.root.join(&rel);
        if !path.exists() {
            fs::create_dir_all(&path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            println!(
                "serve: created empty {rel}/ (Trunk needs every [watch] ignore path to exist)"
            );
        }
    }
    Ok(())
}

/// The strings of `ignore = [...]` in `[watch]` (the array may span lines).
fn watch_ignores(toml: &str) -> Vec<String> {
    let mut in_watch = false;
    let mut collecting = false;
    let mut list = String::new();
    for line in toml.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if collecting {
            list.push_str(line);
        } else if line.starts_with('[') {
            in_watch = line == "[watch]";
        } else if in_watch
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == "ignore"
        {
            collecting = true;
            list.push_str(v);
        }
        if collecting && list.contains(']') {
            break;
        }
    }
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_watch_ignores() {
        let t = "[build]\ntarget = \"index.html\"\n[watch]\n# why\nignore = [\"web/dist\", \"dist\",\n  \"target\"] # end\n[[hooks]]\nstage = \"x\"\n";
        assert_eq!(super::watch_ignores(t), ["web/dist", "dist", "target"]);
        assert!(super::watch_ignores("[build]\n").is_empty());
    }
}
