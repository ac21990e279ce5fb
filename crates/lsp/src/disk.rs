//! Reads a repository's `copilot/` folder into a `Workspace`, the way Copilot lays it out:
//! `copilot/.workspace`, `copilot/<svc>/manifest.yml`, `copilot/environments/<env>/manifest.yml`.
//! Shared by the CLI (which refuses what it cannot read, exit 2) and the language server (which
//! skips it and analyses the rest). The core does no I/O (design.md §2).

use copilot_manifest::syntax::MAX_FILE_BYTES;
use copilot_manifest::{SourceFile, Workspace};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Why a folder or a file is refused. Each has its own code, printed as `error[code]: …`.
#[derive(Debug)]
pub enum LoadError {
    NoCopilotFolder(PathBuf),
    /// Over the core's size limit (`syntax::MAX_FILE_BYTES`): refused before it is read.
    TooLarge {
        file: String,
        bytes: u64,
    },
    /// Not UTF-8 text: `what` says why (UTF-16 by its byte order mark or NUL bytes, or the first
    /// invalid byte).
    NotUtf8 {
        file: String,
        what: String,
    },
    Unreadable(PathBuf, std::io::Error),
}

impl LoadError {
    pub const fn code(&self) -> &'static str {
        match self {
            LoadError::NoCopilotFolder(_) => "no-copilot-folder",
            LoadError::TooLarge { .. } => "file-too-large",
            LoadError::NotUtf8 { .. } => "not-utf8",
            LoadError::Unreadable(..) => "unreadable",
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NoCopilotFolder(dir) => write!(
                f,
                "no copilot/ folder in {}: run this in a repository set up by `copilot init`, or pass its path",
                dir.display()
            ),
            LoadError::TooLarge { file, bytes } => write!(
                f,
                "{file} is {bytes} bytes, over the limit of {MAX_FILE_BYTES} bytes (1 MiB) for a manifest"
            ),
            LoadError::NotUtf8 { file, what } => {
                write!(
                    f,
                    "{file} is not UTF-8 text ({what}); Copilot reads manifests as UTF-8"
                )
            }
            LoadError::Unreadable(path, e) => write!(f, "cannot read {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// Every file of the folder, or the first refusal.
pub fn load(dir: &Path) -> Result<Workspace, LoadError> {
    let files = paths(dir)?
        .into_iter()
        .map(|(path, rel)| read(&path, rel))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Workspace {
        files,
        ..Workspace::default()
    })
}

/// The files Copilot would read under `dir/copilot/`, each with its workspace path
/// (`copilot/api/manifest.yml`), in a stable order.
pub fn paths(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let copilot = dir.join("copilot");
    if !copilot.is_dir() {
        return Err(LoadError::NoCopilotFolder(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    let summary = copilot.join(".workspace");
    if summary.is_file() {
        files.push((summary, "copilot/.workspace".to_string()));
    }
    for entry in sorted_dirs(&copilot)? {
        let name = file_name(&entry);
        if name == "environments" {
            for env in sorted_dirs(&entry)? {
                if let Some(manifest) = manifest_in(&env) {
                    let rel = format!(
                        "copilot/environments/{}/{}",
                        file_name(&env),
                        file_name(&manifest)
                    );
                    files.push((manifest, rel));
                }
            }
        } else if let Some(manifest) = manifest_in(&entry) {
            let rel = format!("copilot/{name}/{}", file_name(&manifest));
            files.push((manifest, rel));
        }
    }
    Ok(files)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = fs::read_dir(dir).map_err(|e| LoadError::Unreadable(dir.to_path_buf(), e))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

fn manifest_in(dir: &Path) -> Option<PathBuf> {
    ["manifest.yml", "manifest.yaml"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One file as text: refused past the size limit (before reading it) and when not UTF-8.
pub fn read(path: &Path, rel: String) -> Result<SourceFile, LoadError> {
    let bytes = fs::metadata(path)
        .map_err(|e| LoadError::Unreadable(path.to_path_buf(), e))?
        .len();
    if bytes > MAX_FILE_BYTES as u64 {
        return Err(LoadError::TooLarge { file: rel, bytes });
    }
    let data = fs::read(path).map_err(|e| LoadError::Unreadable(path.to_path_buf(), e))?;
    let text = decode(data).map_err(|what| LoadError::NotUtf8 {
        file: rel.clone(),
        what,
    })?;
    Ok(SourceFile::new(rel, text))
}

/// UTF-8 text, or why not. UTF-16 is named: by its byte order mark, or by NUL bytes (ASCII
/// text in UTF-16 has one in every other byte and is otherwise valid UTF-8).
pub fn decode(data: Vec<u8>) -> Result<String, String> {
    match data.get(..2) {
        Some([0xFF, 0xFE]) => return Err("UTF-16 little-endian, by its byte order mark".into()),
        Some([0xFE, 0xFF]) => return Err("UTF-16 big-endian, by its byte order mark".into()),
        _ => {}
    }
    if let Some(at) = data.iter().position(|&b| b == 0) {
        return Err(format!("a NUL byte at offset {at}: UTF-16 or binary data"));
    }
    String::from_utf8(data).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(at).copied().unwrap_or(0);
        format!("invalid byte 0x{byte:02X} at offset {at}")
    })
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn names_utf16_and_invalid_bytes() {
        assert!(
            decode(vec![0xFF, 0xFE, b'a', 0])
                .unwrap_err()
                .contains("UTF-16 little-endian")
        );
        assert!(
            decode(vec![0xFE, 0xFF, 0, b'a'])
                .unwrap_err()
                .contains("UTF-16 big-endian")
        );
        assert!(
            decode(b"n\0a\0".to_vec())
                .unwrap_err()
                .contains("NUL byte at offset 1")
        );
        assert_eq!(
            decode(b"name: \xC3(".to_vec()).unwrap_err(),
            "invalid byte 0xC3 at offset 6"
        );
        assert_eq!(decode("é".as_bytes().to_vec()).unwrap(), "é");
    }
}
