//! The examples gallery: workspaces the playground can open, our own text in `web/examples/`,
//! embedded by `build.rs` (in the order of `web/examples/examples.json`).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use copilot_manifest::SourceFile;

/// Embedded files: (repository path such as `copilot/api/manifest.yml`, text), sorted by path.
pub(crate) type Files = &'static [(&'static str, &'static str)];

/// One example of the gallery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The directory name, used in `?example=NAME`.
    pub name: &'static str,
    pub title: &'static str,
    /// Environments whose legacy (pre-v1.9.0) namespace setting the example switches on.
    pub legacy: &'static [&'static str],
    /// What the example shows and what to look at: one paragraph of plain text (backticks mark
    /// code), without the `# Title` line of `about.md`.
    pub about: &'static str,
    files: Files,
}

impl Example {
    /// The workspace files in the order of the file list: services, environments, then
    /// `copilot/.workspace`.
    pub fn files(&self) -> Vec<SourceFile> {
        source_files(self.files)
    }

    /// The settings the example opens with (its legacy namespaces).
    pub fn settings(&self) -> crate::model::Settings {
        crate::model::Settings {
            legacy_namespaces: self.legacy.iter().map(|e| (*e).to_owned()).collect(),
            ..Default::default()
        }
    }
}

/// Every example, in gallery order.
pub fn all() -> &'static [Example] {
    EXAMPLES
}

pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}

/// The example the playground opens on: kudos (the first of the gallery).
pub fn default() -> &'static Example {
    find("kudos").or(EXAMPLES.first()).unwrap_or(&EMPTY)
}

/// Stands in for the gallery only if it were empty (build.rs never lets that happen).
static EMPTY: Example = Example {
    name: "kudos",
    title: "Kudos",
    legacy: &[],
    about: "",
    files: &[],
};

/// The documentation's example: application `kudos`, environment `test`, a backend `api` and a
/// load-balanced `front-end`, both in Service Connect.
pub fn kudos() -> Vec<SourceFile> {
    find("kudos").map(Example::files).unwrap_or_default()
}

/// Embedded files as `SourceFile`s, already in the file list's order (build.rs sorts them:
/// services, environments, the workspace summary, anything else).
pub(crate) fn source_files(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(path, text)| SourceFile::new(*path, *text))
        .collect()
}

/// `about.md` without its first line when that is a `# Title`, trimmed. Runs at compile time.
const fn strip_title(text: &'static str) -> &'static str {
    let bytes = text.as_bytes();
    if !matches!(bytes, [b'#', b' ', ..]) {
        return text.trim_ascii();
    }
    let mut rest = bytes;
    let mut skip = 0;
    while let [first, tail @ ..] = rest {
        skip += 1;
        rest = tail;
        if *first == b'\n' {
            break;
        }
    }
    // `skip` ends just after a newline or at the end of the text: always a char boundary.
    let (_, body) = text.split_at(skip);
    body.trim_ascii()
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_title_drops_the_heading_line() {
        assert_eq!(strip_title("# T\nOne paragraph.\n"), "One paragraph.");
        assert_eq!(strip_title("# T"), "");
        assert_eq!(strip_title("No heading.\n"), "No heading.");
    }

    #[test]
    fn kudos_keeps_the_file_list_order() {
        let paths: Vec<String> = kudos().into_iter().map(|f| f.path).collect();
        assert_eq!(
            paths,
            [
                "copilot/api/manifest.yml",
                "copilot/front-end/manifest.yml",
                "copilot/environments/test/manifest.yml",
                "copilot/.workspace",
            ]
        );
    }

    #[test]
    fn find_by_name() {
        assert_eq!(find("kudos").map(|e| e.name), Some("kudos"));
        assert!(find("nope").is_none());
        assert_eq!(all().first().map(|e| e.name), Some("kudos"));
        assert_eq!(default().name, "kudos");
        assert_eq!(default().files(), kudos());
    }
}

#[cfg(test)]
mod order_tests {
    use copilot_manifest::workspace::FileKind;

    /// build.rs's grouping agrees with the core's classification of paths.
    #[test]
    fn files_come_grouped_as_the_file_list_shows_them() {
        let group = |f: &copilot_manifest::SourceFile| match f.kind() {
            FileKind::Workload { .. } => 0,
            FileKind::Environment { .. } => 1,
            FileKind::WorkspaceSummary => 2,
            FileKind::Other => 3,
        };
        let lists = super::all().iter().map(super::Example::files).chain(
            crate::training::exercises()
                .into_iter()
                .map(|e| e.start_files()),
        );
        for files in lists {
            let groups: Vec<u8> = files.iter().map(group).collect();
            assert!(
                groups.is_sorted(),
                "{:?}",
                files.iter().map(|f| &f.path).collect::<Vec<_>>()
            );
            assert_eq!(groups.first(), Some(&0));
        }
    }
}
