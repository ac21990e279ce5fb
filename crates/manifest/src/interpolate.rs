//! `${VAR}` interpolation as Copilot runs it before decoding (spec §3.4): on every string value
//! (never keys, never ints/bools/nulls), with the two predefined variables and the user's shell
//! variables, including the replace-all quirks of escaped `\${VAR}`. A substituted plain scalar
//! stays a string, so a number cannot be injected (`port: ${PORT}` fails as `"8080"` does).

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::Rule;
use crate::syntax::{Document, Node, NodeKind, ResolvedScalar, Scalar, Style, scalar};
use std::collections::BTreeMap;

pub const APP_VAR: &str = "COPILOT_APPLICATION_NAME";
pub const ENV_VAR: &str = "COPILOT_ENVIRONMENT_NAME";

pub struct Vars<'a> {
    pub app: &'a str,
    pub env: &'a str,
    pub user: &'a BTreeMap<String, String>,
}

/// Why a reference could not be substituted (the stage's own value; it leaves as a Diagnostic).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unset {
    Undefined,
    /// The shell defines a predefined variable with another value.
    Overridden,
}

/// An `interpolation` diagnostic for `${name}` in the manifest of the workload in `dir`, with
/// Copilot's complete text. The label's `file` and the diagnostic's `env` are the analysis's.
fn diagnostic(span: Span, name: &str, why: Unset, dir: &str) -> Diagnostic {
    let (message, copilot, help) = match why {
        Unset::Undefined => (
            format!("`${{{name}}}` is not defined"),
            format!("environment variable \"{name}\" is not defined"),
            if name == "COPILOT_SERVICE_NAME" || name == "COPILOT_SERVICE_DISCOVERY_ENDPOINT" {
                format!(
                    "{name} is set inside the running container, not when Copilot reads the manifest: write the value literally (for the upgrade alias, `{dir}.${{COPILOT_ENVIRONMENT_NAME}}.${{COPILOT_APPLICATION_NAME}}.local`), or export it in the shell"
                )
            } else {
                "Copilot predefines only COPILOT_APPLICATION_NAME and COPILOT_ENVIRONMENT_NAME; define other variables in the shell (the playground's settings, or --var KEY=VALUE), or write the value literally".to_string()
            },
        ),
        Unset::Overridden => (
            format!("`{name}` is predefined by Copilot and the shell gives it another value"),
            format!(
                "predefined environment variable \"{name}\" cannot be overridden by OS environment variable with the same name"
            ),
            "unset it in the shell: Copilot sets it to the application or environment being deployed".to_string(),
        ),
    };
    Diagnostic::new(
        Rule::Interpolation,
        Label::new(String::new(), span),
        message,
    )
    .with_copilot_error(format!(
        "interpolate environment variables for {dir} manifest: {copilot}"
    ))
    .with_help(help)
}

/// Whether a file can need interpolation at all (most do not: skip the copy). A JSON array
/// string is converted even without a variable in it.
pub fn needed(text: &str) -> bool {
    text.contains("${") || text.contains('[')
}

fn json_string_array(s: &str) -> Option<Vec<String>> {
    if !s.trim_start().starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(s)
        .ok()
        .filter(|v| !v.is_empty())
}

/// A copy of the document with every string value interpolated, and a diagnostic for each value
/// that could not be; `dir` names the workload in Copilot's error text.
pub fn interpolate(doc: &Document, vars: &Vars<'_>, dir: &str) -> (Document, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let out = doc.map_value_scalars(&mut |node| {
        let span = node.span;
        let NodeKind::Scalar(s) = &mut node.kind else {
            return;
        };
        if scalar::resolve(s) != ResolvedScalar::Str {
            return;
        }
        if s.value.contains("${") {
            match substitute(&s.value, vars) {
                Ok(v) if v != s.value => {
                    s.value = v;
                    if s.style == Style::Plain {
                        s.style = Style::DoubleQuoted;
                    }
                }
                Ok(_) => {}
                Err((name, why)) => {
                    errors.push(diagnostic(span, &name, why, dir));
                    return;
                }
            }
        }
        // v1.29.0+: a string holding a JSON array of strings becomes a list (not in `|` blocks).
        if s.style != Style::Literal
            && let Some(items) = json_string_array(&s.value)
        {
            let item = |value: String| Node {
                kind: NodeKind::Scalar(Scalar {
                    value,
                    style: Style::DoubleQuoted,
                    tag: None,
                }),
                span,
            };
            node.kind = NodeKind::Seq(items.into_iter().map(item).collect());
        }
    });
    (out, errors)
}

