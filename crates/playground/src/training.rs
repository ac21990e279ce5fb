//! Training mode: exercises that start from a workspace with something to fix or add, and checks
//! on the Report that say when it is done. The exercises are our own text in `web/training/`
//! (`NN-slug/exercise.json` and `NN-slug/start/copilot/…`), embedded by `build.rs`; their
//! solutions stay on disk for the tests.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use copilot_manifest::{EnvironmentReport, Report, ServiceReport, Severity, SourceFile, Via};
use serde_json::{Map, Value};

/// One exercise, as `exercise.json` describes it.
///
/// Read through `serde_json::Value` by hand rather than with derived deserializers: the app
/// already links `Value`'s, and a derived one for the tagged `Check` enum alone added about
/// 24 KB of wasm (measured with a name-keeping wasm-opt build), against a tight size budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// The directory name (`01-join-service-connect`), not part of the JSON.
    pub slug: String,
    pub title: String,
    /// One or two sentences: what to achieve.
    pub goal: String,
    /// Progressive hints, the last one close to the answer.
    pub hints: Vec<String>,
    /// The environment the playground shows when the exercise opens.
    pub env: String,
    pub checks: Vec<Check>,
    files: crate::examples::Files,
}

/// A condition on the Report, tagged by `kind` (snake_case) in the JSON. Every check carries a
/// short user-facing `label`; unknown kinds and unknown fields are errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// `from` reaches `to` in `env` through `via` (and at `url`, when given).
    Reaches {
        label: String,
        env: String,
        from: String,
        to: String,
        via: Via,
        url: Option<String>,
    },
    /// `from` has no path to `to` in `env` (both services exist).
    Unreachable {
        label: String,
        env: String,
        from: String,
        to: String,
    },
    /// One endpoint value of `service` in `env` equals `equals`.
    Endpoint {
        label: String,
        env: String,
        service: String,
        field: EndpointField,
        equals: String,
    },
    /// An injected environment variable of `service` in `env` equals `equals`.
    EnvVar {
        label: String,
        env: String,
        service: String,
        name: String,
        equals: String,
    },
    /// No error-severity diagnostic: Copilot would accept every manifest.
    NoErrors { label: String },
    /// No diagnostic with this code, in any environment.
    NoDiagnostic { label: String, code: String },
    /// At least one diagnostic with this code.
    HasDiagnostic { label: String, code: String },
}

/// Which endpoint value an `endpoint` check reads (snake_case in the JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointField {
    /// The Service Connect alias the service publishes.
    ScAlias,
    /// The Service Connect URL (`http://api:8080`).
    ScUrl,
    /// The Service Discovery DNS name (`api.test.kudos.local`).
    SdName,
    /// The Service Discovery URL (`http://api.test.kudos.local:8080`).
    SdUrl,
}

impl EndpointField {
    fn describe(self) -> &'static str {
        match self {
            EndpointField::ScAlias => "Service Connect alias",
            EndpointField::ScUrl => "Service Connect URL",
            EndpointField::SdName => "Service Discovery name",
            EndpointField::SdUrl => "Service Discovery URL",
        }
    }
}

impl Check {
    pub fn label(&self) -> &str {
        match self {
            Check::Reaches { label, .. }
            | Check::Unreachable { label, .. }
            | Check::Endpoint { label, .. }
            | Check::EnvVar { label, .. }
            | Check::NoErrors { label }
            | Check::NoDiagnostic { label, .. }
            | Check::HasDiagnostic { label, .. } => label,
        }
    }
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    pub label: String,
    pub passed: bool,
    /// When failing: what was found instead.
    pub detail: Option<String>,
}

impl Exercise {
    /// The workspace the exercise starts from, in the file list's order.
    pub fn start_files(&self) -> Vec<SourceFile> {
        crate::examples::source_files(self.files)
    }

