//! The MkDocs plugin (`integrations/mkdocs`) and the sample site (`docs/site`): a Python virtual
//! environment under the target directory with the pinned packages of
//! `docs/site/requirements.txt` and the plugin, `cargo xtask docs`, `serve --docs`, and the
//! `py` and `docs` test steps.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ctx::{Ctx, Result};
use crate::web;

const REQUIREMENTS: &str = "docs/site/requirements.txt";
const PLUGIN: &str = "integrations/mkdocs";
const SITE_CONFIG: &str = "docs/site/mkdocs.yml";
/// Where `serve --docs` serves the sample site (the playground is on `web::SERVE_PORT`).
pub const DOCS_PORT: u16 = 8000;
/// Written into the venv after a successful install: the hash of everything installed from.
const STAMP: &str = ".xtask-stamp";

/// `$CARGO_TARGET_DIR` (relative to the workspace root if relative), else `target/`.
fn target_dir(ctx: &Ctx) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => ctx.root.join(d),
        _ => ctx.root.join("target"),
    }
}

pub fn venv(ctx: &Ctx) -> PathBuf {
    target_dir(ctx).join("docs-venv")
}

fn venv_bin(ctx: &Ctx, program: &str) -> PathBuf {
    venv(ctx).join("bin").join(program)
}

/// FNV-1a over the requirements and the plugin's sources (paths and contents, sorted), so the
/// venv is rebuilt when a pin or the plugin changes. Stable across Rust versions, unlike std's
/// hasher.
fn inputs_hash(ctx: &Ctx) -> Result<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            if p.is_dir() {
                if !name.starts_with('.') && name != "__pycache__" && !name.ends_with(".egg-info") {
                    walk(&p, out);
                }
            } else if name.ends_with(".py") || name == "pyproject.toml" || name == "README.md" {
                out.push(p);
            }
        }
    }
    let mut files = vec![
        ctx.root.join(REQUIREMENTS),
        ctx.root.join(PLUGIN).join("pyproject.toml"),
    ];
    walk(&ctx.root.join(PLUGIN).join("src"), &mut files);
    files.sort();
    files.dedup();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        let rel = f.strip_prefix(&ctx.root).unwrap_or(f);
        eat(rel.to_string_lossy().as_bytes());
        eat(&fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?);
    }
    Ok(format!("{h:016x}"))
}

/// `Ok(detail)` when the venv holds exactly what the inputs say, `Err(why)` otherwise.
pub fn check(ctx: &Ctx) -> std::result::Result<String, String> {
    let want = inputs_hash(ctx)?;
    match fs::read_to_string(venv(ctx).join(STAMP)) {
        Ok(have) if have.trim() == want => Ok(format!("{} ({want})", venv(ctx).display())),
        Ok(_) => Err(format!("{REQUIREMENTS} or {PLUGIN} changed")),
        Err(_) => Err(format!("{} missing", venv(ctx).display())),
    }
}

/// Create the venv if needed, install the pins, then the plugin (no deps, no build isolation:
/// setuptools is pinned too, so nothing unpinned is fetched), then write the stamp.
pub fn install(ctx: &Ctx) -> Result {
    let dir = venv(ctx);
    let python = venv_bin(ctx, "python");
    if !python.exists() {
        ctx.run(ctx.cmd("python3").args(["-m", "venv"]).arg(&dir))?;
    }
    let pip = |args: &[&str]| {
        let mut c = ctx.cmd(&python);
        c.args(["-m", "pip", "install", "--disable-pip-version-check", "-q"]);
        c.args(args);
        ctx.run(&mut c)
    };
    pip(&["-r", REQUIREMENTS])?;
    pip(&[
        "--no-deps",
        "--no-build-isolation",
        "--force-reinstall",
        PLUGIN,
    ])?;
    // pip builds in the source tree; leave it clean.
    let _ = fs::remove_dir_all(ctx.root.join(PLUGIN).join("build"));
    let hash = inputs_hash(ctx)?;
    fs::write(dir.join(STAMP), hash).map_err(|e| format!("cannot write the venv stamp: {e}"))
}

fn ensure(ctx: &Ctx) -> Result {
    match check(ctx) {
        Ok(_) => Ok(()),
        Err(why) => {
            println!("docs: installing the virtual environment ({why})");
            install(ctx)
        }
    }
}

fn mkdocs(ctx: &Ctx, script: &str) -> Command {
    let mut c = ctx.cmd(venv_bin(ctx, "mkdocs"));
    c.env("COPILOT_PLAYGROUND_SCRIPT", script)
        .env("NO_MKDOCS_2_WARNING", "1");
    c
}

/// `cargo xtask docs`: dist/, then the sample site (strict) into `<target>/docs-site`, with the
/// playground expected where `serve --docs` puts it.
pub fn build(ctx: &Ctx) -> Result {
    web::build(ctx)?;
    ensure(ctx)?;
    let out = target_dir(ctx).join("docs-site");
    let script = playground_script(web::SERVE_PORT);
    ctx.run(
        mkdocs(ctx, &script)
            .args(["build", "--strict", "-f", SITE_CONFIG, "-d"])
            .arg(&out),
    )?;
    println!(
        "docs: built {} (loads the playground from {script}; `cargo xtask serve --docs` serves both)",
        out.display()
    );
    Ok(())
}

fn playground_script(port: u16) -> String {
    format!("http://{}:{port}/copilot-playground.js", web::SERVE_ADDRESS)
}

/// `cargo xtask serve --docs`: `mkdocs serve` on 127.0.0.1:8000 beside `trunk serve` on `port`
/// (two origins, as a docs site and its playground usually are); both until interrupted.
pub fn serve(ctx: &Ctx, port: u16) -> Result {
    ensure(ctx)?;
    let addr = format!("{}:{DOCS_PORT}", web::SERVE_ADDRESS);
    let mut c = mkdocs(ctx, &playground_script(port));
    c.args(["serve", "-f", SITE_CONFIG, "-a", &addr]);
    println!("$ {}", crate::ctx::show(&c));
    let mut child = c
        .spawn()
        .map_err(|e| format!("cannot start mkdocs serve: {e}"))?;
    println!("serve: the sample docs site at http://{addr}/");
    let res = web::serve(ctx, port);
    let _ = child.kill();
    let _ = child.wait();
    res
}

/// Test step `py`: the plugin's pytest suite, in the venv.
pub fn pytest(ctx: &Ctx) -> Result {
    ensure(ctx)?;
    let mut c = ctx.cmd(venv_bin(ctx, "python"));
    c.args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .current_dir(ctx.root.join(PLUGIN));
    ctx.run(&mut c)
}

/// Test step `docs`: the sample site built against dist/ and driven in Chromium.
pub fn browser(ctx: &Ctx) -> Result {
    ensure(ctx)?;
    let mkdocs = venv_bin(ctx, "mkdocs");
    ctx.run(
        ctx.cmd("node")
            .args(["tests/docs/run.mjs", "dist"])
            .arg(&mkdocs),
    )
}