/// One `\?${NAME}` reference in a string.
struct Reference<'s> {
    escaped: bool,
    name: &'s str,
}

fn references(s: &str) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut prev_backslash = false;
    while let Some(i) = rest.find("${") {
        let escaped = rest
            .get(..i)
            .map_or(prev_backslash && i == 0, |b| b.ends_with('\\'));
        let after = rest.get(i + 2..).unwrap_or("");
        let name_len = after
            .char_indices()
            .find(|&(j, c)| !(c == '_' || c.is_ascii_alphabetic() || (j > 0 && c.is_ascii_digit())))
            .map_or(after.len(), |(j, _)| j);
        let name = after.get(..name_len).unwrap_or("");
        if !name.is_empty() && after.get(name_len..).is_some_and(|t| t.starts_with('}')) {
            out.push(Reference { escaped, name });
            rest = after.get(name_len + 1..).unwrap_or("");
            prev_backslash = false;
        } else {
            prev_backslash = rest.get(..i + 1).is_some_and(|b| b.ends_with('\\'));
            rest = rest.get(i + 2..).unwrap_or("");
        }
    }
    out
}

fn substitute(s: &str, vars: &Vars<'_>) -> Result<String, (String, Unset)> {
    let mut working = s.to_string();
    for r in references(s) {
        let token = format!("${{{}}}", r.name);
        if r.escaped {
            working = working.replace(&format!("\\{token}"), &token);
            continue;
        }
        let predefined = match r.name {
            APP_VAR => Some(vars.app),
            ENV_VAR => Some(vars.env),
            _ => None,
        };
        let value = match (predefined, vars.user.get(r.name)) {
            (Some(p), Some(shell)) if shell != p => {
                return Err((r.name.to_string(), Unset::Overridden));
            }
            (Some(p), _) => p.to_string(),
            (None, Some(v)) => v.clone(),
            (None, None) => return Err((r.name.to_string(), Unset::Undefined)),
        };
        working = working.replace(&token, &value);
    }
    Ok(working)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, user: &[(&str, &str)]) -> Result<String, (String, Unset)> {
        let user: BTreeMap<String, String> = user
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        substitute(
            s,
            &Vars {
                app: "kudos",
                env: "test",
                user: &user,
            },
        )
    }

    #[test]
    fn predefined_and_user_variables() {
        assert_eq!(
            run(
                "${COPILOT_ENVIRONMENT_NAME}.${COPILOT_APPLICATION_NAME}.local",
                &[]
            ),
            Ok("test.kudos.local".into())
        );
        assert_eq!(run("${X}", &[("X", "")]), Ok(String::new()));
        assert_eq!(
            run("${COPILOT_SERVICE_NAME}", &[]),
            Err(("COPILOT_SERVICE_NAME".into(), Unset::Undefined))
        );
        assert_eq!(
            run(
                "${COPILOT_ENVIRONMENT_NAME}",
                &[("COPILOT_ENVIRONMENT_NAME", "prod")]
            )
            .map_err(|e| e.1),
            Err(Unset::Overridden)
        );
        assert_eq!(
            run(
                "${COPILOT_ENVIRONMENT_NAME}",
                &[("COPILOT_ENVIRONMENT_NAME", "test")]
            ),
            Ok("test".into())
        );
    }

    #[test]
    fn shapes_that_are_not_references() {
        for s in ["$X", "${ X}", "${X-1}", "${0abc}", "${repo-provider}"] {
            assert_eq!(run(s, &[]), Ok(s.to_string()));
        }
        assert_eq!(run("$${X}", &[("X", "v")]), Ok("$v".into()));
    }

    #[test]
    fn replace_all_quirks() {
        assert_eq!(run("\\${X}${X}", &[("X", "V")]), Ok("VV".into()));
        assert_eq!(run("${X}\\${X}", &[("X", "V")]), Ok("V\\V".into()));
        assert_eq!(run("\\${X}", &[]), Ok("${X}".into()));
    }
}
