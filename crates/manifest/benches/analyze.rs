//! Native cost of the whole pipeline: the docs' kudos workspace and generated workspaces of
//! 1, 10 and 100 services (budget for kudos: 50 µs, issue #3).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

use copilot_manifest::{SourceFile, Workspace, analyze};
use criterion::{BenchmarkId, Criterion, black_box, criterion_group, criterion_main};

const API: &str = "name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\n  port: 80\nnetwork:\n  connect: true\n";
const FRONT_END: &str = "name: front-end\ntype: Load Balanced Web Service\nimage:\n  build: front-end/Dockerfile\n  port: 80\nhttp:\n  path: '/'\nnetwork:\n  connect: true\n";

fn base_files() -> Vec<SourceFile> {
    vec![
        SourceFile::new("copilot/.workspace", "application: kudos\n"),
        SourceFile::new(
            "copilot/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
    ]
}

fn kudos() -> Workspace {
    let mut files = base_files();
    files.push(SourceFile::new("copilot/api/manifest.yml", API));
    files.push(SourceFile::new("copilot/front-end/manifest.yml", FRONT_END));
    Workspace {
        files,
        ..Workspace::default()
    }
}

fn generated(services: usize) -> Workspace {
    let mut files = base_files();
    for env in ["staging", "prod"] {
        files.push(SourceFile::new(
            format!("copilot/environments/{env}/manifest.yml"),
            format!("name: {env}\ntype: Environment\n"),
        ));
    }
    for i in 0..services {
        let text = format!(
            "name: svc-{i}\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: {}\nnetwork:\n  connect:\n    alias: svc-{i}-alias\nenvironments:\n  prod:\n    network:\n      connect: false\n",
            8000 + i
        );
        files.push(SourceFile::new(
            format!("copilot/svc-{i}/manifest.yml"),
            text,
        ));
    }
    Workspace {
        files,
        ..Workspace::default()
    }
}

fn bench(c: &mut Criterion) {
    let ws = kudos();
    c.bench_function("analyze/kudos", |b| b.iter(|| analyze(black_box(&ws))));
    let mut group = c.benchmark_group("analyze/generated-3-envs");
    for n in [1, 10, 100] {
        let ws = generated(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &ws, |b, ws| {
            b.iter(|| analyze(black_box(ws)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
