//! The pipeline of design.md §2, run over a whole workspace: parse every file once, then per
//! environment interpolate, decode, merge its overrides, validate and compute the network. The
//! stages return domain values (diagnostics in byte spans, endpoints); [`analyze`] builds the
//! Report from them once, at the end, and [`detail`] computes what a pane asks for about one
//! service in one environment.

mod environment;
mod service;

use crate::diagnostic::{Diagnostic, Label, Position, Span};
use crate::network::warnings::{self, Member};
use crate::network::{self, Endpoints};
use crate::report::{EnvironmentReport, REPORT_VERSION, Report};
use crate::rules::Rule;
use crate::syntax::{self, LineIndex, Node};
use crate::workspace::{FileKind, Workspace};
pub use service::Detail;
use service::{Deployed, Service};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the stages produce for one workspace, before the Report is built.
struct Analysis {
    app: String,
    diagnostics: Vec<Diagnostic>,
    environments: Vec<EnvironmentReport>,
    /// What [`detail`] asked for, when it asked.
    detail: Option<Detail>,
}

/// The one service (by name or manifest path) whose [`Detail`] is wanted, and in which
/// environment (`None`: the first analysed).
struct Focus<'q> {
    service: &'q str,
    env: Option<&'q str>,
}

pub fn analyze(ws: &Workspace) -> Report {
    analyze_with_detail(ws, None).0
}

/// The Report and, in the same pass, one service's [`Detail`]: what the worker answers while a
/// pane shows the effective manifest or the CloudFormation (one run, not two).
pub fn analyze_with_detail(
    ws: &Workspace,
    focus: Option<(&str, Option<&str>)>,
) -> (Report, Option<Detail>) {
    if ws.files.len() > crate::MAX_FILES {
        return (too_many_files(ws), None);
    }
    let focus = focus.map(|(service, env)| Focus { service, env });
    let a = run(ws, focus.as_ref(), true);
    let mut diagnostics = a.diagnostics;
    locate(&mut diagnostics, ws);
    let report = Report {
        version: REPORT_VERSION,
        app: a.app,
        diagnostics,
        environments: a.environments,
    };
    (report, a.detail)
}

/// The effective manifest and CloudFormation fragments of one service (by name) in one
/// environment, computed on demand (only that environment is analysed); `None` when no such
/// service is deployed there.
pub fn detail(ws: &Workspace, service: &str, env: &str) -> Option<Detail> {
    if ws.files.len() > crate::MAX_FILES {
        return None;
    }
    let focus = Focus {
        service,
        env: Some(env),
    };
    run(ws, Some(&focus), false).detail
}

/// The environment stack's namespace fragments, read from its manifest when there is one.
#[cfg(feature = "render")]
pub fn environment_fragments(ws: &Workspace, env: &str) -> crate::report::Fragments {
    let app = app_name(ws, &mut Vec::new());
    let namespace = namespace(ws, &app, env);
    let file = ws
        .files
        .iter()
        .find(|f| f.kind() == FileKind::Environment { name: env });
    let doc = file.and_then(|f| syntax::parse(&f.text).ok());
    let input = crate::render::EnvironmentInput {
        namespace: &namespace,
        manifest: doc.as_ref(),
    };
    let (path, text) = file.map_or(("", ""), |f| (f.path.as_str(), f.text.as_str()));
    crate::render::environment_fragments(&input).into_report(path, text, ws.column_unit)
}

