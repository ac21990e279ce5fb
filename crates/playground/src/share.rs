//! The workspace as a document: what a share link (`#v1.<deflate + base64url>`, made by
//! web/share.js) and the autosave in local storage hold, and the equivalent CLI command.
//!
//! Version 1 is frozen: links must open forever. A later format gets a new prefix and a new
//! decoder beside this one; `tests/e2e/fixtures/` keeps a v1 link that must always open.

use std::collections::BTreeMap;

use copilot_manifest::SourceFile;
use serde_json::{Value, json};

use crate::model::Settings;

/// More files than the core analyses (its `MAX_FILES`) is not a workspace someone typed.
const MAX_FILES: usize = 1000;

/// Payload version 1, as JSON: `{"files":[{"path","text"}…], "env"?, "variables"?: {NAME: value},
/// "legacy"?: [env…]}`; unknown fields are ignored (a later v1 writer may add some).
///
/// Read and written through `serde_json::Value`, which the app links anyway: derived
/// (de)serializers would add their own code to a wasm that is close to its size budget.
#[derive(Debug, Default, PartialEq)]
pub struct Payload {
    pub files: Vec<File>,
    /// The environment shown.
    pub env: Option<String>,
    /// Shell variables for `${VAR}`.
    pub variables: BTreeMap<String, String>,
    /// Environments with a legacy (pre-v1.9.0) namespace.
    pub legacy: Vec<String>,
}

#[derive(Debug, Default, PartialEq)]
pub struct File {
    pub path: String,
    pub text: String,
}

impl Payload {
    pub fn new(files: &[SourceFile], settings: &Settings, env: Option<&str>) -> Self {
        Self {
            files: files
                .iter()
                .map(|f| File {
                    path: f.path.clone(),
                    text: f.text.clone(),
                })
                .collect(),
            env: env.map(str::to_owned),
            variables: settings.variables.clone(),
            legacy: settings.legacy_namespaces.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|f| json!({"path": f.path, "text": f.text}))
            .collect();
        let mut value = json!({ "files": files });
        if let Some(env) = &self.env {
            value["env"] = json!(env);
        }
        if !self.variables.is_empty() {
            value["variables"] = json!(self.variables);
        }
        if !self.legacy.is_empty() {
            value["legacy"] = json!(self.legacy);
        }
        value.to_string()
    }

    /// Read a payload; the message says what is wrong, for a notice.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let damaged =
            |why: &str| format!("This link is damaged: its workspace does not read ({why}).");
        let value: Value = serde_json::from_str(json).map_err(|e| damaged(&e.to_string()))?;
        let text = |v: &Value| v.as_str().map(str::to_owned);
        let files = value
            .get("files")
            .and_then(Value::as_array)
            .ok_or_else(|| damaged("no list of files"))?
            .iter()
            .map(|f| {
                Some(File {
                    path: text(f.get("path")?)?,
                    text: text(f.get("text")?)?,
                })
            })
            .collect::<Option<Vec<File>>>()
            .ok_or_else(|| damaged("a file without a path or a text"))?;
        let env = match value.get("env") {
            None | Some(Value::Null) => None,
            Some(v) => Some(text(v).ok_or_else(|| damaged("the environment is not text"))?),
        };
        let variables = match value.get("variables") {
            None | Some(Value::Null) => BTreeMap::new(),
            Some(v) => v
                .as_object()
                .and_then(|m| m.iter().map(|(k, v)| Some((k.clone(), text(v)?))).collect())
                .ok_or_else(|| damaged("the shell variables are not NAME: text"))?,
        };
        let legacy = match value.get("legacy") {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => v
                .as_array()
                .and_then(|a| a.iter().map(text).collect())
                .ok_or_else(|| damaged("the legacy environments are not a list of names"))?,
        };
        let payload = Payload {
            files,
            env,
            variables,
            legacy,
        };
        if payload.files.len() > MAX_FILES {
            return Err(format!(
                "This link holds {} files; the playground opens at most {MAX_FILES}.",
                payload.files.len()
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for f in &payload.files {
            if f.path.trim().is_empty() || !seen.insert(f.path.as_str()) {
                return Err(format!(
                    "This link is damaged: the file name {:?} is empty or repeated.",
                    f.path
                ));
            }
        }
        Ok(payload)
    }

    pub fn source_files(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .map(|f| SourceFile::new(f.path.clone(), f.text.clone()))
            .collect()
    }

    pub fn settings(&self) -> Settings {
        Settings {
            variables: self.variables.clone(),
            legacy_namespaces: self.legacy.clone(),
        }
    }
}

/// The `copilot-manifest check` command that analyses the same workspace, run from the folder
/// that holds `copilot/`.
pub fn check_command(settings: &Settings) -> String {
    let mut cmd = String::from("copilot-manifest check .");
    for (key, value) in &settings.variables {
        cmd.push_str(" --var ");
        cmd.push_str(&shell_quote(&format!("{key}={value}")));
    }
    for env in &settings.legacy_namespaces {
        cmd.push_str(" --legacy-namespace ");
        cmd.push_str(&shell_quote(env));
    }
    cmd
}

/// POSIX shell quoting: bare when safe, else single quotes (a `'` becomes `'\''`).
fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c));
    if safe {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_everything() {
        let files = crate::examples::kudos();
        let settings = Settings {
            variables: BTreeMap::from([("TAG".to_owned(), "v1 'x'".to_owned())]),
            legacy_namespaces: vec!["test".to_owned()],
        };
        let json = Payload::new(&files, &settings, Some("test")).to_json();
        let back = Payload::from_json(&json).unwrap();
        assert_eq!(back.source_files(), files);
        assert_eq!(back.settings(), settings);
        assert_eq!(back.env.as_deref(), Some("test"));
    }

    /// The v1 shape: the fields a link made today carries, read back by name.
    #[test]
    fn v1_fields_are_frozen() {
        let json = r#"{"files":[{"path":"copilot/a/manifest.yml","text":"name: a\n"}],"env":"prod","variables":{"K":"V"},"legacy":["prod"],"later":1}"#;
        let p = Payload::from_json(json).unwrap();
        assert_eq!(p.files[0].path, "copilot/a/manifest.yml");
        assert_eq!(p.env.as_deref(), Some("prod"));
        assert_eq!(p.variables["K"], "V");
        assert_eq!(p.legacy, ["prod"]);
        assert!(Payload::from_json(r#"{"files":[]}"#).is_ok());
    }

    #[test]
    fn damaged_payloads_say_why() {
        for (json, says) in [
            ("[]", "does not read"),
            (r#"{"files":[{"path":"a"}]}"#, "does not read"),
            (
                r#"{"files":[{"path":"a","text":""},{"path":"a","text":""}]}"#,
                "repeated",
            ),
            (r#"{"files":[{"path":" ","text":""}]}"#, "empty"),
        ] {
            let e = Payload::from_json(json).unwrap_err();
            assert!(e.contains(says), "{json}: {e}");
        }
    }

    #[test]
    fn check_command_quotes_for_the_shell() {
        let settings = Settings {
            variables: BTreeMap::from([
                ("TAG".to_owned(), "v1.2".to_owned()),
                ("MSG".to_owned(), "it's here".to_owned()),
            ]),
            legacy_namespaces: vec!["prod".to_owned()],
        };
        assert_eq!(
            check_command(&settings),
            r"copilot-manifest check . --var 'MSG=it'\''s here' --var TAG=v1.2 --legacy-namespace prod"
        );
        assert_eq!(
            check_command(&Settings::default()),
            "copilot-manifest check ."
        );
    }
}
