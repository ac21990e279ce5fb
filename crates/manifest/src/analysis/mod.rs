//! The pipeline of design.md §2, run over a whole workspace: parse every file once, then per
//! environment interpolate, decode, merge its overrides, validate and compute the network.

mod service;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::keys;
use crate::network::warnings::{self, Member};
use crate::network::{self, Endpoints};
use crate::report::{EnvironmentReport, REPORT_VERSION, Report};
use crate::syntax::{self, LineIndex, Node};
use crate::workspace::{ColumnUnit, FileKind, SourceFile, Workspace};
use service::{Deployed, Service};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A diagnostic still in byte spans, before positions are computed for the consumer.
struct Raw<'a> {
    file: &'a SourceFile,
    code: &'static str,
    severity: Severity,
    span: Span,
    message: String,
    path: Option<String>,
    env: Option<String>,
    copilot_error: Option<String>,
    help: Option<String>,
}

static EMPTY_FILE: SourceFile = SourceFile {
    path: String::new(),
    text: String::new(),
};

pub fn analyze(ws: &Workspace) -> Report {
    if ws.files.len() > crate::MAX_FILES {
        return too_many_files(ws);
    }
    let mut raws: Vec<Raw<'_>> = Vec::new();
    let app = app_name(ws, &mut raws);

    let mut services: Vec<Service<'_>> = Vec::new();
    for file in &ws.files {
        match file.kind() {
            FileKind::Workload { name } => services.extend(service::load(file, name, &mut raws)),
            FileKind::Environment { .. } => match syntax::parse(&file.text) {
                Ok(doc) => check_environment_keys(file, &doc, &mut raws),
                Err(e) => raws.push(syntax_raw(file, e)),
            },
            FileKind::WorkspaceSummary | FileKind::Other => {}
        }
    }

    let envs = environment_names(ws, &services);
    if envs.is_empty() && !services.is_empty() {
        raws.push(Raw {
            file: services.first().map_or(&EMPTY_FILE, |s| s.file),
            code: "no-environment",
            severity: Severity::Info,
            span: Span::default(),
            message: "no environment to compute endpoints for".into(),
            path: None,
            env: None,
            copilot_error: None,
            help: Some("add copilot/environments/<env>/manifest.yml, or pass --env NAME".into()),
        });
    }

    let mut per_env: Vec<Vec<Raw<'_>>> = Vec::new();
    let mut environments = Vec::new();
    for env in &envs {
        let legacy = ws.legacy_namespaces.iter().any(|l| l == env);
        let namespace = if legacy {
            format!("{app}.local")
        } else {
            format!("{env}.{app}.local")
        };
        let mut findings = Vec::new();
        let mut deployed: Vec<(&Service<'_>, Deployed)> = Vec::new();
        for svc in &services {
            let vars = crate::interpolate::Vars {
                app: &app,
                env,
                user: &ws.variables,
            };
            if let Some(d) = svc.in_environment(env, &vars, &namespace, ws, &mut findings) {
                deployed.push((svc, d));
            }
        }
        deployed.sort_by(|a, b| a.1.endpoints.report.name.cmp(&b.1.endpoints.report.name));
        let members: Vec<Member<'_>> = deployed
            .iter()
            .map(|(_, d)| Member {
                config: &d.config,
                endpoints: &d.endpoints,
                anchor: d.anchor,
            })
            .collect();
        for (i, f) in warnings::check(&members) {
            let Some((svc, _)) = deployed.get(i) else {
                continue;
            };
            findings.push(Raw {
                file: svc.file,
                code: f.code,
                severity: f.severity,
                span: f.span,
                message: f.message,
                path: Some(f.path.to_string()),
                env: Some(env.clone()),
                copilot_error: None,
                help: f.help.map(str::to_string),
            });
        }
        let endpoints: Vec<Endpoints> = deployed.into_iter().map(|(_, d)| d.endpoints).collect();
        let reachability = network::reachability(&endpoints);
        #[cfg(feature = "render")]
        let fragments = environment_fragments(ws, env, &namespace);
        #[cfg(not(feature = "render"))]
        let fragments = crate::report::Fragments::default();
        environments.push(EnvironmentReport {
            name: env.clone(),
            namespace,
            legacy_namespace: legacy,
            services: endpoints.into_iter().map(|e| e.report).collect(),
            reachability,
            fragments,
        });
        per_env.push(findings);
    }
    raws.extend(fold_environments(per_env, envs.len()));
    // A rule that explains a key (e.g. `network.connect` on an RDWS) says more than "unknown key".
    let explained: HashSet<(String, Span)> = raws
        .iter()
        .filter(|r| r.code != "unknown-key")
        .map(|r| (r.file.path.clone(), r.span))
        .collect();
    raws.retain(|r| r.code != "unknown-key" || !explained.contains(&(r.file.path.clone(), r.span)));

    // One line index per file, however many diagnostics it has (a large file may have many).
    let mut indexes: HashMap<&str, LineIndex<'_>> = HashMap::new();
    let mut diagnostics: Vec<Diagnostic> = raws
        .into_iter()
        .map(|r| {
            let index = indexes
                .entry(r.file.path.as_str())
                .or_insert_with(|| LineIndex::new(&r.file.text));
            to_diagnostic(r, index, ws.column_unit)
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.line,
            a.column,
            a.env.as_deref(),
            a.code.as_str(),
        )
            .cmp(&(
                b.file.as_str(),
                b.line,
                b.column,
                b.env.as_deref(),
                b.code.as_str(),
            ))
    });
    diagnostics.dedup();
    Report {
        version: REPORT_VERSION,
        app,
        diagnostics,
        environments,
    }
}

