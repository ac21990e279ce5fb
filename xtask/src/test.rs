//! `cargo xtask test`: the whole test matrix, in order, stopping at the first failure.
//!
//! The last line printed is always `N passed, M failed` (the CI log reader keys on it).

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::ctx::{Ctx, Result};
use crate::{codegen, docs, size, tools, web};

pub struct Step {
    pub name: &'static str,
    pub what: &'static str,
    pub run: fn(&Ctx) -> Result,
}

pub const STEPS: &[Step] = &[
    Step {
        name: "setup",
        what: "install missing tools (idempotent)",
        run: |ctx| tools::setup(ctx, tools::Mode::Install),
    },
    Step {
        name: "fmt",
        what: "cargo fmt --all -- --check",
        run: |ctx| ctx.run(ctx.cargo().args(["fmt", "--all", "--", "--check"])),
    },
    Step {
        name: "codegen",
        what: "cargo xtask codegen --check (generated key table = spec)",
        run: |ctx| codegen::run(ctx, codegen::Mode::Verify),
    },
    Step {
        name: "clippy",
        what: "cargo clippy --workspace --all-targets -- -D warnings",
        run: |ctx| {
            ctx.run(ctx.cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        },
    },
    Step {
        name: "native",
        what: "cargo test --workspace (native, every member)",
        run: |ctx| ctx.run(ctx.cargo().args(["test", "--workspace"])),
    },
    Step {
        name: "js",
        what: "node --test tests/js/ (share links, zip, web component payload, peer bench helpers, key context)",
        run: |ctx| ctx.run(ctx.cmd("node").args(["--test", "tests/js/"])),
    },
    Step {
        name: "py",
        what: "pytest of the MkDocs plugin (integrations/mkdocs, in the docs venv)",
        run: docs::pytest,
    },
    Step {
        name: "wasm",
        what: "cargo test --target wasm32-unknown-unknown (headless Chromium)",
        run: wasm_tests,
    },
    Step {
        name: "dist",
        what: "trunk build --release --offline into dist/",
        run: web::build,
    },
    Step {
        name: "size",
        what: "gzip -9 size of dist/ within budget",
        run: size::check,
    },
    Step {
        name: "e2e",
        what: "node tests/e2e/run.mjs dist (Playwright + Chromium)",
        run: |ctx| ctx.run(ctx.cmd("node").args(["tests/e2e/run.mjs", "dist"])),
    },
    Step {
        name: "docs",
        what: "node tests/docs/run.mjs (sample MkDocs site + dist/ on two origins, Chromium)",
        run: docs::browser,
    },
];

/// Packages whose browser tests run under wasm-bindgen-test-runner, with their directories.
const WASM_PACKAGES: &[(&str, &str)] = &[
    ("copilot-manifest", "crates/manifest"),
    ("copilot-playground", "crates/playground"),
];

fn wasm_tests(ctx: &Ctx) -> Result {
    let mut c = ctx.cargo();
    c.args(["test", "--target", "wasm32-unknown-unknown", "--tests"]);
    let mut any = false;
    for (pkg, dir) in WASM_PACKAGES {
        if mentions(&ctx.root.join(dir), "wasm_bindgen_test") {
            c.args(["-p", pkg]);
            any = true;
        } else {
            println!("wasm: skip {pkg}: no wasm_bindgen_test in {dir}/src or {dir}/tests yet");
        }
    }
    if !any {
        println!("wasm: no package has wasm tests yet; nothing to run");
        return Ok(());
    }
    let driver = ctx.on_path("chromedriver").map_or_else(
        || "/usr/bin/chromedriver".into(),
        |p| p.display().to_string(),
    );
    c.env("CHROMEDRIVER", driver);
    // The default 20 s per test is tight on a loaded 2-core CI machine.
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        c.env("WASM_BINDGEN_TEST_TIMEOUT", "60");
    }
    ctx.run(&mut c)
}

/// Does any `.rs` file under `dir/src` or `dir/tests` contain `needle`?
fn mentions(dir: &Path, needle: &str) -> bool {
    fn walk(p: &Path, needle: &str) -> bool {
        let Ok(entries) = fs::read_dir(p) else {
            return false;
        };
        entries.flatten().any(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path, needle)
            } else {
                path.extension().is_some_and(|x| x == "rs")
                    && fs::read_to_string(&path).is_ok_and(|t| t.contains(needle))
            }
        })
    }
    walk(&dir.join("src"), needle) || walk(&dir.join("tests"), needle)
}

/// Run `selected` steps (all when empty) in the canonical order.
pub fn run(ctx: &Ctx, selected: &[String]) -> Result {
    for s in selected {
        if !STEPS.iter().any(|st| st.name == s) {
            let names: Vec<_> = STEPS.iter().map(|s| s.name).collect();
            return Err(format!("unknown step `{s}`; steps: {}", names.join(", ")));
        }
    }
    let steps: Vec<&Step> = STEPS
        .iter()
        .filter(|s| selected.is_empty() || selected.iter().any(|n| n == s.name))
        .collect();
    if ctx.ci {
        println!(
            "test: CI=true (forwarded to every child: missing conformance corpus is a failure)"
        );
    }
    let total = steps.len();
    let started = Instant::now();
    let mut done: Vec<(&str, f64)> = Vec::new();
    let mut failure = None;
    for (i, step) in steps.iter().enumerate() {
        println!("\n==> [{}/{total}] {}: {}", i + 1, step.name, step.what);
        let t = Instant::now();
        let res = (step.run)(ctx);
        let secs = t.elapsed().as_secs_f64();
        match res {
            Ok(()) => {
                println!("<== [{}/{total}] {} ok in {secs:.1} s", i + 1, step.name);
                done.push((step.name, secs));
            }
            Err(e) => {
                println!(
                    "<== [{}/{total}] {} FAILED in {secs:.1} s: {e}",
                    i + 1,
                    step.name
                );
                failure = Some((step.name, secs));
                break;
            }
        }
    }
    println!("\nsummary ({:.1} s):", started.elapsed().as_secs_f64());
    for (name, secs) in &done {
        println!("  ok      {name:<8} {secs:>7.1} s");
    }
    if let Some((name, secs)) = failure {
        println!("  FAILED  {name:<8} {secs:>7.1} s");
        for s in steps.iter().skip(done.len() + 1) {
            println!("  not run {}", s.name);
        }
    }
    let failed = usize::from(failure.is_some());
    println!("{} passed, {failed} failed", done.len());
    if failed == 0 {
        Ok(())
    } else {
        // Already reported above; keep the summary line last.
        Err(String::new())
    }
}