    /// Reads one `exercise.json`; `slug` names its directory.
    pub fn parse(slug: &str, json: &str) -> Result<Exercise, String> {
        let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut o = Fields::new(&value, "the exercise")?;
        let hints = o
            .take("hints")?
            .as_array()
            .ok_or("`hints` must be a list")?
            .iter()
            .map(|h| h.as_str().map(str::to_owned).ok_or("a hint must be text"))
            .collect::<Result<_, _>>()?;
        let checks = o
            .take("checks")?
            .as_array()
            .ok_or("`checks` must be a list")?
            .iter()
            .map(Check::parse)
            .collect::<Result<_, _>>()?;
        let exercise = Exercise {
            slug: slug.to_owned(),
            title: o.text("title")?,
            goal: o.text("goal")?,
            env: o.text("env")?,
            hints,
            checks,
            files: &[],
        };
        o.done()?;
        Ok(exercise)
    }
}

/// The fields of one JSON object, taken one by one; `done` rejects any left over.
struct Fields {
    what: String,
    map: Map<String, Value>,
}

impl Fields {
    fn new(value: &Value, what: &str) -> Result<Self, String> {
        let map = value
            .as_object()
            .cloned()
            .ok_or_else(|| format!("{what} must be an object"))?;
        Ok(Self {
            what: what.to_owned(),
            map,
        })
    }

    fn take(&mut self, key: &str) -> Result<Value, String> {
        self.map
            .remove(key)
            .ok_or_else(|| format!("{}: missing field `{key}`", self.what))
    }

    fn text(&mut self, key: &str) -> Result<String, String> {
        match self.take(key)? {
            Value::String(s) => Ok(s),
            _ => Err(format!("{}: `{key}` must be text", self.what)),
        }
    }

    fn optional_text(&mut self, key: &str) -> Result<Option<String>, String> {
        if self.map.contains_key(key) {
            self.text(key).map(Some)
        } else {
            Ok(None)
        }
    }

    fn done(self) -> Result<(), String> {
        match self.map.keys().next() {
            Some(key) => Err(format!("{}: unknown field `{key}`", self.what)),
            None => Ok(()),
        }
    }
}

impl Check {
    fn parse(value: &Value) -> Result<Check, String> {
        let mut o = Fields::new(value, "a check")?;
        let kind = o.text("kind")?;
        o.what = format!("a `{kind}` check");
        let label = o.text("label")?;
        let check = match kind.as_str() {
            "reaches" => Check::Reaches {
                label,
                env: o.text("env")?,
                from: o.text("from")?,
                to: o.text("to")?,
                via: match o.text("via")?.as_str() {
                    "service-connect" => Via::ServiceConnect,
                    "service-discovery" => Via::ServiceDiscovery,
                    other => return Err(format!("unknown `via` {other:?}")),
                },
                url: o.optional_text("url")?,
            },
            "unreachable" => Check::Unreachable {
                label,
                env: o.text("env")?,
                from: o.text("from")?,
                to: o.text("to")?,
            },
            "endpoint" => Check::Endpoint {
                label,
                env: o.text("env")?,
                service: o.text("service")?,
                field: match o.text("field")?.as_str() {
                    "sc_alias" => EndpointField::ScAlias,
                    "sc_url" => EndpointField::ScUrl,
                    "sd_name" => EndpointField::SdName,
                    "sd_url" => EndpointField::SdUrl,
                    other => return Err(format!("unknown endpoint `field` {other:?}")),
                },
                equals: o.text("equals")?,
            },
            "env_var" => Check::EnvVar {
                label,
                env: o.text("env")?,
                service: o.text("service")?,
                name: o.text("name")?,
                equals: o.text("equals")?,
            },
            "no_errors" => Check::NoErrors { label },
            "no_diagnostic" => Check::NoDiagnostic {
                label,
                code: o.text("code")?,
            },
            "has_diagnostic" => Check::HasDiagnostic {
                label,
                code: o.text("code")?,
            },
            other => return Err(format!("unknown check kind {other:?}")),
        };
        o.done()?;
        Ok(check)
    }
}

