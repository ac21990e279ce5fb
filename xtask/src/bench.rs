//! `cargo xtask bench`: native criterion benches, the in-browser edit → Endpoints timing, and the
//! size report. Measurements only: nothing here is a pass/fail timing test.

use crate::ctx::{Ctx, Result};
use crate::{size, web};

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
