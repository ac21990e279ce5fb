//! `cargo xtask fuzz [--runs N | --seconds S] [TARGET...]`: the cargo-fuzz targets, each from a
//! seed corpus built from the project's own test inputs. cargo-fuzz needs a nightly toolchain
//! (the machine image has one); cargo-fuzz itself is installed when missing. Not part of `test`:
//! a fuzzing run is a search, not a check with a fixed answer. Results: docs/fuzzing.md.

use std::fs;
use std::path::{Path, PathBuf};

use crate::ctx::{Ctx, Result};

/// Every target, in the order a full run takes them (fuzz/fuzz_targets/<name>.rs).
pub const TARGETS: &[&str] = &["yaml", "interpolate", "analyze", "share"];

pub enum Budget {
    /// Executions per target (libFuzzer's `-runs`).
    Runs(u64),
    /// Seconds per target (`-max_total_time`).
    Seconds(u32),
}

pub const DEFAULT: Budget = Budget::Seconds(60);

pub fn run(ctx: &Ctx, budget: &Budget, targets: &[String]) -> Result {
    let chosen: Vec<&str> = if targets.is_empty() {
        TARGETS.to_vec()
    } else {
        for t in targets {
            if !TARGETS.contains(&t.as_str()) {
                return Err(format!(
                    "unknown fuzz target `{t}`; targets: {}",
                    TARGETS.join(", ")
                ));
            }
        }
        targets.iter().map(String::as_str).collect()
    };
    if ctx
        .output(ctx.cargo().args(["fuzz", "--version"]))
        .is_none()
    {
        let mut install = ctx.cargo();
        install
            .args(["install", "cargo-fuzz", "--locked"])
            .env_remove("CARGO_TARGET_DIR");
        ctx.run(&mut install)?;
    }
    for target in chosen {
        let corpus = ctx.root.join("fuzz/corpus").join(target);
        let seeds = seed(ctx, target, &corpus)?;
        println!(
            "==> fuzz {target}: {seeds} seeds added to {}",
            corpus.display()
        );
        let mut fuzz = ctx.cmd("cargo");
        fuzz.current_dir(ctx.root.join("fuzz"))
            // The fuzz crate has its own target dir: its sanitizer flags would rebuild the
            // workspace's.
            .env_remove("CARGO_TARGET_DIR")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .args(["--", "-max_len=8192", "-print_final_stats=1"]);
        match budget {
            Budget::Runs(n) => fuzz.arg(format!("-runs={n}")),
            Budget::Seconds(s) => fuzz.arg(format!("-max_total_time={s}")),
        };
        ctx.run(&mut fuzz)?;
    }
    Ok(())
}

/// Writes the seeds of `target` into `corpus` (named by content, so reruns add nothing new).
fn seed(ctx: &Ctx, target: &str, corpus: &Path) -> Result<usize> {
    fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    let mut manifests = Vec::new();
    for dir in ["crates/manifest/tests/fixtures", "web/examples"] {
        collect(&ctx.root.join(dir), &mut manifests);
    }
    manifests.sort();
    match target {
        "share" => {
            // A payload per fixture folder or example: its files as a share link holds them.
            let mut folders: Vec<&Path> = manifests.iter().filter_map(|p| p.parent()).collect();
            folders.dedup();
            for folder in folders {
                let files: Vec<String> = manifests
                    .iter()
                    .filter(|p| p.starts_with(folder))
                    .filter_map(|p| {
                        let text = fs::read_to_string(p).ok()?;
                        let rel = p.strip_prefix(folder).ok()?.display().to_string();
                        Some(format!(
                            r#"{{"path":{},"text":{}}}"#,
                            json(&rel),
                            json(&text)
                        ))
                    })
                    .collect();
                let payload = format!(
                    r#"{{"files":[{}],"env":"test","variables":{{"PORT":"80"}}}}"#,
                    files.join(",")
                );
                inputs.push(payload.into_bytes());
            }
        }
        "interpolate" => {
            for p in &manifests {
                if let Ok(text) = fs::read(p) {
                    let mut input = b"PORT=80 TAG=${COPILOT_ENVIRONMENT_NAME}\n".to_vec();
                    input.extend(text);
                    inputs.push(input);
                }
            }
        }
        _ => inputs.extend(manifests.iter().filter_map(|p| fs::read(p).ok())),
    }
    let mut added = 0;
    for input in inputs {
        let name = corpus.join(format!("seed-{:016x}", fnv(&input)));
        if !name.exists() {
            fs::write(&name, &input).map_err(|e| format!("{}: {e}", name.display()))?;
            added += 1;
        }
    }
    Ok(added)
}

/// Every `.yml` and `.yaml` file under `dir`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "yml" || x == "yaml") {
            out.push(p);
        }
    }
}

/// FNV-1a: a stable file name for a seed, no dependency needed.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A JSON string literal (xtask stays std-only).
fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_json_requires() {
        assert_eq!(json("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
    }

    #[test]
    fn seeds_are_named_by_content() {
        assert_eq!(fnv(b"x"), fnv(b"x"));
        assert_ne!(fnv(b"x"), fnv(b"y"));
    }
}