/// The environment stack's namespace fragments, read from its manifest when there is one.
#[cfg(feature = "render")]
fn environment_fragments(ws: &Workspace, env: &str, namespace: &str) -> crate::report::Fragments {
    let file = ws
        .files
        .iter()
        .find(|f| f.kind() == FileKind::Environment { name: env });
    let doc = file.and_then(|f| syntax::parse(&f.text).ok());
    let input = crate::render::EnvironmentInput {
        namespace,
        manifest: doc.as_ref(),
    };
    let (path, text) = file.map_or(("", ""), |f| (f.path.as_str(), f.text.as_str()));
    crate::render::environment_fragments(&input).into_report(path, text, ws.column_unit)
}

/// A finding that every environment reports identically is reported once, with `env: null`;
/// its `copilot_error` keeps the first environment's wording. Grouping is by hash, so a large
/// workspace's many findings fold in linear time.
fn fold_environments(per_env: Vec<Vec<Raw<'_>>>, env_count: usize) -> Vec<Raw<'_>> {
    let mut groups: Vec<Vec<Raw<'_>>> = Vec::new();
    let mut index: HashMap<(&'static str, String, Span, String), usize> = HashMap::new();
    for raw in per_env.into_iter().flatten() {
        let key = (
            raw.code,
            raw.file.path.clone(),
            raw.span,
            raw.message.clone(),
        );
        match index.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some(group) => group.push(raw),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![raw]);
            }
        }
    }
    let mut out = Vec::new();
    for mut group in groups {
        if group.len() == env_count {
            group.truncate(1);
            out.extend(group.into_iter().map(|raw| Raw { env: None, ..raw }));
        } else {
            out.extend(group);
        }
    }
    out
}

fn app_name<'a>(ws: &'a Workspace, raws: &mut Vec<Raw<'a>>) -> String {
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
            Err(e) => raws.push(syntax_raw(file, e)),
        }
    }
    raws.push(Raw {
        file: summary.unwrap_or(&EMPTY_FILE),
        code: "no-application-name",
        severity: Severity::Warning,
        span: Span::default(),
        message: "no application name: `app` is used in the namespaces below".into(),
        path: Some("application".into()),
        env: None,
        copilot_error: None,
        help: Some("add copilot/.workspace with `application: NAME`, or pass --app NAME".into()),
    });
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

/// Environment manifests: unknown keys and scalar type errors (their endpoints need no decoding).
fn check_environment_keys<'a>(
    file: &'a SourceFile,
    doc: &syntax::Document,
    raws: &mut Vec<Raw<'a>>,
) {
    let Some(root) = doc.root.as_ref() else {
        return;
    };
    let index = LineIndex::new(&file.text);
    let line_of = |offset: usize| index.line(offset);
    let mut checker = keys::Checker::new(doc, keys::environment_table(), &line_of);
    checker.check_map(root, "", "", &[]);
    for u in checker.unknown {
        raws.push(Raw {
            file,
            code: "unknown-key",
            severity: Severity::Warning,
            span: u.span,
            message: format!(
                "`{}` is not a key of an environment manifest: Copilot ignores it",
                u.path
            ),
            path: Some(u.path),
            env: None,
            copilot_error: None,
            help: Some(u.suggestion.map_or_else(
                || "remove it".to_string(),
                |s| format!("did you mean `{s}`?"),
            )),
        });
    }
    for e in checker.errors {
        raws.push(Raw {
            file,
            code: "wrong-type",
            severity: Severity::Error,
            span: e.span,
            message: e.message,
            path: Some(e.path),
            env: None,
            copilot_error: None,
            help: None,
        });
    }
}

fn syntax_raw(file: &SourceFile, e: syntax::SyntaxError) -> Raw<'_> {
    Raw {
        file,
        code: "yaml-syntax",
        severity: Severity::Error,
        span: e.span,
        message: format!("YAML syntax error: {}", e.message),
        path: None,
        env: None,
        copilot_error: None,
        help: Some("Copilot cannot read a file with a syntax error; nothing in it is analysed until it is fixed".into()),
    }
}

fn to_diagnostic(r: Raw<'_>, index: &LineIndex<'_>, unit: ColumnUnit) -> Diagnostic {
    let (line, column) = index.position(r.span.start, unit);
    let (end_line, end_column) = index.position(r.span.end.max(r.span.start), unit);
    Diagnostic {
        code: r.code.to_string(),
        severity: r.severity,
        message: r.message,
        file: r.file.path.clone(),
        line,
        column,
        end_line,
        end_column,
        path: r.path,
        env: r.env,
        copilot_error: r.copilot_error,
        help: r.help,
    }
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
        "too-many-files",
        message,
        Some("analyse the `copilot/` folder only".into()),
    )
}
