//! Copilot's exact texts and quirks ported in issue #13 (workload part), on manifests written
//! here. Each expectation was derived from Copilot's source (validate.go, workload.go, svc.go,
//! union.go, http.go, interpolate.go; yaml.v3's decoder and libyaml's parser) and matches
//! Copilot's own verdicts in `../shared/conformance/differential/` (tests/differential.rs).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::{errors, single};

const WORKER: &str = "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\n";
const BACKEND: &str = "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n";
const LBWS: &str =
    "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\n";
const UNMARSHAL_BACKEND: &str =
    "unmarshal service svc manifest: unmarshal manifest for Backend Service: ";
const VALIDATE: &str = "validate manifest against environment \"test\": ";

/// The Copilot texts of a manifest's errors.
fn texts(manifest: &str) -> Vec<String> {
    errors(&single(manifest))
        .iter()
        .filter_map(|d| d.copilot_error.clone())
        .collect()
}

#[test]
fn yaml_lines_count_the_manifest_as_copilot_re_serializes_it() {
    // The header's blank line stays, the one after `type` goes, the one between two top-level
    // comment blocks stays: `memory` is line 12 of the re-serialized text, 13 of the file.
    let manifest = format!(
        "# header\n\n{}\n# about cpu\n\n# more\ncpu: 256\nmemory: [1]\n",
        BACKEND.trim_end()
    )
    .replace("type: Backend Service\n", "type: Backend Service\n\n");
    assert_eq!(
        texts(&manifest),
        [format!(
            "{UNMARSHAL_BACKEND}yaml: unmarshal errors:\n  line 12: cannot unmarshal !!seq into int"
        )]
    );
}

#[test]
fn a_top_level_duplicate_fails_copilots_first_pass() {
    assert_eq!(
        texts(&format!("{BACKEND}cpu: 256\ncpu: 512\n")),
        [
            "unmarshal service svc manifest: unmarshal to workload manifest: yaml: unmarshal errors:\n  line 7: mapping key \"cpu\" already defined at line 6"
        ]
    );
}

#[test]
fn scalar_or_map_unions_have_their_fixed_texts() {
    assert_eq!(
        // yaml.v3 reads `yes`/`on`/`no`/`off` into a Go bool (YAML 1.1), quoted or not; not "true".
        texts(&format!("{BACKEND}exec: \"true\"\n")),
        [format!(
            "{UNMARSHAL_BACKEND}unable to unmarshal \"exec\" field into boolean or exec configuration"
        )]
    );
    assert_eq!(
        texts(&format!("{BACKEND}count: \"3\"\n")),
        [format!(
            "{UNMARSHAL_BACKEND}unable to unmarshal \"count\" field to an integer or autoscaling configuration"
        )]
    );
    // A duplicate inside the map form empties it; the map is no bool either.
    assert_eq!(
        texts(&format!(
            "{BACKEND}exec:\n  enable: true\n  enable: false\n"
        )),
        [format!(
            "{UNMARSHAL_BACKEND}unable to unmarshal \"exec\" field into boolean or exec configuration"
        )]
    );
}

#[test]
fn a_union_keeps_a_field_of_the_wrong_type_as_set() {
    // yaml.v3 allocates `Enable *bool` before failing; the union swallows the type error.
    assert!(texts(&format!("{BACKEND}exec:\n  enable: maybe\n")).is_empty());
    // `HTTPOrBool` likewise keeps `path` as an empty string.
    assert!(texts(&format!("{LBWS}http:\n  path: [a]\n")).is_empty());
}

#[test]
fn the_healthcheck_union_reports_both_forms() {
    let manifest =
        format!("{BACKEND}http:\n  path: '/'\n  healthcheck:\n    path: /ok\n    interval: yes\n");
    assert_eq!(
        texts(&manifest),
        [format!(
            "{UNMARSHAL_BACKEND}unmarshal to basic form string: yaml: unmarshal errors:\n  line 9: cannot unmarshal !!map into string\nunmarshal to advanced form manifest.HTTPHealthCheckArgs: yaml: unmarshal errors:\n  line 10: cannot unmarshal !!str `yes` into time.Duration"
        )]
    );
}

