//! `copilot-manifest render --service S --env E`: one service's CloudFormation fragments in one
//! environment, as YAML with short tags (each fragment under a comment naming its template path)
//! or as JSON (the fragments merged into a partial template). `--explain` writes, beside every
//! generated line, the manifest line behind it.

use crate::WorkspaceArgs;
use clap::ValueEnum;
use copilot_manifest::{Fragments, Workspace};
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct RenderArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// The service to render (its manifest's `name`).
    #[arg(long)]
    service: String,
    #[arg(long, value_enum, default_value_t = RenderFormat::Yaml)]
    format: RenderFormat,
    /// Show the manifest line behind each generated value.
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum RenderFormat {
    Yaml,
    Json,
}

pub fn run(args: RenderArgs) -> ExitCode {
    let Some(env) = args.workspace.envs.first().cloned() else {
        eprintln!("error: render needs --env NAME");
        return ExitCode::from(2);
    };
    if args.workspace.envs.len() > 1 {
        eprintln!("error: render takes one --env");
        return ExitCode::from(2);
    }
    let mut workspace = match args.workspace.load() {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    // An environment is known when it has a manifest or an override block; a workspace with
    // neither takes any name.
    workspace.environments.clear();
    let known: Vec<String> = copilot_manifest::analyze(&workspace)
        .environments
        .into_iter()
        .map(|e| e.name)
        .collect();
    if !known.is_empty() && !known.contains(&env) {
        eprintln!(
            "error: no environment `{env}` (environments: {})",
            known.join(", ")
        );
        return ExitCode::from(2);
    }
    workspace.environments = vec![env.clone()];
    let report = copilot_manifest::analyze(&workspace);
    let Some(environment) = report.environments.iter().find(|e| e.name == env) else {
        eprintln!("error: no environment `{env}`");
        return ExitCode::from(2);
    };
    let Some(service) = environment.services.iter().find(|s| s.name == args.service) else {
        let known: Vec<&str> = environment
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        eprintln!(
            "error: no service `{}` in environment `{env}` (services: {})",
            args.service,
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
        return ExitCode::from(2);
    };
    let detail =
        copilot_manifest::service_detail(&workspace, &service.name, &env).unwrap_or_default();
    let f = &detail.fragments;
    if f.is_empty() && service.workload_type != "Static Site" {
        eprintln!("error: this build of copilot-manifest has no renderer (feature `render`)");
        return ExitCode::from(2);
    }
    match args.format {
        RenderFormat::Json => {
            let mut out = serde_json::json!({
                "service": service.name,
                "env": env,
                "template": merged(f),
                "parameter_values": f.parameter_values,
                "omitted": f.omitted,
            });
            if args.explain
                && let Value::Object(o) = &mut out
            {
                o.insert(
                    "provenance".into(),
                    serde_json::to_value(
                        f.items
                            .iter()
                            .map(|i| (i.path.join("."), &i.provenance))
                            .collect::<BTreeMap<_, _>>(),
                    )
                    .unwrap_or_default(),
                );
            }
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        RenderFormat::Yaml => print!(
            "{}",
            yaml(
                f,
                &format!("{} in {env} ({})", service.name, report.app),
                args.explain.then_some(&workspace)
            )
        ),
    }
    ExitCode::SUCCESS
}

/// The fragments merged into one partial template; sequence indexes are padded with `{}`.
fn merged(f: &Fragments) -> Value {
    let mut root = Value::Object(serde_json::Map::new());
    for item in &f.items {
        let mut at = &mut root;
        for seg in &item.path {
            at = match (seg.parse::<usize>(), at) {
                (Ok(i), v) => {
                    if !v.is_array() {
                        *v = Value::Array(Vec::new());
                    }
                    let Value::Array(arr) = v else { unreachable!() };
                    while arr.len() <= i {
                        arr.push(Value::Object(serde_json::Map::new()));
                    }
                    &mut arr[i]
                }
                (Err(_), v) => {
                    if !v.is_object() {
                        *v = Value::Object(serde_json::Map::new());
                    }
                    let Value::Object(o) = v else { unreachable!() };
                    o.entry(seg.clone()).or_insert(Value::Null)
                }
            };
        }
        *at = item.json.clone();
    }
    root
}

/// Each fragment under a comment with its template path, as `LastKey: value`.
pub fn yaml(f: &Fragments, title: &str, explain: Option<&Workspace>) -> String {
    let mut out = format!("# CloudFormation fragments: {title}\n");
    if !f.parameter_values.is_empty() {
        out.push_str("# parameter values:");
        for (k, v) in &f.parameter_values {
            out.push_str(&format!(" {k}={v:?}"));
        }
        out.push('\n');
    }
    for item in &f.items {
        out.push('\n');
        out.push_str(&format!("# {}\n", display_path(&item.path)));
        let key = item.path.last().map_or("", String::as_str);
        let single = !item.yaml.trim_end().contains('\n')
            && !item.yaml.starts_with("- ")
            && !item.yaml.contains(": ");
        let first = item.yaml.lines().next().unwrap_or("");
        let tagged_block = first.starts_with('!') && !first.contains(' ');
        let mut lines: Vec<String> = if single {
            vec![format!("{key}: {}", item.yaml.trim_end())]
        } else if tagged_block {
            // `Key: !If` with the function's arguments below.
            std::iter::once(format!("{key}: {first}"))
                .chain(item.yaml.lines().skip(1).map(|l| format!("  {l}")))
                .collect()
        } else {
            std::iter::once(format!("{key}:"))
                .chain(item.yaml.lines().map(|l| format!("  {l}")))
                .collect()
        };
        if let Some(ws) = explain {
            // Which manifest lines stand behind each YAML line (1-based in the fragment).
            let mut notes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            for p in &item.provenance {
                let at = if single || p.pointer.is_empty() {
                    0
                } else if tagged_block {
                    (p.yaml_line as usize).saturating_sub(1)
                } else {
                    p.yaml_line as usize
                };
                let list = notes.entry(at).or_default();
                for s in &p.sources {
                    let note =
                        format!("{}:{} {}", s.file, s.line, source_line(ws, &s.file, s.line));
                    if !list.contains(&note) {
                        list.push(note);
                    }
                }
            }
            let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            for (i, line) in lines.iter_mut().enumerate() {
                if let Some(n) = notes.get(&i) {
                    let pad = width - line.chars().count();
                    line.push_str(&format!("{}  # ← {}", " ".repeat(pad), n.join("; ")));
                }
            }
        }
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    for o in &f.omitted {
        out.push_str(&format!(
            "\n# omitted {}: {}\n",
            display_path(&o.path),
            o.reason
        ));
    }
    out
}

fn display_path(path: &[String]) -> String {
    let mut out = String::new();
    for seg in path {
        if seg.parse::<usize>().is_ok() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

fn source_line(ws: &Workspace, file: &str, line: u32) -> String {
    ws.files
        .iter()
        .find(|f| f.path == file)
        .and_then(|f| f.text.lines().nth(line.saturating_sub(1) as usize))
        .map(|l| format!("`{}`", l.trim()))
        .unwrap_or_default()
}