/// Every embedded exercise, in order. One whose JSON does not parse is left out (the catalog test
/// proves that none is).
pub fn exercises() -> Vec<Exercise> {
    crate::examples::EXERCISES
        .iter()
        .filter_map(|(slug, json, files)| {
            let mut exercise = Exercise::parse(slug, json).ok()?;
            exercise.files = files;
            Some(exercise)
        })
        .collect()
}

pub fn find(slug: &str) -> Option<Exercise> {
    exercises().into_iter().find(|e| e.slug == slug)
}

/// Every check of the exercise against the Report of the current workspace.
pub fn evaluate(ex: &Exercise, report: &Report) -> Vec<CheckResult> {
    ex.checks
        .iter()
        .map(|check| {
            let detail = failure(check, report).err();
            CheckResult {
                label: check.label().to_owned(),
                passed: detail.is_none(),
                detail,
            }
        })
        .collect()
}

/// Solved when there are results and every one passed.
pub fn solved(results: &[CheckResult]) -> bool {
    !results.is_empty() && results.iter().all(|r| r.passed)
}

/// `Ok` when the check holds, else what was found instead.
fn failure(check: &Check, report: &Report) -> Result<(), String> {
    match check {
        Check::Reaches {
            env,
            from,
            to,
            via,
            url,
            ..
        } => {
            let environment = environment(report, env)?;
            let pair = pair(environment, from, to)?;
            let Some(found) = pair.via else {
                return Err(no_path(from, to, env, pair.reason));
            };
            let at = pair.url.unwrap_or("no URL");
            if found != *via {
                return Err(format!(
                    "{from} reaches {to} through {} at {at} (expected {})",
                    via_name(found),
                    via_name(*via)
                ));
            }
            match url {
                Some(expected) if pair.url != Some(expected.as_str()) => {
                    Err(format!("{from} reaches {to} at {at} (expected {expected})"))
                }
                _ => Ok(()),
            }
        }
        Check::Unreachable { env, from, to, .. } => {
            let environment = environment(report, env)?;
            let pair = pair(environment, from, to)?;
            match pair.via {
                None => Ok(()),
                Some(found) => Err(format!(
                    "{from} reaches {to} through {} at {}",
                    via_name(found),
                    pair.url.unwrap_or("no URL")
                )),
            }
        }
        Check::Endpoint {
            env,
            service,
            field,
            equals,
            ..
        } => {
            let environment = environment(report, env)?;
            let svc = service_report(environment, service)?;
            let sc = svc.service_connect.as_ref();
            let sd = &svc.service_discovery;
            let value = match field {
                EndpointField::ScAlias => sc.and_then(|s| s.alias.as_deref()),
                EndpointField::ScUrl => sc.and_then(|s| s.url.as_deref()),
                EndpointField::SdName => sd.dns_name.as_deref(),
                EndpointField::SdUrl => sd.url.as_deref(),
            };
            match value {
                Some(v) if v == equals => Ok(()),
                Some(v) => Err(format!(
                    "{service}'s {} is {v} (expected {equals})",
                    field.describe()
                )),
                None => Err(missing_endpoint(svc, *field, env)),
            }
        }
        Check::EnvVar {
            env,
            service,
            name,
            equals,
            ..
        } => {
            let environment = environment(report, env)?;
            let svc = service_report(environment, service)?;
            match svc.env_vars.get(name) {
                Some(v) if v == equals => Ok(()),
                Some(v) => Err(format!("{service} gets {name}={v} (expected {equals})")),
                None => Err(format!("{service} gets no {name} in {env}")),
            }
        }
        Check::NoErrors { .. } => {
            let errors: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            match errors.first() {
                None => Ok(()),
                Some(first) => {
                    let count = match errors.len() {
                        1 => "1 error".to_owned(),
                        n => format!("{n} errors"),
                    };
                    Err(format!(
                        "{count}, the first in {}:{}: {}",
                        first.file(),
                        first.line(),
                        first.message
                    ))
                }
            }
        }
        Check::NoDiagnostic { code, .. } => {
            match report.diagnostics.iter().find(|d| d.code() == *code) {
                None => Ok(()),
                Some(d) => Err(format!(
                    "{code} in {}:{}: {}",
                    d.file(),
                    d.line(),
                    d.message
                )),
            }
        }
        Check::HasDiagnostic { code, .. } => {
            if report.diagnostics.iter().any(|d| d.code() == *code) {
                Ok(())
            } else {
                Err(format!("no {code} finding"))
            }
        }
    }
}