#[test]
fn a_subscribed_service_name_follows_copilots_pattern() {
    let manifest =
        format!("{WORKER}subscribe:\n  topics:\n    - name: orders\n      service: OrdersApi\n");
    assert_eq!(
        texts(&manifest),
        [format!(
            "{VALIDATE}validate \"subscribe\": validate \"topics[0]\": service name must start with a letter, contain only lower-case letters, numbers, and hyphens, and have no consecutive or trailing hyphen"
        )]
    );
    let fine =
        format!("{WORKER}subscribe:\n  topics:\n    - name: orders\n      service: orders-api\n");
    assert!(texts(&fine).is_empty());
}

#[test]
fn every_workload_with_an_image_needs_build_or_location() {
    let manifest = "name: svc\ntype: Worker Service\nimage:\n  port: 80\n";
    assert_eq!(
        texts(manifest),
        [format!(
            "{VALIDATE}validate \"image\": must specify one of \"build\" and \"location\""
        )]
    );
}

#[test]
fn syntax_errors_carry_libyamls_text_and_line() {
    // A scanner error: the problem's line.
    assert_eq!(
        texts("name: svc\ntype: Backend Service\nimage: build: Dockerfile\n"),
        [
            "interpolate environment variables for svc manifest: unmarshal YAML template: yaml: line 3: mapping values are not allowed in this context"
        ]
    );
    // A parser error: the 0-based line where the flow sequence starts.
    assert_eq!(
        texts("name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\nvariables: [a, b\n"),
        [
            "interpolate environment variables for svc manifest: unmarshal YAML template: yaml: line 4: did not find expected ',' or ']'"
        ]
    );
}

#[test]
fn ports_copilot_cannot_parse_are_refused_with_gos_text() {
    let manifest = format!("{BACKEND}sidecars:\n  proxy:\n    image: nginx\n    port: \"65536\"\n");
    assert_eq!(
        texts(&manifest),
        [format!(
            "{VALIDATE}validate unique exposed ports: strconv.ParseUint: parsing \"65536\": value out of range"
        )]
    );
}

#[test]
fn an_efs_access_point_needs_the_root_directory_and_iam() {
    let volume = |efs: &str| {
        format!(
            "{BACKEND}storage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        id: fs-1234\n{efs}"
        )
    };
    let refused = "validate manifest against environment \"test\": validate \"storage\": validate \"volumes[data]\": validate \"efs\": \"root_dir\" must be either empty or \"/\" and \"auth.iam\" must be true when \"access_point_id\" is used";
    assert_eq!(
        texts(&volume(
            "        root_dir: /data\n        auth:\n          access_point_id: fsap-1\n"
        )),
        [refused]
    );
    assert_eq!(
        texts(&volume(
            "        auth:\n          iam: false\n          access_point_id: fsap-1\n"
        )),
        [refused]
    );
    assert!(texts(&volume("        root_dir: /\n        auth:\n          iam: true\n          access_point_id: fsap-1\n")).is_empty());
    assert_eq!(
        texts(&volume("        root_dir: /data dir\n")),
        [
            "validate manifest against environment \"test\": validate \"storage\": validate \"volumes[data]\": validate \"efs\": validate \"root_dir\": path can only contain the characters a-zA-Z0-9.-_/"
        ]
    );
}

#[test]
fn the_platform_map_needs_both_fields_and_a_known_pair() {
    assert_eq!(
        texts(&format!("{BACKEND}platform:\n  osfamily: linux\n")),
        [format!(
            "{VALIDATE}validate \"platform\": fields \"osfamily\" and \"architecture\" must either both be specified or both be empty"
        )]
    );
    let bad = texts(&format!(
        "{BACKEND}platform:\n  osfamily: Linux\n  architecture: s390x\n"
    ));
    assert_eq!(bad.len(), 1);
    assert!(bad[0].starts_with(&format!(
        "{VALIDATE}validate \"platform\": platform pair ('Linux', 's390x') is invalid: fields ('osfamily', 'architecture') must be one of ('linux', 'x86_64'), ('linux', 'amd64'), "
    )));
    assert!(bad[0].ends_with("('windows_server_2022_full', 'amd64')"));
    assert!(
        texts(&format!(
            "{BACKEND}platform:\n  osfamily: LINUX\n  architecture: ARM64\n"
        ))
        .is_empty()
    );
}

#[test]
fn the_logging_env_file_needs_the_env_extension() {
    assert_eq!(
        texts(&format!("{BACKEND}logging:\n  env_file: log.txt\n")),
        [format!(
            "{VALIDATE}validate \"logging\": environment file log.txt must have a .env file extension"
        )]
    );
}
