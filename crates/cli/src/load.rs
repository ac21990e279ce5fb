//! Reads a repository's `copilot/` folder into a `Workspace`, the way Copilot lays it out:
//! `copilot/.workspace`, `copilot/<svc>/manifest.yml`, `copilot/environments/<env>/manifest.yml`.

use copilot_manifest::{SourceFile, Workspace};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum LoadError {
    NoCopilotFolder(PathBuf),
    Unreadable(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NoCopilotFolder(dir) => write!(
                f,
                "no copilot/ folder in {}: run this in a repository set up by `copilot init`, or pass its path",
                dir.display()
            ),
            LoadError::Unreadable(path, e) => write!(f, "cannot read {}: {e}", path.display()),
        }
    }
}

pub fn load(dir: &Path) -> Result<Workspace, LoadError> {
    let copilot = dir.join("copilot");
    if !copilot.is_dir() {
        return Err(LoadError::NoCopilotFolder(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    let summary = copilot.join(".workspace");
    if summary.exists() {
        files.push(read(&summary, "copilot/.workspace".into())?);
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
                    files.push(read(&manifest, rel)?);
                }
            }
        } else if let Some(manifest) = manifest_in(&entry) {
            files.push(read(
                &manifest,
                format!("copilot/{name}/{}", file_name(&manifest)),
            )?);
        }
    }
    Ok(Workspace {
        files,
        ..Workspace::default()
    })
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
        .find(|p| p.exists())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path, rel: String) -> Result<SourceFile, LoadError> {
    let bytes = fs::read(path).map_err(|e| LoadError::Unreadable(path.to_path_buf(), e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        LoadError::Unreadable(
            path.to_path_buf(),
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not UTF-8 text ({e})"),
            ),
        )
    })?;
    Ok(SourceFile::new(rel, text))
}
