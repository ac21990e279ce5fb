//! The pipeline of design.md §2, run over a whole workspace: parse every file, decode each
//! workload, then per environment merge its overrides, validate and compute the network.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::merge::merge_override;
use crate::model::{Config, DecodeError, DecodeErrorKind, Decoder, WorkloadType};
use crate::network::{self, Endpoints, Workload};
use crate::report::{EnvironmentReport, REPORT_VERSION, Report};
use crate::syntax::{self, Document, LineIndex, Node};
use crate::validate::{self, Subject};
use crate::workspace::{ColumnUnit, FileKind, SourceFile, Workspace};
use std::collections::BTreeSet;

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

/// One parsed workload manifest.
struct Service<'a> {
    file: &'a SourceFile,
    name: String,
    name_present: bool,
    ty: WorkloadType,
    doc: Document,
    root: Node,
    type_span: Span,
    /// Copilot stops at a decode error, so the semantic rules never see this manifest.
    decode_failed: bool,
}

pub fn analyze(ws: &Workspace) -> Report {
    let mut raws: Vec<Raw<'_>> = Vec::new();
    let app = app_name(ws, &mut raws);
    let env_names = environment_names(ws);

    let mut services: Vec<Service<'_>> = Vec::new();
    let mut override_envs: BTreeSet<String> = BTreeSet::new();
    for file in &ws.files {
        match file.kind() {
            FileKind::Workload { name } => {
                if let Some(svc) = load_service(file, name, &mut raws) {
                    override_envs.extend(override_names(&svc));
                    services.push(svc);
                }
            }
            FileKind::Environment { .. } => {
                if let Err(e) = syntax::parse(&file.text) {
                    raws.push(syntax_raw(file, e));
                }
            }
            FileKind::WorkspaceSummary | FileKind::Other => {}
        }
    }
    services.sort_by(|a, b| a.name.cmp(&b.name));

    let envs: Vec<String> = if env_names.is_empty() {
        override_envs.into_iter().collect()
    } else {
        env_names
    };
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
        let configs: Vec<Config> = services.iter().map(|s| effective_config(s, env)).collect();
        let mut endpoints: Vec<Endpoints> = Vec::new();
        for (svc, config) in services.iter().zip(&configs) {
            let subject = Subject {
                ty: svc.ty,
                config,
                name_present: svc.name_present,
                anchor: svc.type_span,
            };
            let found = if svc.decode_failed {
                Vec::new()
            } else {
                validate::validate(&subject)
            };
            for f in found {
                findings.push(Raw {
                    file: svc.file,
                    code: f.code,
                    severity: f.severity,
                    span: f.span,
                    message: f.message,
                    path: Some(f.path.to_string()),
                    env: Some(env.clone()),
                    copilot_error: f
                        .copilot
                        .map(|c| format!("validate manifest against environment \"{env}\": {c}")),
                    help: f.help.map(str::to_string),
                });
            }
            let workload = Workload {
                name: &svc.name,
                ty: svc.ty,
                manifest_path: &svc.file.path,
                config,
            };
            endpoints.push(network::endpoints(&workload, &namespace));
        }
        let reachability = network::reachability(&endpoints);
        environments.push(EnvironmentReport {
            name: env.clone(),
            namespace,
            legacy_namespace: legacy,
            services: endpoints.into_iter().map(|e| e.report).collect(),
            reachability,
        });
        per_env.push(findings);
    }
    raws.extend(fold_environments(per_env, envs.len()));

    let mut diagnostics: Vec<Diagnostic> = raws
        .into_iter()
        .map(|r| to_diagnostic(r, ws.column_unit))
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
    Report {
        version: REPORT_VERSION,
        app,
        diagnostics,
        environments,
    }
}

static EMPTY_FILE: SourceFile = SourceFile {
    path: String::new(),
    text: String::new(),
};

