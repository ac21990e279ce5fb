//! Shared context: where the workspace is, the PATH children see, and how commands run.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Result type of every task: `Err` carries a one-line, human-readable reason.
pub type Result<T = ()> = std::result::Result<T, String>;

pub struct Ctx {
    /// Workspace root (the directory holding the top-level `Cargo.toml`).
    pub root: PathBuf,
    /// `PATH` for children: `web/node_modules/.bin`, then cargo's bin dir, then the inherited PATH.
    /// npm's binaryen `wasm-opt` must come first (Debian's is too old, see toolchain.md §3).
    path: OsString,
    /// `CI=true` (or `1`) in the environment: forwarded explicitly to every child.
    pub ci: bool,
}

impl Ctx {
    pub fn new() -> Result<Self> {
        let root = workspace_root()?;
        let mut dirs = vec![root.join("web/node_modules/.bin"), cargo_bin_dir()];
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let mut seen = Vec::new();
        dirs.retain(|d| {
            let fresh = !seen.contains(d);
            seen.push(d.clone());
            fresh
        });
        let path = env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
        let ci =
            env::var("CI").is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1"));
        Ok(Self { root, path, ci })
    }

    /// A command that runs in the workspace root with our PATH (also used to find `program`).
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.root).env("PATH", &self.path);
        if self.ci {
            c.env("CI", "true");
        }
        c
    }

    /// `cargo`, as chosen by the `cargo xtask` that started us when possible.
    pub fn cargo(&self) -> Command {
        self.cmd(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    /// Run with inherited stdio; `Err` if it cannot start or exits non-zero.
    pub fn run(&self, c: &mut Command) -> Result {
        let shown = show(c);
        println!("$ {shown}");
        let status = c
            .status()
            .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// Run silently and return trimmed stdout if it exited 0, `None` otherwise (also if missing).
    pub fn output(&self, c: &mut Command) -> Option<String> {
        let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// Is `program` found on our PATH (as an executable file)?
    pub fn on_path(&self, program: &str) -> Option<PathBuf> {
        env::split_paths(&self.path)
            .map(|d| d.join(program))
            .find(|p| is_executable(p))
    }
}

/// `cargo run` sets `CARGO_MANIFEST_DIR` for the running binary; prefer it over the compile-time
/// value so a binary reused from a shared `CARGO_TARGET_DIR` never points at another clone.
fn workspace_root() -> Result<PathBuf> {
    let xtask_dir = env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let root = xtask_dir
        .parent()
        .ok_or("xtask has no parent directory")?
        .to_path_buf();
    if root.join("Cargo.toml").is_file() {
        Ok(root)
    } else {
        Err(format!("no Cargo.toml in {}", root.display()))
    }
}

pub fn cargo_bin_dir() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(h) => PathBuf::from(h).join("bin"),
        None => home().join(".cargo/bin"),
    }
}

pub fn home() -> PathBuf {
    env::var_os("HOME").map_or_else(|| "/root".into(), PathBuf::from)
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `prog arg1 arg2` with the env overrides that matter for reproducing it by hand.
pub fn show(c: &Command) -> String {
    let mut parts: Vec<String> = c
        .get_envs()
        .filter(|(k, _)| *k != "PATH" && *k != "CI")
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_string_lossy(), v?.to_string_lossy())))
        .collect();
    parts.push(c.get_program().to_string_lossy().into_owned());
    parts.extend(c.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
