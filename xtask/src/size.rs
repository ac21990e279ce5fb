//! Size budget of `dist/`: every file's raw and `gzip -9` size, total gzip ≤ [`BUDGET`].

use std::fs;
use std::path::{Path, PathBuf};

use crate::ctx::{Ctx, Result};

/// 350 KB: total `gzip -9` bytes of everything in `dist/`.
pub const BUDGET: u64 = 350 * 1024;

pub struct Report {
    /// (path relative to dist/, raw bytes, gzip -9 bytes), sorted by path.
    pub files: Vec<(String, u64, u64)>,
}

impl Report {
    pub fn total_raw(&self) -> u64 {
        self.files.iter().map(|f| f.1).sum()
    }
    pub fn total_gzip(&self) -> u64 {
        self.files.iter().map(|f| f.2).sum()
    }
}

pub fn measure(ctx: &Ctx) -> Result<Report> {
    let dist = ctx.root.join("dist");
    let mut paths = Vec::new();
    walk(&dist, &mut paths).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    if paths.is_empty() {
        return Err(format!(
            "{} is empty: run `cargo xtask dist`",
            dist.display()
        ));
    }
    paths.sort();
    let mut files = Vec::new();
    for p in paths {
        let raw = p
            .metadata()
            .map_err(|e| format!("{}: {e}", p.display()))?
            .len();
        let gz = ctx
            .cmd("gzip")
            .args(["-9", "-c", "-n"])
            .arg(&p)
            .output()
            .map_err(|e| format!("cannot run gzip: {e}"))?;
        if !gz.status.success() {
            return Err(format!("gzip -9 failed on {}", p.display()));
        }
        let rel = p.strip_prefix(&dist).unwrap_or(&p).display().to_string();
        files.push((rel, raw, gz.stdout.len() as u64));
    }
    Ok(Report { files })
}

/// Print the table; `Err` when over budget.
pub fn check(ctx: &Ctx) -> Result {
    let report = measure(ctx)?;
    print_table(&report);
    let total = report.total_gzip();
    if total > BUDGET {
        Err(format!(
            "dist/ is {total} B gzip -9, over the {BUDGET} B budget by {} B",
            total - BUDGET
        ))
    } else {
        println!(
            "size: within budget ({total} of {BUDGET} B gzip -9, {:.1} %)",
            100.0 * total as f64 / BUDGET as f64
        );
        Ok(())
    }
}

pub fn print_table(r: &Report) {
    let width = r.files.iter().map(|f| f.0.len()).max().unwrap_or(4).max(5);
    println!("{:<width$}  {:>10}  {:>10}", "file", "raw B", "gzip -9 B");
    for (name, raw, gz) in &r.files {
        println!("{name:<width$}  {raw:>10}  {gz:>10}");
    }
    println!(
        "{:<width$}  {:>10}  {:>10}   (budget {BUDGET})",
        "TOTAL",
        r.total_raw(),
        r.total_gzip()
    );
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&entry.path(), out)?;
        } else if ty.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}
