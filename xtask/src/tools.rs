//! `cargo xtask setup`: idempotent installs of everything the build and tests need.
//!
//! Each tool is checked first (exact version where it matters) and installed only when missing
//! or wrong; recipes and versions are the measured ones in `shared/toolchain.md`.

use std::fs;
use std::time::{Instant, SystemTime};

use crate::ctx::{Ctx, Result};

/// Newest Trunk that builds with rustc 1.95 (0.22.x needs 1.96.1).
pub const TRUNK_VERSION: &str = "0.21.14";
/// Used only while Cargo.lock has no `wasm-bindgen` yet and Trunk.toml pins none.
const WASM_BINDGEN_DEFAULT: &str = "0.2.130";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Install whatever is missing.
    Install,
    /// Only report; fail if anything is missing.
    Check,
}

/// `Ok(detail)` when present and right, `Err(why)` when it must be installed.
type Check<'a> = Box<dyn Fn(&Ctx) -> std::result::Result<String, String> + 'a>;

struct Tool<'a> {
    name: String,
    check: Check<'a>,
    install: Box<dyn Fn(&Ctx) -> Result + 'a>,
    /// Re-run `check` after installing (npm's mtime check can't be trusted right after `npm ci`
    /// when the lockfile's mtime is in the future; its exit status is enough there).
    recheck: bool,
}

pub fn setup(ctx: &Ctx, mode: Mode) -> Result {
    let wbg = wasm_bindgen_version(ctx)?;
    let tools = [
        rust_target(),
        npm_packages(),
        chromium(),
        wasm_bindgen_cli(wbg),
        trunk(),
        docs_venv(),
    ];
    let mut missing = Vec::new();
    for tool in &tools {
        match (tool.check)(ctx) {
            Ok(detail) => println!("setup: skip    {:<28} {detail}", tool.name),
            Err(why) if mode == Mode::Check => {
                println!("setup: MISSING {:<28} {why}", tool.name);
                missing.push(tool.name.clone());
            }
            Err(why) => {
                println!("setup: install {:<28} {why}", tool.name);
                let start = Instant::now();
                (tool.install)(ctx)?;
                // Verify: a "successful" install that still fails the check is an error.
                let detail = if tool.recheck {
                    (tool.check)(ctx)
                        .map_err(|e| format!("{} still not usable after install: {e}", tool.name))?
                } else {
                    "installed".into()
                };
                println!(
                    "setup: done    {:<28} {detail} ({:.1} s)",
                    tool.name,
                    start.elapsed().as_secs_f64()
                );
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "missing: {} (run `cargo xtask setup`)",
            missing.join(", ")
        ))
    }
}

fn rust_target<'a>() -> Tool<'a> {
    Tool {
        name: format!("rust target {WASM_TARGET}"),
        check: Box::new(|ctx| {
            let mut c = ctx.cmd("rustup");
            c.args(["target", "list", "--installed"]);
            match ctx.output(&mut c) {
                Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => {
                    Ok("installed".into())
                }
                Some(_) => Err("not installed".into()),
                None => Err("`rustup target list` failed".into()),
            }
        }),
        install: Box::new(|ctx| {
            let mut c = ctx.cmd("rustup");
            c.args(["target", "add", WASM_TARGET]);
            ctx.run(&mut c)
        }),
        recheck: true,
    }
}

/// `npm ci --prefix web` when `web/node_modules` is missing or older than `web/package-lock.json`.
fn npm_packages<'a>() -> Tool<'a> {
    Tool {
        name: "npm packages (web/)".into(),
        check: Box::new(|ctx| npm_check(ctx, "web")),
        install: Box::new(|ctx| npm_ci(ctx, "web")),
        recheck: false,
    }
}

/// Is `<dir>/node_modules` installed from `<dir>/package-lock.json`? npm writes
/// `node_modules/.package-lock.json` on every install: its mtime is the install time.
pub fn npm_check(ctx: &Ctx, dir: &str) -> std::result::Result<String, String> {
    let lock = mtime(&ctx.root.join(dir).join("package-lock.json"))
        .ok_or(format!("{dir}/package-lock.json not found"))?;
    match mtime(&ctx.root.join(dir).join("node_modules/.package-lock.json")) {
        None => Err(format!("{dir}/node_modules missing")),
        Some(installed) if installed < lock => Err(format!(
            "{dir}/node_modules older than {dir}/package-lock.json"
        )),
        Some(_) => Ok(format!("{dir}/node_modules up to date")),
    }
}

/// `npm ci --prefix <dir>`: exactly the versions of `<dir>/package-lock.json`.
pub fn npm_ci(ctx: &Ctx, dir: &str) -> Result {
    let mut c = ctx.cmd("npm");
    c.args(["ci", "--prefix", dir, "--no-audit", "--no-fund"]);
    ctx.run(&mut c)
}

fn chromium<'a>() -> Tool<'a> {
    Tool {
        name: "chromium + chromedriver".into(),
        check: Box::new(
            |ctx| match (ctx.on_path("chromium"), ctx.on_path("chromedriver")) {
                (Some(b), Some(d)) => Ok(format!("{}, {}", b.display(), d.display())),
                (b, _) => Err(format!(
                    "{} missing",
                    if b.is_none() {
                        "chromium"
                    } else {
                        "chromedriver"
                    }
                )),
            },
        ),
        install: Box::new(|ctx| {
            let root = ctx.output(ctx.cmd("id").arg("-u")).as_deref() == Some("0");
            let apt = |args: &[&str]| {
                let mut c = if root {
                    ctx.cmd("apt-get")
                } else {
                    let mut c = ctx.cmd("sudo");
                    c.args(["-n", "apt-get"]);
                    c
                };
                c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
                ctx.run(&mut c)
            };
            apt(&["update", "-qq"])?;
            apt(&["install", "-y", "-qq", "chromium", "chromium-driver"])
        }),
        recheck: true,
    }
}