/// A finding that every environment reports identically is reported once, with `env: null`.
fn fold_environments(per_env: Vec<Vec<Raw<'_>>>, env_count: usize) -> Vec<Raw<'_>> {
    let mut out: Vec<Raw<'_>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut rest: Vec<Raw<'_>> = Vec::new();
    for raw in per_env.into_iter().flatten() {
        let same = |o: &Raw<'_>| {
            o.code == raw.code
                && o.file.path == raw.file.path
                && o.span == raw.span
                && o.message == raw.message
        };
        match out.iter().position(same) {
            Some(i) => {
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
                rest.push(raw);
            }
            None => {
                out.push(raw);
                counts.push(1);
            }
        }
    }
    let mut folded = Vec::new();
    for (raw, count) in out.into_iter().zip(counts) {
        if count == env_count && env_count > 1 {
            folded.push(Raw { env: None, ..raw });
        } else {
            folded.push(raw);
        }
    }
    // The duplicates of a finding that was not folded keep their own environment.
    for raw in rest {
        let folded_away = folded.iter().any(|f| {
            f.env.is_none()
                && f.code == raw.code
                && f.file.path == raw.file.path
                && f.span == raw.span
                && f.message == raw.message
        });
        if !folded_away {
            folded.push(raw);
        }
    }
    folded
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

fn environment_names(ws: &Workspace) -> Vec<String> {
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
    names.into_iter().collect()
}

fn override_names(svc: &Service<'_>) -> Vec<String> {
    svc.doc
        .get(&svc.root, "environments")
        .and_then(|e| svc.doc.resolve(&e.value))
        .and_then(Node::entries)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| svc.doc.resolve(&e.key).and_then(Node::text))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
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

fn load_service<'a>(
    file: &'a SourceFile,
    dir: &'a str,
    raws: &mut Vec<Raw<'a>>,
) -> Option<Service<'a>> {
    let doc = match syntax::parse(&file.text) {
        Ok(doc) => doc,
        Err(e) => {
            raws.push(syntax_raw(file, e));
            return None;
        }
    };
    let index = LineIndex::new(&file.text);
    let line_of = |offset: usize| index.line(offset);
    let unmarshal_prefix = format!("unmarshal service {dir} manifest: ");
    let root = match doc.root.as_ref().and_then(|r| doc.resolve(r)) {
        Some(root) if root.entries().is_some() => root.clone(),
        _ => {
            raws.push(Raw {
                file,
                code: "manifest-not-a-map",
                severity: Severity::Error,
                span: doc.root.as_ref().map_or(Span::default(), |r| r.span),
                message: "a manifest must be a YAML mapping with at least `name` and `type`".into(),
                path: None,
                env: None,
                copilot_error: Some(format!("{unmarshal_prefix}invalid manifest type: ")),
                help: None,
            });
            return None;
        }
    };

    let type_entry = doc.get(&root, "type");
    let type_text = type_entry
        .and_then(|e| doc.resolve_scalar(&e.value))
        .map(|(_, s)| s.value.clone());
    let type_span = type_entry.map_or(Span::new(root.span.start, root.span.start), |e| {
        e.value.span
    });
    let Some(ty) = type_text.as_deref().and_then(WorkloadType::parse) else {
        let shown = type_text.clone().unwrap_or_default();
        let suggestion = type_text.as_deref().and_then(closest_type);
        raws.push(Raw {
            file,
            code: "invalid-type",
            severity: Severity::Error,
            span: type_span,
            message: if type_entry.is_some() {
                format!("`{shown}` is not a workload type")
            } else {
                "the manifest has no `type`".into()
            },
            path: Some("type".into()),
            env: None,
            copilot_error: Some(format!("{unmarshal_prefix}invalid manifest type: {shown}")),
            help: Some(match suggestion {
                Some(t) => format!("did you mean `{}`?", t.as_str()),
                None => format!(
                    "use one of: {}",
                    WorkloadType::ALL
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        });
        return None;
    };

    let mut decoder = Decoder::new(&doc, &line_of);
    let name_entry = doc.get(&root, "name");
    let name = name_entry.and_then(|e| decoder.string(e, "name"));
    decoder.config(&root, ty, "");
    if let Some(envs) = doc.get(&root, "environments")
        && !doc.is_null(&envs.value)
    {
        match doc.resolve(&envs.value).and_then(Node::entries) {
            Some(blocks) => {
                for block in blocks {
                    let Some(env) = doc.resolve(&block.key).and_then(Node::text) else {
                        continue;
                    };
                    if doc.is_null(&block.value) {
                        if matches!(
                            ty,
                            WorkloadType::RequestDrivenWebService | WorkloadType::ScheduledJob
                        ) {
                            raws.push(Raw {
                                file,
                                code: "null-override-block",
                                severity: Severity::Warning,
                                span: block.key.span,
                                message: format!("`environments.{env}` is empty: Copilot crashes on an empty override block for a {}", ty.as_str()),
                                path: Some(format!("environments.{env}")),
                                env: None,
                                copilot_error: None,
                                help: Some("remove the empty block or give it at least one key".into()),
                            });
                        }
                        continue;
                    }
                    decoder.config(&block.value, ty, &format!("environments.{env}."));
                }
            }
            None => decoder.errors.push(DecodeError {
                span: envs.value.span,
                path: "environments".into(),
                message: "`environments` must be a map of environment names to overrides".into(),
                kind: DecodeErrorKind::Type {
                    line_text: format!(
                        "line {}: cannot unmarshal !!{} into map[string]*manifest.{}Config",
                        line_of(envs.value.span.start),
                        if doc.resolve(&envs.value).and_then(Node::scalar).is_some() {
                            "str"
                        } else {
                            "seq"
                        },
                        ty.as_str().replace([' ', '-'], "")
                    ),
                },
            }),
        }
    }
    let decode_failed = !decoder.errors.is_empty();
    for e in std::mem::take(&mut decoder.errors) {
        let detail = match &e.kind {
            DecodeErrorKind::Type { line_text } | DecodeErrorKind::Duplicate { line_text } => {
                format!("yaml: unmarshal errors:\n  {line_text}")
            }
            DecodeErrorKind::Union { copilot } => copilot.clone(),
        };
        raws.push(Raw {
            file,
            code: match e.kind {
                DecodeErrorKind::Type { .. } => "wrong-type",
                DecodeErrorKind::Union { .. } => "invalid-union",
                DecodeErrorKind::Duplicate { .. } => "duplicate-key",
            },
            severity: Severity::Error,
            span: e.span,
            message: e.message,
            path: Some(e.path),
            env: None,
            copilot_error: Some(format!(
                "{unmarshal_prefix}unmarshal manifest for {}: {detail}",
                ty.as_str()
            )),
            help: None,
        });
    }

    Some(Service {
        file,
        name: name
            .as_ref()
            .map_or_else(|| dir.to_string(), |n| n.value.clone()),
        name_present: name.is_some(),
        ty,
        doc,
        root,
        type_span,
        decode_failed,
    })
}

/// The typed manifest of a service in one environment, after its override block is merged.
fn effective_config(svc: &Service<'_>, env: &str) -> Config {
    let doc = &svc.doc;
    let block = doc
        .get(&svc.root, "environments")
        .and_then(|e| doc.resolve(&e.value))
        .and_then(|envs| doc.get(envs, env))
        .filter(|b| !doc.is_null(&b.value));
    let no_lines = |_: usize| 0;
    let mut decoder = Decoder::new(doc, &no_lines);
    match block {
        Some(block) => decoder.config(&merge_override(doc, &svc.root, &block.value), svc.ty, ""),
        None => decoder.config(&svc.root, svc.ty, ""),
    }
}

/// The workload type a mistyped `type` most likely meant (case or spacing slips).
fn closest_type(text: &str) -> Option<WorkloadType> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let wanted = norm(text);
    WorkloadType::ALL.into_iter().find(|t| {
        norm(t.as_str()) == wanted || (wanted.len() >= 4 && norm(t.as_str()).starts_with(&wanted))
    })
}

fn to_diagnostic(r: Raw<'_>, unit: ColumnUnit) -> Diagnostic {
    let index = LineIndex::new(&r.file.text);
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