/// The pipeline over every environment, or only the focused one when `every_env` is false.
fn run(ws: &Workspace, focus: Option<&Focus<'_>>, every_env: bool) -> Analysis {
    let mut out: Vec<Diagnostic> = Vec::new();
    let app = app_name(ws, &mut out);

    let mut services: Vec<Service<'_>> = Vec::new();
    for file in &ws.files {
        match file.kind() {
            FileKind::Workload { name } => services.extend(service::load(file, name, &mut out)),
            FileKind::Environment { name } => {
                environment::check(file, name, &app, &ws.variables, &mut out);
            }
            FileKind::WorkspaceSummary | FileKind::Other => {}
        }
    }

    let mut envs = environment_names(ws, &services);
    if envs.is_empty() && !services.is_empty() {
        let file = services.first().map_or("", |s| s.file.path.as_str());
        out.push(
            Diagnostic::new(
                Rule::NoEnvironment,
                Label::new(file, Span::default()),
                "no environment to compute endpoints for",
            )
            .with_help("add copilot/environments/<env>/manifest.yml, or pass --env NAME"),
        );
    }
    let focus_env: Option<String> = focus.and_then(|f| match f.env {
        Some(wanted) => envs.iter().find(|e| *e == wanted).cloned(),
        None => envs.first().cloned(),
    });
    if !every_env {
        envs.retain(|e| Some(e) == focus_env.as_ref());
    }
    for svc in &mut services {
        svc.reuse = envs.len() > 1;
    }

    let mut per_env: Vec<Vec<Diagnostic>> = Vec::new();
    let mut environments = Vec::new();
    let mut detail = None;
    for env in &envs {
        let legacy = ws.legacy_namespaces.iter().any(|l| l == env);
        let namespace = namespace(ws, &app, env);
        let vars = crate::interpolate::Vars {
            app: &app,
            env,
            user: &ws.variables,
        };
        let mut findings = Vec::new();
        let mut deployed: Vec<Deployed> = Vec::new();
        let wanted = focus
            .filter(|_| focus_env.as_ref() == Some(env))
            .map(|f| f.service);
        for svc in &services {
            if let Some(d) = svc.in_environment(env, &vars, &namespace, ws, wanted, &mut findings) {
                deployed.push(d);
            }
        }
        deployed.sort_by(|a, b| a.endpoints.report.name.cmp(&b.endpoints.report.name));
        let members: Vec<Member<'_>> = deployed
            .iter()
            .map(|d| Member {
                file: &d.endpoints.report.manifest,
                config: &d.config,
                endpoints: &d.endpoints,
                anchor: d.anchor,
            })
            .collect();
        for d in warnings::check(&members) {
            findings.push(d.with_env(Some(env.clone())));
        }
        let mut endpoints: Vec<Endpoints> = Vec::with_capacity(deployed.len());
        for d in deployed {
            if d.detail.is_some() {
                detail = d.detail;
            }
            endpoints.push(d.endpoints);
        }
        let reachability = network::reachability(&mut endpoints);
        environments.push(EnvironmentReport {
            name: env.clone(),
            namespace,
            legacy_namespace: legacy,
            services: endpoints.into_iter().map(|e| e.report).collect(),
            reachability,
        });
        per_env.push(findings);
    }
    out.extend(fold_environments(per_env, envs.len()));
    // A rule that explains a key (e.g. `network.connect` on an RDWS) says more than "unknown key".
    let explained: HashSet<(&str, Span)> = out
        .iter()
        .filter(|d| d.rule != Rule::UnknownKey)
        .map(|d| (d.primary.file.as_str(), d.primary.span))
        .collect();
    let keep: Vec<bool> = out
        .iter()
        .map(|d| {
            d.rule != Rule::UnknownKey
                || !explained.contains(&(d.primary.file.as_str(), d.primary.span))
        })
        .collect();
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    Analysis {
        app,
        diagnostics: out,
        environments,
        detail,
    }
}

/// The environment's private DNS namespace: `{env}.{app}.local`, or `{app}.local` for an
/// environment created before Copilot v1.9.0 (spec §6.1).
fn namespace(ws: &Workspace, app: &str, env: &str) -> String {
    if ws.legacy_namespaces.iter().any(|l| l == env) {
        format!("{app}.local")
    } else {
        format!("{env}.{app}.local")
    }
}