fn environment<'a>(report: &'a Report, env: &str) -> Result<&'a EnvironmentReport, String> {
    report
        .environments
        .iter()
        .find(|e| e.name == env)
        .ok_or_else(|| format!("there is no environment {env}"))
}

fn service_report<'a>(env: &'a EnvironmentReport, name: &str) -> Result<&'a ServiceReport, String> {
    env.services
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| format!("there is no service {name} in {}", env.name))
}

fn pair<'a>(
    env: &'a EnvironmentReport,
    from: &str,
    to: &str,
) -> Result<crate::model::Route<'a>, String> {
    service_report(env, from)?;
    service_report(env, to)?;
    crate::model::routes(env)
        .into_iter()
        .find(|r| r.from == from && r.to == to)
        .ok_or_else(|| format!("{from} has no route to {to} in {}", env.name))
}

fn no_path(from: &str, to: &str, env: &str, reason: Option<&str>) -> String {
    match reason {
        Some(reason) => format!("{from} cannot reach {to} in {env}: {reason}"),
        None => format!("{from} cannot reach {to} in {env}"),
    }
}

fn missing_endpoint(svc: &ServiceReport, field: EndpointField, env: &str) -> String {
    let name = &svc.name;
    match field {
        EndpointField::ScAlias | EndpointField::ScUrl => match &svc.service_connect {
            None => format!("{name} has Service Connect off in {env}"),
            Some(_) => format!(
                "{name} is a Service Connect client only in {env}: it exposes no port, so it publishes no alias"
            ),
        },
        EndpointField::SdName | EndpointField::SdUrl => {
            format!("{name} is not registered in Service Discovery in {env}")
        }
    }
}

