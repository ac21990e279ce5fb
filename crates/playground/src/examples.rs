//! The example workspaces the playground opens on (our own text, in `web/examples/`).

use copilot_manifest::SourceFile;

/// The documentation's example: application `kudos`, environment `test`, a backend `api` and a
/// load-balanced `front-end`, both in Service Connect.
pub fn kudos() -> Vec<SourceFile> {
    vec![
        SourceFile::new(
            "copilot/api/manifest.yml",
            include_str!("../../../web/examples/kudos/copilot/api/manifest.yml"),
        ),
        SourceFile::new(
            "copilot/front-end/manifest.yml",
            include_str!("../../../web/examples/kudos/copilot/front-end/manifest.yml"),
        ),
        SourceFile::new(
            "copilot/environments/test/manifest.yml",
            include_str!("../../../web/examples/kudos/copilot/environments/test/manifest.yml"),
        ),
        SourceFile::new(
            "copilot/.workspace",
            include_str!("../../../web/examples/kudos/copilot/.workspace"),
        ),
    ]
}
