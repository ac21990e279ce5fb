//! Plain-text views of a Report, shared by the CLI (`check`, `endpoints`) and the playground's
//! Console pane, so both print the same tables.

use crate::report::{Pair, Report, Via};
use std::fmt::Write as _;

/// One aligned table of endpoints per environment, then the routes between services.
pub fn endpoint_tables(report: &Report) -> String {
    let mut out = String::new();
    for env in &report.environments {
        let _ = writeln!(out, "environment {}: namespace {}", env.name, env.namespace);
        let mut rows =
            vec![["SERVICE", "TYPE", "SERVICE CONNECT", "SERVICE DISCOVERY"].map(String::from)];
        for s in &env.services {
            let sc = match &s.service_connect {
                None => "off".to_string(),
                Some(sc) => sc.url.clone().unwrap_or_else(|| "client only".to_string()),
            };
            let sd = s
                .service_discovery
                .url
                .clone()
                .or_else(|| s.service_discovery.dns_name.clone());
            rows.push([
                s.name.clone(),
                s.workload_type.clone(),
                sc,
                sd.unwrap_or_else(|| "not registered".into()),
            ]);
        }
        let mut widths = [0usize; 4];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in &rows {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
        }
        if !env.reachability.is_empty() {
            let _ = writeln!(out, "  routes:");
            for pair in env.pairs() {
                let _ = writeln!(
                    out,
                    "    {} -> {}: {}",
                    pair.from.name,
                    pair.to.name,
                    route(&pair)
                );
            }
        }
        out.push('\n');
    }
    out
}

/// How a client reaches a server, or why it cannot.
pub fn route(pair: &Pair<'_>) -> String {
    match (pair.via, pair.url()) {
        (Some(Via::ServiceConnect), Some(url)) => format!("{url} (Service Connect)"),
        (Some(Via::ServiceDiscovery), Some(url)) => format!("{url} (Service Discovery)"),
        _ => match pair.reason {
            Some(reason) => format!("no path: {reason}"),
            None => "no path".to_string(),
        },
    }
}

/// The closing line of a check: `2 errors, 1 warning`.
pub fn summary(report: &Report) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (errors, warnings) = (report.error_count(), report.warning_count());
    format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    )
}