/// The Python venv of the MkDocs plugin and the sample site (`xtask/src/docs.rs`).
fn docs_venv<'a>() -> Tool<'a> {
    Tool {
        name: "docs venv (mkdocs, plugin)".into(),
        check: Box::new(crate::docs::check),
        install: Box::new(crate::docs::install),
        recheck: true,
    }
}

/// Both binaries of wasm-bindgen-cli must match the `wasm-bindgen` crate exactly: the CLI refuses
/// other versions' output and Trunk would try to download the pinned one.
fn wasm_bindgen_cli<'a>(version: String) -> Tool<'a> {
    let v1 = version.clone();
    Tool {
        name: format!("wasm-bindgen-cli {version}"),
        check: Box::new(move |ctx| {
            for bin in ["wasm-bindgen", "wasm-bindgen-test-runner"] {
                let found = ctx.output(ctx.cmd(bin).arg("--version"));
                let want = format!("{bin} {v1}");
                match found {
                    Some(f) if f.starts_with(&want) => {}
                    Some(f) => return Err(format!("found `{f}`, want `{want}`")),
                    None => return Err(format!("{bin} not found")),
                }
            }
            Ok("wasm-bindgen, wasm-bindgen-test-runner".into())
        }),
        install: Box::new(move |ctx| {
            let install = |locked: bool| {
                let mut c = cargo_install(ctx);
                c.args(["wasm-bindgen-cli", "--version", &version]);
                if locked {
                    c.arg("--locked");
                }
                ctx.run(&mut c)
            };
            // `--locked` fails today (its lockfile pins webpki-roots 1.0.11, absent from the
            // reachable index); without it the build resolves and works (toolchain.md §2).
            install(true).or_else(|e| {
                println!("setup: {e}; retrying without --locked");
                install(false)
            })
        }),
        recheck: true,
    }
}

fn trunk<'a>() -> Tool<'a> {
    Tool {
        name: format!("trunk {TRUNK_VERSION}"),
        check: Box::new(|ctx| {
            let want = format!("trunk {TRUNK_VERSION}");
            match ctx.output(ctx.cmd("trunk").arg("--version")) {
                Some(f) if f == want => Ok(f),
                Some(f) => Err(format!("found `{f}`, want `{want}`")),
                None => Err("trunk not found".into()),
            }
        }),
        install: Box::new(|ctx| {
            let mut c = cargo_install(ctx);
            c.args(["trunk", "--version", TRUNK_VERSION, "--locked"]);
            ctx.run(&mut c)
        }),
        recheck: true,
    }
}

/// `cargo install`, building in a temporary directory even when `CARGO_TARGET_DIR` is set (as
/// `.ci/run` does): the tools' release builds have no business in the project's target dir.
fn cargo_install(ctx: &Ctx) -> std::process::Command {
    let mut c = ctx.cargo();
    c.arg("install").env_remove("CARGO_TARGET_DIR");
    c
}

/// The `wasm-bindgen` version from Cargo.lock; Trunk.toml's `[tools] wasm_bindgen` must agree.
pub fn wasm_bindgen_version(ctx: &Ctx) -> Result<String> {
    let lock = fs::read_to_string(ctx.root.join("Cargo.lock")).unwrap_or_default();
    let from_lock = lock_version(&lock, "wasm-bindgen");
    let trunk_toml = fs::read_to_string(ctx.root.join("Trunk.toml")).unwrap_or_default();
    let from_trunk = toml_string(&trunk_toml, "tools", "wasm_bindgen");
    match (from_lock, from_trunk) {
        (Some(l), Some(t)) if l != t => Err(format!(
            "Cargo.lock has wasm-bindgen {l} but Trunk.toml pins [tools] wasm_bindgen = \"{t}\": keep them equal"
        )),
        (Some(l), _) => Ok(l),
        (None, Some(t)) => {
            println!("setup: note    Cargo.lock has no wasm-bindgen yet; using Trunk.toml's {t}");
            Ok(t)
        }
        (None, None) => {
            println!(
                "setup: note    no wasm-bindgen in Cargo.lock or Trunk.toml yet; using {WASM_BINDGEN_DEFAULT}"
            );
            Ok(WASM_BINDGEN_DEFAULT.into())
        }
    }
}

/// `version` of the first `[[package]]` named `name` in a Cargo.lock.
fn lock_version(lock: &str, name: &str) -> Option<String> {
    let name_line = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let v = lines.next()?.trim().strip_prefix("version = ")?;
            return Some(v.trim_matches('"').to_string());
        }
    }
    None
}

/// A string value `key = "..."` inside `[table]` of a simple TOML file.
fn toml_string(text: &str, table: &str, key: &str) -> Option<String> {
    let header = format!("[{table}]");
    let mut inside = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

fn mtime(p: &std::path::Path) -> Option<SystemTime> {
    p.metadata().and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lock_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            lock_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(lock_version(lock, "yew"), None);
    }

    #[test]
    fn reads_toml_string() {
        let t = "[build]\ntarget = \"index.html\"\n\n[tools]\nwasm_bindgen = \"0.2.130\"  # pin\nwasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_string(t, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(toml_string(t, "build", "wasm_bindgen"), None);
    }
}
