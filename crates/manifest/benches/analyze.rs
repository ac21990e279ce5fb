//! Native cost of the whole pipeline: the docs' kudos workspace and generated workspaces of
//! 1, 10 and 100 services (budget for kudos: 50 µs, issue #3). With the default `render`
//! feature every run also renders all CloudFormation fragments (YAML, JSON, provenance), so
//! `analyze/kudos` bounds issue #5's fragments budget (≤ 200 µs) and
//! `analyze/generated-3-envs/100` its 100 services × 3 environments budget (≤ 30 ms).
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

/// One service manifest with a very long `variables` map: about 1 MB of YAML.
fn one_megabyte() -> Workspace {
    let mut text = String::from(API);
    text.push_str("variables:\n");
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!(
            "  VARIABLE_NUMBER_{i}: \"a value that is long enough to be realistic {i}\"\n"
        ));
        i += 1;
    }
    let mut files = base_files();
    files.push(SourceFile::new("copilot/api/manifest.yml", text));
    Workspace {
        files,
        ..Workspace::default()
    }
}

/// Nine levels of nine aliases: 9^9 nodes if anything expanded them.
fn billion_laughs() -> Workspace {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in b'b'..=b'i' {
        let (cur, prev) = (level as char, (level - 1) as char);
        text.push_str(&format!("{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    text.push_str("name: *i\ntype: Backend Service\nvariables: *i\nnetwork:\n  connect: *i\n");
    let mut files = base_files();
    files.push(SourceFile::new("copilot/api/manifest.yml", text));
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
            b.iter(|| analyze(black_box(ws)));
        });
    }
    group.finish();
    let big = one_megabyte();
    c.bench_function("analyze/1mb-manifest", |b| {
        b.iter(|| analyze(black_box(&big)));
    });
    let laughs = billion_laughs();
    c.bench_function("analyze/billion-laughs", |b| {
        b.iter(|| analyze(black_box(&laughs)));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