fn via_name(via: Via) -> &'static str {
    match via {
        Via::ServiceConnect => "Service Connect",
        Via::ServiceDiscovery => "Service Discovery",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_manifest::{Workspace, analyze};

    fn exercise(checks: &str) -> Exercise {
        let json = format!(
            r#"{{"title": "t", "goal": "g", "hints": ["a", "b"], "env": "test", "checks": {checks}}}"#
        );
        match Exercise::parse("00-test", &json) {
            Ok(ex) => ex,
            Err(e) => unreachable!("{e}"),
        }
    }

    fn kudos_report(api_port: &str) -> Report {
        let mut files = crate::examples::kudos();
        for f in &mut files {
            f.text = f.text.replace("port: 80", &format!("port: {api_port}"));
        }
        analyze(&Workspace {
            files,
            ..Workspace::default()
        })
    }

    #[test]
    fn parses_every_kind() {
        let ex = exercise(
            r#"[
              {"kind": "reaches", "label": "r", "env": "test", "from": "a", "to": "b", "via": "service-connect", "url": "http://b"},
              {"kind": "reaches", "label": "r2", "env": "test", "from": "a", "to": "b", "via": "service-discovery"},
              {"kind": "unreachable", "label": "u", "env": "test", "from": "a", "to": "b"},
              {"kind": "endpoint", "label": "e", "env": "test", "service": "b", "field": "sd_url", "equals": "x"},
              {"kind": "env_var", "label": "v", "env": "test", "service": "b", "name": "N", "equals": "x"},
              {"kind": "no_errors", "label": "n"},
              {"kind": "no_diagnostic", "label": "d", "code": "c"},
              {"kind": "has_diagnostic", "label": "h", "code": "c"}
            ]"#,
        );
        assert_eq!(ex.slug, "00-test");
        let labels: Vec<&str> = ex.checks.iter().map(Check::label).collect();
        assert_eq!(labels, ["r", "r2", "u", "e", "v", "n", "d", "h"]);
        assert!(
            Exercise::parse("x", r#"{"title":"t","goal":"g","hints":[],"env":"test","checks":[{"kind":"no_errors"}]}"#)
                .is_err(),
            "a check without a label"
        );
        assert!(
            Exercise::parse("x", r#"{"title":"t","goal":"g","hints":[],"env":"test","checks":[{"kind":"nope","label":"l"}]}"#)
                .is_err()
        );
    }

    #[test]
    fn details_say_what_was_found() {
        let ex = exercise(
            r#"[
              {"kind": "reaches", "label": "r", "env": "test", "from": "front-end", "to": "api", "via": "service-connect", "url": "http://api:8080"},
              {"kind": "reaches", "label": "sd", "env": "test", "from": "front-end", "to": "api", "via": "service-discovery"},
              {"kind": "unreachable", "label": "u", "env": "test", "from": "front-end", "to": "api"},
              {"kind": "endpoint", "label": "e", "env": "test", "service": "api", "field": "sc_url", "equals": "http://api:8080"},
              {"kind": "env_var", "label": "v", "env": "test", "service": "api", "name": "COPILOT_SERVICE_DISCOVERY_ENDPOINT", "equals": "kudos.local"},
              {"kind": "no_errors", "label": "n"},
              {"kind": "has_diagnostic", "label": "h", "code": "wrong-type"},
              {"kind": "reaches", "label": "p", "env": "prod", "from": "front-end", "to": "api", "via": "service-connect"},
              {"kind": "reaches", "label": "s", "env": "test", "from": "web", "to": "api", "via": "service-connect"}
            ]"#,
        );
        let results = evaluate(&ex, &kudos_report("80"));
        let details: Vec<Option<&str>> = results.iter().map(|r| r.detail.as_deref()).collect();
        assert_eq!(
            details,
            [
                Some("front-end reaches api at http://api (expected http://api:8080)"),
                Some(
                    "front-end reaches api through Service Connect at http://api (expected Service Discovery)"
                ),
                Some("front-end reaches api through Service Connect at http://api"),
                Some("api's Service Connect URL is http://api (expected http://api:8080)"),
                Some(
                    "api gets COPILOT_SERVICE_DISCOVERY_ENDPOINT=test.kudos.local (expected kudos.local)"
                ),
                None,
                Some("no wrong-type finding"),
                Some("there is no environment prod"),
                Some("there is no service web in test"),
            ]
        );
        assert!(results.iter().all(|r| r.passed == r.detail.is_none()));
        assert!(!solved(&results));

        let results = evaluate(&ex, &kudos_report("\"8080\""));
        let no_errors = results
            .iter()
            .find(|r| r.label == "n")
            .map(|r| r.detail.as_deref());
        assert!(
            matches!(no_errors, Some(Some(d)) if d.starts_with("2 errors, the first in copilot/")),
            "{no_errors:?}"
        );
        assert!(results.iter().any(|r| r.label == "h" && r.passed));
    }

    #[test]
    fn solved_needs_every_check() {
        let ex = exercise(
            r#"[
              {"kind": "reaches", "label": "r", "env": "test", "from": "front-end", "to": "api", "via": "service-connect", "url": "http://api:8080"},
              {"kind": "no_errors", "label": "n"}
            ]"#,
        );
        assert!(solved(&evaluate(&ex, &kudos_report("8080"))));
        assert!(!solved(&evaluate(&ex, &kudos_report("80"))));
        assert!(!solved(&[]));
    }
}
