//! Developer harness for the workspace: `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! Std only; every tool runs through `std::process::Command` with `web/node_modules/.bin` and
//! `~/.cargo/bin` first on PATH. Versions and install recipes: `shared/toolchain.md`.

mod bench;
mod codegen;
mod ctx;
mod docs;
mod fuzz;
mod size;
mod test;
mod tools;
mod web;

use std::process::ExitCode;

use ctx::{Ctx, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--check]     install missing tools (wasm32 target, chromium + chromedriver via apt,
                      trunk 0.21.14, wasm-bindgen-cli = Cargo.lock, npm ci in web/);
                      --check only reports and fails if something is missing
  dist                setup, then trunk build --release --offline into dist/
  serve [--port N] [--docs]
                      setup, then trunk serve --release --offline on 127.0.0.1:8080;
                      --docs also serves the sample MkDocs site (docs/site) on 127.0.0.1:8000
  docs                setup, dist, then the sample MkDocs site (docs/site, with the plugin of
                      integrations/mkdocs, in a venv under the target dir) into
                      <target>/docs-site, loading the playground from 127.0.0.1:8080
  codegen [--check]   generate crates/manifest/src/model/key_table.rs from
                      ../shared/spec/manifest-fields.md; --check writes nothing and fails
                      listing every generated file that differs
  test [STEP...]      setup, fmt, codegen --check, clippy, native tests, js tests, wasm
                      tests, dist, size budget, e2e; stops at the first failure; STEPs select
                      a subset (same order: setup fmt codegen clippy native js py wasm dist
                      size e2e docs)
  bench [-- ARGS]     criterion benches (ARGS go to criterion), browser edit timing, size report
  bench --peer [--json FILE]
                      dist, then the shipped worker wasm vs the Copilot JSON schema (yaml or
                      js-yaml + ajv) in one Node process: median µs per corpus manifest and
                      for 100 services × 3 environments (tests/bench/peer, npm ci there first);
                      --json FILE writes the figures
  size                size table of dist/ (raw and gzip -9) against the budget
  fuzz [--runs N | --seconds S] [TARGET...]
                      cargo-fuzz targets (yaml, interpolate, analyze, share; default all,
                      60 s each) from seeds built from the fixtures; needs nightly
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match real_main(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("xtask: error: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn real_main(args: &[String]) -> Result {
    let Some((cmd, rest)) = args.split_first() else {
        print!("{USAGE}");
        return Err("no command given".into());
    };
    let ctx = Ctx::new()?;
    match cmd.as_str() {
        "setup" => {
            let mode = match rest {
                [] => tools::Mode::Install,
                [f] if f == "--check" => tools::Mode::Check,
                _ => return usage_error(cmd),
            };
            tools::setup(&ctx, mode)
        }
        "dist" => {
            no_args(cmd, rest)?;
            tools::setup(&ctx, tools::Mode::Install)?;
            web::build(&ctx)
        }
        "serve" => {
            let with_docs = rest.iter().any(|a| a == "--docs");
            let rest: Vec<&String> = rest.iter().filter(|a| *a != "--docs").collect();
            let port = match rest[..] {
                [] => web::SERVE_PORT,
                [f, n] if f == "--port" => n.parse().map_err(|_| format!("bad port `{n}`"))?,
                _ => return usage_error(cmd),
            };
            tools::setup(&ctx, tools::Mode::Install)?;
            if with_docs {
                docs::serve(&ctx, port)
            } else {
                web::serve(&ctx, port)
            }
        }
        "docs" => {
            no_args(cmd, rest)?;
            tools::setup(&ctx, tools::Mode::Install)?;
            docs::build(&ctx)
        }
        "codegen" => {
            let mode = match rest {
                [] => codegen::Mode::Overwrite,
                [f] if f == "--check" => codegen::Mode::Verify,
                _ => return usage_error(cmd),
            };
            codegen::run(&ctx, mode)
        }
        "test" => test::run(&ctx, rest),
        "bench" => {
            if let Some(json) = bench::peer_args(rest) {
                // Relative to where `cargo xtask` was started; the script runs in the root.
                let json = match json {
                    Some(f) => Some(
                        std::env::current_dir()
                            .map_err(|e| format!("cannot read the current directory: {e}"))?
                            .join(f),
                    ),
                    None => None,
                };
                tools::setup(&ctx, tools::Mode::Install)?;
                return bench::run_peer(&ctx, json.as_deref());
            }
            let criterion_args = match rest {
                [] => &[][..],
                [sep, more @ ..] if sep == "--" => more,
                _ => return usage_error(cmd),
            };
            tools::setup(&ctx, tools::Mode::Install)?;
            bench::run(&ctx, criterion_args)
        }
        "size" => {
            no_args(cmd, rest)?;
            size::check(&ctx)
        }
        "fuzz" => {
            let mut budget = fuzz::DEFAULT;
            let mut targets = Vec::new();
            let mut args = rest.iter();
            while let Some(a) = args.next() {
                let mut number = |what: &str| -> Result<u64> {
                    let n = args
                        .next()
                        .ok_or_else(|| format!("{what} needs a number"))?;
                    n.parse()
                        .map_err(|_| format!("bad number `{n}` for {what}"))
                };
                match a.as_str() {
                    "--runs" => budget = fuzz::Budget::Runs(number("--runs")?),
                    "--seconds" => {
                        let n = number("--seconds")?;
                        budget = fuzz::Budget::Seconds(
                            u32::try_from(n).map_err(|_| format!("{n} seconds is too long"))?,
                        );
                    }
                    t if !t.starts_with('-') => targets.push(t.to_string()),
                    _ => return usage_error(cmd),
                }
            }
            fuzz::run(&ctx, &budget, &targets)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            print!("{USAGE}");
            Err(format!("unknown command `{other}`"))
        }
    }
}

fn no_args(cmd: &str, rest: &[String]) -> Result {
    if rest.is_empty() {
        Ok(())
    } else {
        usage_error(cmd)
    }
}

fn usage_error(cmd: &str) -> Result {
    print!("{USAGE}");
    Err(format!("bad arguments for `{cmd}`"))
}
