//! One environment manifest through Copilot's `env deploy` steps: interpolated for its own
//! environment (`COPILOT_ENVIRONMENT_NAME` is its directory name), decoded into
//! `manifest.Environment` (`model::env`), key-checked, then validated (`validate::env`). Copilot
//! stops at the first failing step, so a later step runs only when the earlier ones passed.
//!
//! Its diagnostics carry `env: None`: the file is its environment's own, and the playground
//! shows them whichever environment is selected. They do not stop the services' analysis:
//! `svc deploy` does not read the environment manifest (`env deploy` does), so the endpoints
//! and the CloudFormation panes keep working while it has errors.

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::interpolate::{self, Vars};
use crate::model::env::EnvDecoder;
use crate::model::{Manifest, keys};
use crate::rules::Rule;
use crate::syntax::{self, LineIndex};
use crate::workspace::SourceFile;
use std::collections::BTreeMap;

pub(super) fn check(
    file: &SourceFile,
    name: &str,
    app: &str,
    user: &BTreeMap<String, String>,
    out: &mut Vec<Diagnostic>,
) {
    let parsed = match syntax::parse(&file.text) {
        Ok(doc) => doc,
        Err(mut d) => {
            // Copilot's interpolator is the first to parse the file (`env deploy`).
            d.copilot_error = d.copilot_error.map(|t| {
                format!(
                    "interpolate environment variables for \"{name}\" manifest: unmarshal YAML template: {t}"
                )
            });
            out.push(d.with_file(&file.path));
            return;
        }
    };
    if parsed.expanded_size(syntax::MAX_EXPANDED_NODES) >= syntax::MAX_EXPANDED_NODES {
        let at = parsed
            .root
            .as_ref()
            .map_or(Span::default(), |r| Span::new(r.span.start, r.span.start));
        out.push(
            Diagnostic::new(
                Rule::YamlExcessiveAliasing,
                Label::new(&file.path, at),
                format!(
                    "its aliases expand to more than {} nodes: a billion-laughs document is not analysed",
                    syntax::MAX_EXPANDED_NODES
                ),
            )
            .with_help("yaml.v3 refuses documents with excessive aliasing; use fewer nested aliases"),
        );
        return;
    }
    // Lines are needed only for the texts of errors (yaml.v3's `line N:`): index lazily.
    let index = std::cell::OnceCell::new();
    let lines = std::cell::OnceCell::new();
    let line_of = |offset: usize| {
        let line = index
            .get_or_init(|| LineIndex::new(&file.text))
            .line(offset);
        lines
            .get_or_init(|| syntax::CopilotLines::new(&file.text))
            .line(line)
    };
    // Keys are never interpolated: unknown keys are warned about even when a variable fails.
    if let Some(root) = parsed.root.as_ref() {
        let mut checker = keys::Checker::new(&parsed, Manifest::Environment { name }, &line_of);
        checker.check_map(root, "", "", &[]);
        // The typed decoder below reports type errors, with their Go types.
        out.extend(checker.unknown.into_iter().map(|d| d.with_file(&file.path)));
    }
    let interpolated;
    let doc = if interpolate::needed(&file.text) {
        let vars = Vars {
            app,
            env: name,
            user,
        };
        let (doc, errors) = interpolate::interpolate(&parsed, &vars, &format!("\"{name}\""));
        if !errors.is_empty() {
            out.extend(errors.into_iter().map(|d| d.with_file(&file.path)));
            return;
        }
        interpolated = doc;
        &interpolated
    } else {
        &parsed
    };
    let (config, errors) = EnvDecoder::new(doc, name, &line_of).decode();
    if !errors.is_empty() {
        out.extend(errors.into_iter().map(|d| d.with_file(&file.path)));
        return;
    }
    let prefix = format!("validate environment manifest for \"{name}\": ");
    for mut d in crate::validate::env::validate(&config) {
        d.copilot_error = d.copilot_error.map(|c| format!("{prefix}{c}"));
        out.push(d.with_file(&file.path));
    }
}
