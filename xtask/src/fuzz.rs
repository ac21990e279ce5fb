//! `cargo xtask fuzz [SECONDS]`: the core's cargo-fuzz target for a bounded time. cargo-fuzz
//! needs a nightly toolchain (the machine image has one); cargo-fuzz itself is installed when
//! missing. Not part of `test`: a fuzzing run is a search, not a check with a fixed answer.

use crate::ctx::{Ctx, Result};

pub const DEFAULT_SECONDS: u32 = 60;

pub fn run(ctx: &Ctx, seconds: u32) -> Result {
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
    let mut fuzz = ctx.cmd("cargo");
    fuzz.current_dir(ctx.root.join("fuzz"))
        // The fuzz crate has its own target dir: its sanitizer flags would rebuild the workspace's.
        .env_remove("CARGO_TARGET_DIR")
        .args(["+nightly", "fuzz", "run", "analyze", "--", "-max_len=8192"])
        .arg(format!("-max_total_time={seconds}"));
    ctx.run(&mut fuzz)
}