/// The edge: line and column for every label, through one line index per file, in the unit the
/// workspace asked for; then the stable order (file, position, environment, code).
fn locate(diagnostics: &mut Vec<Diagnostic>, ws: &Workspace) {
    let texts: HashMap<&str, &str> = ws
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    let mut indexes: HashMap<&str, LineIndex<'_>> = HashMap::new();
    let mut place = |label: &mut Label| {
        let Some((&path, &text)) = texts.get_key_value(label.file.as_str()) else {
            label.position = Position::FIRST;
            return;
        };
        let index = indexes.entry(path).or_insert_with(|| LineIndex::new(text));
        let (line, column) = index.position(label.span.start, ws.column_unit);
        let (end_line, end_column) =
            index.position(label.span.end.max(label.span.start), ws.column_unit);
        label.position = Position {
            line,
            column,
            end_line,
            end_column,
        };
    };
    for d in diagnostics.iter_mut() {
        place(&mut d.primary);
        for l in &mut d.secondary {
            place(l);
        }
    }
    diagnostics.sort_by(|a, b| {
        (
            a.primary.file.as_str(),
            a.primary.position.line,
            a.primary.position.column,
            a.env.as_deref(),
            a.rule.code(),
        )
            .cmp(&(
                b.primary.file.as_str(),
                b.primary.position.line,
                b.primary.position.column,
                b.env.as_deref(),
                b.rule.code(),
            ))
    });
    diagnostics.dedup();
}

/// A finding that every environment reports identically is reported once, with `env: null`;
/// its `copilot_error` keeps the first environment's wording. Grouping is by hash, so a large
/// workspace's many findings fold in linear time.
fn fold_environments(per_env: Vec<Vec<Diagnostic>>, env_count: usize) -> Vec<Diagnostic> {
    let mut groups: Vec<Vec<Diagnostic>> = Vec::new();
    let mut index: HashMap<(Rule, String, Span, String), usize> = HashMap::new();
    for d in per_env.into_iter().flatten() {
        let key = (
            d.rule,
            d.primary.file.clone(),
            d.primary.span,
            d.message.clone(),
        );
        match index.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some(group) => group.push(d),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![d]);
            }
        }
    }
    let mut out = Vec::new();
    for mut group in groups {
        if group.len() == env_count {
            group.truncate(1);
            out.extend(group.into_iter().map(|d| d.with_env(None)));
        } else {
            out.extend(group);
        }
    }
    out
}

fn app_name(ws: &Workspace, out: &mut Vec<Diagnostic>) -> String {
    if let Some(app) = ws.app.as_ref().filter(|a| !a.is_empty()) {
        return app.clone();
    }
    let summary = ws
        .files
        .iter()
        .find(|f| f.kind() == FileKind::WorkspaceSummary);
    if let Some(file) = summary {
        match syntax::parse(&file.text) {
            Ok(doc) => {
                let app = doc
                    .root
                    .as_ref()
                    .and_then(|r| doc.get(r, "application"))
                    .and_then(|e| doc.resolve(&e.value))
                    .and_then(Node::text);
                if let Some(app) = app.filter(|a| !a.is_empty()) {
                    return app.to_string();
                }
            }
            // Copilot reads `.workspace` with its own texts; none is reproduced here.
            Err(d) => out.push(
                d.with_copilot_error_opt(None::<String>)
                    .with_file(&file.path),
            ),
        }
    }
    out.push(
        Diagnostic::new(
            Rule::NoApplicationName,
            Label::new(summary.map_or("", |f| f.path.as_str()), Span::default())
                .with_path("application"),
            "no application name: `app` is used in the namespaces below",
        )
        .with_help("add copilot/.workspace with `application: NAME`, or pass --app NAME"),
    );
    "app".into()
}

/// Environment manifests and `--env` names; without any, the names of override blocks.
fn environment_names(ws: &Workspace, services: &[Service<'_>]) -> Vec<String> {
    let mut names: BTreeSet<String> = ws
        .environments
        .iter()
        .filter(|e| !e.is_empty())
        .cloned()
        .collect();
    for f in &ws.files {
        if let FileKind::Environment { name } = f.kind() {
            names.insert(name.to_string());
        }
    }
    if names.is_empty() {
        names.extend(services.iter().flat_map(Service::override_names));
    }
    names.into_iter().collect()
}

/// A workspace larger than any real repository's `copilot/` folder is refused as a whole.
fn too_many_files(ws: &Workspace) -> Report {
    let message = format!(
        "the workspace has {} files; at most {} are analysed",
        ws.files.len(),
        crate::MAX_FILES
    );
    Report::refused(
        ws.app.clone().unwrap_or_default(),
        Rule::TooManyFiles,
        message,
        Some("analyse the `copilot/` folder only".into()),
    )
}
