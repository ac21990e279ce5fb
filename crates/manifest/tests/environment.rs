//! Environment manifests through Copilot's `env deploy` steps: interpolation for their own
//! environment, decoding into `manifest.Environment` (yaml.v3's texts, the custom unmarshalers of
//! `cdn`, `access_logs`, `ports` and `flow_logs`), and the workspace staying analysable while
//! the environment manifest has errors. Expected texts are read off Copilot's `env.go`,
//! `union.go` and `validate_env.go` at the spec's commit. The last test compares every
//! environment-manifest verdict of the differential data (read in place) with ours.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use copilot_manifest::{Report, Severity, SourceFile, Workspace, analyze};
use serde_json::Value;

const ENV: &str = "copilot/environments/test/manifest.yml";

fn env_only(text: &str) -> Report {
    analyze(&Workspace {
        files: vec![
            SourceFile::new("copilot/.workspace", "application: kudos\n"),
            SourceFile::new(ENV, text),
        ],
        ..Workspace::default()
    })
}

/// (code, copilot_error, path) of every error, all in the environment manifest.
fn errors(report: &Report) -> Vec<(String, String, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .inspect(|d| assert_eq!(d.file(), ENV))
        .map(|d| {
            (
                d.code().to_string(),
                d.copilot_error.clone().unwrap_or_default(),
                d.path().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const UNMARSHAL: &str =
    "unmarshal environment manifest for \"test\": unmarshal environment manifest: ";

#[test]
fn flow_logs_union_texts_name_both_forms() {
    let head = "name: test\ntype: Environment\nnetwork:\n  vpc:\n";
    let r = env_only(&format!("{head}    flow_logs: {{}}\n"));
    assert_eq!(
        errors(&r),
        vec![(
            "invalid-union".into(),
            format!(
                "{UNMARSHAL}unmarshal to basic form *bool: yaml: unmarshal errors:\n  line 5: cannot unmarshal !!map into bool\nunmarshal to advanced form manifest.VPCFlowLogsArgs: is zero"
            ),
            "network.vpc.flow_logs".into()
        )]
    );
    let r = env_only(&format!("{head}    flow_logs:\n      retention: forever\n"));
    assert_eq!(
        errors(&r)[0].1,
        format!(
            "{UNMARSHAL}unmarshal to basic form *bool: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!map into bool\nunmarshal to advanced form manifest.VPCFlowLogsArgs: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!str `forever` into int"
        )
    );
    for ok in ["true", "off", "{retention: 30}"] {
        assert!(
            errors(&env_only(&format!("{head}    flow_logs: {ok}\n"))).is_empty(),
            "{ok}"
        );
    }
}

#[test]
fn cdn_and_access_logs_unions_and_their_quirks() {
    let r = env_only("name: test\ncdn: maybe\n");
    assert_eq!(
        errors(&r),
        vec![(
            "invalid-union".into(),
            format!("{UNMARSHAL}unable to unmarshal cdn field into bool or composite-style map"),
            "cdn".into()
        )]
    );
    // An empty map is neither form either.
    assert_eq!(errors(&env_only("cdn: {}\n")).len(), 1);
    // A type error inside the map form is swallowed once another field of it decoded.
    assert!(
        errors(&env_only(
            "cdn:\n  terminate_tls: true\n  certificate: [a, b]\n"
        ))
        .is_empty()
    );
    let r = env_only("http:\n  public:\n    access_logs: [bucket]\n");
    assert_eq!(
        errors(&r)[0].1,
        format!(
            "{UNMARSHAL}unable to unmarshal access_logs field into bool or ELB Access logs config"
        )
    );
    for ok in ["true", "{bucket_name: logs, prefix: [x]}"] {
        let text = format!("http:\n  public:\n    access_logs: {ok}\n");
        assert!(errors(&env_only(&text)).is_empty(), "{ok}");
    }
}

#[test]
fn security_group_ports_take_an_int_or_any_scalar_as_a_range() {
    let rule = |ports: &str| {
        env_only(&format!(
            "network:\n  vpc:\n    security_group:\n      egress:\n        - cidr: 0.0.0.0/0\n          ip_protocol: tcp\n          ports: {ports}\n"
        ))
    };
    assert!(errors(&rule("443")).is_empty());
    assert!(errors(&rule("1024-65535")).is_empty());
    assert_eq!(
        errors(&rule("[80, 443]"))[0].1,
        format!("{UNMARSHAL}unable to unmarshal ports field into int or a range")
    );
    // A quoted number is not an int: it is read as a range and refused as one.
    assert_eq!(
        errors(&rule("\"80\""))[0].1,
        "validate environment manifest for \"test\": validate \"security_group\": validate egress[0]: invalid range value 80: valid format is ${from_port}-${to_port}"
    );
    let missing = env_only(
        "network:\n  vpc:\n    security_group:\n      ingress:\n        - cidr: 10.0.0.0/8\n          ports: 80\n",
    );
    assert_eq!(
        errors(&missing),
        vec![(
            "env-security-group-rule".into(),
            "validate environment manifest for \"test\": validate \"security_group\": validate ingress[0]: \"ip_protocol\" must be specified".into(),
            "network.vpc.security_group.ingress[0].ip_protocol".into()
        )]
    );
}

#[test]
fn types_duplicates_and_unknown_keys() {
    let r = env_only(
        "name: test\nobservability:\n  container_insights: enabled\nnetwork:\n  vpc:\n    cidr: [10.0.0.0/16]\n",
    );
    assert_eq!(
        errors(&r),
        vec![
            (
                "wrong-type".into(),
                format!(
                    "{UNMARSHAL}yaml: unmarshal errors:\n  line 3: cannot unmarshal !!str `enabled` into bool"
                ),
                "observability.container_insights".into()
            ),
            (
                "wrong-type".into(),
                format!(
                    "{UNMARSHAL}yaml: unmarshal errors:\n  line 6: cannot unmarshal !!seq into manifest.IPNet"
                ),
                "network.vpc.cidr".into()
            ),
        ]
    );
    let r = env_only("http:\n  public:\n    ssl_policy: a\n  public:\n    ssl_policy: b\n");
    assert_eq!(
        errors(&r)[0].1,
        format!(
            "{UNMARSHAL}yaml: unmarshal errors:\n  line 4: mapping key \"public\" already defined at line 2"
        )
    );
    let r = env_only("name: test\nobservabilty:\n  container_insights: true\n");
    assert!(errors(&r).is_empty());
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.code() == "unknown-key")
        .unwrap();
    assert_eq!(warning.file(), ENV);
    assert_eq!(
        warning.help.as_deref(),
        Some("did you mean `observability`?")
    );
}

#[test]
fn interpolated_for_its_own_environment() {
    let r = env_only(
        "network:\n  vpc:\n    id: vpc-${COPILOT_ENVIRONMENT_NAME}\n    subnets:\n      public:\n        - id: ${PUBLIC_A}\n",
    );
    assert_eq!(
        errors(&r),
        vec![(
            "interpolation".into(),
            "interpolate environment variables for \"test\" manifest: environment variable \"PUBLIC_A\" is not defined".into(),
            String::new()
        )]
    );
    // Once defined, validation runs on the substituted values (one public subnet is too few).
    let mut ws = Workspace {
        files: vec![SourceFile::new(
            ENV,
            "network:\n  vpc:\n    id: vpc-${COPILOT_ENVIRONMENT_NAME}\n    subnets:\n      public:\n        - id: ${PUBLIC_A}\n",
        )],
        app: Some("kudos".into()),
        ..Workspace::default()
    };
    ws.variables.insert("PUBLIC_A".into(), "subnet-1".into());
    assert_eq!(
        errors(&analyze(&ws))[0].1,
        "validate environment manifest for \"test\": validate \"network\": validate \"vpc\": validate \"subnets\" for an imported VPC: validate \"public\": at least two public subnets must be imported to enable Load Balancing"
    );
}

#[test]
fn services_keep_their_endpoints_while_the_environment_manifest_is_refused() {
    let mut ws = common::kudos();
    for f in &mut ws.files {
        if f.path == ENV {
            f.text = "name: test\nhttp:\n  public:\n    certificates: [not-an-arn]\n".into();
        }
    }
    let report = analyze(&ws);
    let refusals: Vec<_> = common::errors(&report);
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].file(), ENV);
    assert_eq!(refusals[0].env, None);
    let test = &report.environments[0];
    let api = test.services.iter().find(|s| s.name == "api").unwrap();
    assert_eq!(
        api.service_connect.as_ref().and_then(|s| s.url.as_deref()),
        Some("http://api")
    );
}

/// Every environment-manifest verdict of `../shared/conformance/differential/` (Copilot's own
/// code on 1,334 + 400 workspaces): refused exactly when Copilot refuses, and with Copilot's
/// text, except where our design deliberately differs (named below).
#[test]
fn differential_environment_manifest_verdicts() {
    let Some(dir) = common::corpus() else { return };
    for (file, min_cases) in [("cases.jsonl", 1000), ("workspaces.jsonl", 300)] {
        let data = std::fs::read_to_string(dir.join("../differential").join(file)).unwrap();
        let (mut verdicts, mut agree, mut refused, mut exact) = (0, 0, 0, 0);
        let mut divergences = Vec::new();
        for line in data.lines() {
            let case: Value = serde_json::from_str(line).unwrap();
            let mut ws = Workspace::default();
            for (path, text) in case["files"].as_object().unwrap() {
                ws.files
                    .push(SourceFile::new(path.clone(), text.as_str().unwrap()));
            }
            if let Some(vars) = case["vars"].as_object() {
                for (k, v) in vars {
                    ws.variables
                        .insert(k.clone(), v.as_str().unwrap_or_default().into());
                }
            }
            let report = analyze(&ws);
            for env in case["copilot"]["environments"].as_array().unwrap() {
                let verdict = &env["environment_manifest"];
                let Some(path) = verdict["file"].as_str() else {
                    continue;
                };
                verdicts += 1;
                let ours: Vec<&str> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error && d.file() == path)
                    .map(|d| d.copilot_error.as_deref().unwrap_or_default())
                    .collect();
                let theirs = verdict["cli_error"].as_str();
                if theirs.is_some() != ours.is_empty() {
                    agree += 1;
                } else {
                    divergences.push(format!("{}: verdict: {theirs:?} vs {ours:?}", case["id"]));
                }
                let Some(theirs) = theirs else { continue };
                refused += 1;
                if ours.contains(&theirs) {
                    exact += 1;
                } else if theirs.contains("unmarshal YAML template") {
                    // A syntax error: we carry no copilot_error for libyaml's wording.
                } else if theirs.matches("\n  line ").count() > 1 {
                    // yaml.v3 lists several errors in one text; we give one per diagnostic.
                } else {
                    divergences.push(format!("{}: text: {theirs:?} vs {ours:?}", case["id"]));
                }
            }
        }
        eprintln!(
            "{file}: {verdicts} environment-manifest verdicts, {agree} agree; {exact} of {refused} refusals with Copilot's exact text"
        );
        assert!(verdicts >= min_cases, "{file}: {verdicts} verdicts");
        assert!(divergences.is_empty(), "{file}: {divergences:#?}");
    }
}

/// Every refusal of `validate_env.go`, each in a manifest of our own, with the text Copilot
/// prints (read off `validate_env.go`, `errors.go` and the wanted errors of
/// `validate_env_test.go`), the rule and the key it points at.
#[test]
fn every_validate_env_refusal_has_copilots_text() {
    const IMPORTED: &str = "network:\n  vpc:\n    id: vpc-1\n    subnets:\n";
    const ADJUSTED: &str = "network:\n  vpc:\n    cidr: 10.0.0.0/16\n    subnets:\n";
    const SG: &str = "network:\n  vpc:\n    security_group:\n";
    const ARN: &str = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    let two_private = "      private:\n        - id: subnet-3\n        - id: subnet-4\n";
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (
            format!("{IMPORTED}      public:\n        - id: subnet-1\n          cidr: 10.0.0.0/24\n"),
            "env-subnet-id-exclusive",
            "network.vpc.subnets.public[0].cidr",
            r#"validate "network": validate "vpc": validate "subnets": validate "public[0]": must specify one, not both, of "id" and "cidr""#,
        ),
        (
            format!("{IMPORTED}      public:\n        - id: subnet-1\n        - az: us-east-1a\n"),
            "env-imported-vpc-subnets",
            "network.vpc.subnets.public[1].id",
            r#"validate "network": validate "vpc": validate "subnets" for an imported VPC: validate public[1]: "id" must be specified"#,
        ),
        (
            "network:\n  vpc:\n    id: vpc-1\n".to_string(),
            "env-imported-vpc-subnets",
            "network.vpc.subnets",
            r#"validate "network": validate "vpc": validate "subnets" for an imported VPC: VPC must have subnets in order to proceed with environment creation"#,
        ),
        (
            format!("{IMPORTED}      private:\n        - id: subnet-3\n"),
            "env-imported-vpc-subnets",
            "network.vpc.subnets.private",
            r#"validate "network": validate "vpc": validate "subnets" for an imported VPC: validate "private": at least two private subnets must be imported"#,
        ),
        (
            format!("{ADJUSTED}      public:\n        - cidr: 10.0.0.0/24\n        - az: a\n"),
            "env-adjusted-vpc-subnets",
            "network.vpc.subnets.public[1].cidr",
            r#"validate "network": validate "vpc": validate "subnets" for an adjusted VPC: validate public[1]: "cidr" must be specified"#,
        ),
        (
            format!(
                "{ADJUSTED}      public:\n        - {{cidr: 10.0.0.0/24, az: a}}\n      private:\n        - {{cidr: 10.0.1.0/24, az: a}}\n"
            ),
            "env-adjusted-vpc-subnets",
            "network.vpc.subnets",
            r#"validate "network": validate "vpc": validate "subnets" for an adjusted VPC: require at least 2 availability zones"#,
        ),
        (
            format!(
                "{ADJUSTED}      public:\n        - {{cidr: 10.0.0.0/24, az: a}}\n        - {{cidr: 10.0.2.0/24, az: b}}\n        - {{cidr: 10.0.4.0/24, az: b}}\n      private:\n        - {{cidr: 10.0.1.0/24, az: a}}\n        - {{cidr: 10.0.3.0/24, az: b}}\n"
            ),
            "env-adjusted-vpc-subnets",
            "network.vpc.subnets.public",
            r#"validate "network": validate "vpc": validate "subnets" for an adjusted VPC: validate "public": number of public subnet CIDRs (3) does not match number of AZs (2)"#,
        ),
        (
            "http:\n  public:\n    security_groups:\n      ingress:\n        restrict_to:\n          cdn: true\n    ingress:\n      cdn: true\ncdn: true\n".to_string(),
            "env-alb-ingress-invalid",
            "http.public.ingress",
            r#"validate "http config": validate "public": must specify one, not both, of "public.http.security_groups.ingress" and "public.http.ingress""#,
        ),
        (
            "http:\n  public:\n    security_groups:\n      ingress:\n        from_vpc: true\n".to_string(),
            "env-alb-ingress-invalid",
            "http.public.security_groups.ingress.from_vpc",
            r#"validate "http config": validate "public": a public load balancer already allows vpc ingress"#,
        ),
        (
            "http:\n  public:\n    security_groups:\n      ingress:\n        restrict_to:\n          source_ips: [1.1.1.invalidip]\n".to_string(),
            "env-alb-ingress-invalid",
            "http.public.security_groups.ingress.restrict_to.source_ips[0]",
            r#"validate "http config": validate "public": parse IPNet 1.1.1.invalidip: invalid CIDR address: 1.1.1.invalidip"#,
        ),
        (
            "http:\n  private:\n    security_groups:\n      ingress:\n        from_vpc: true\n    ingress:\n      vpc: true\n".to_string(),
            "env-alb-ingress-invalid",
            "http.private.ingress",
            r#"validate "http config": validate "private": must specify one, not both, of "private.http.security_groups.ingress" and "private.http.ingress""#,
        ),
        (
            "http:\n  private:\n    security_groups:\n      ingress:\n        restrict_to:\n          source_ips: [10.0.0.0/8]\n".to_string(),
            "env-alb-ingress-invalid",
            "http.private.security_groups.ingress.restrict_to",
            r#"validate "http config": validate "private": an internal load balancer cannot have restrictive ingress fields"#,
        ),
        (
            "http:\n  private:\n    certificates: [\"arn:aws\"]\n".to_string(),
            "env-certificate-arn",
            "http.private.certificates[0]",
            r#"validate "http config": validate "private": parse "certificates[0]": arn: not enough sections"#,
        ),
        (
            format!("{SG}      egress:\n        - ip_protocol: tcp\n          ports: 80\n"),
            "env-security-group-rule",
            "network.vpc.security_group.egress[0].cidr",
            r#"validate "security_group": validate egress[0]: "cidr" must be specified"#,
        ),
        (
            format!("{SG}      ingress:\n        - ip_protocol: tcp\n          cidr: 0.0.0.0/0\n"),
            "env-security-group-rule",
            "network.vpc.security_group.ingress[0].ports",
            r#"validate "security_group": validate ingress[0]: "ports" must be specified"#,
        ),
        (
            format!(
                "{SG}      ingress:\n        - ip_protocol: tcp\n          cidr: 0.0.0.0/0\n          ports: 1-10-10\n"
            ),
            "env-security-group-rule",
            "network.vpc.security_group.ingress[0].ports",
            r#"validate "security_group": validate ingress[0]: invalid range value 1-10-10: valid format is ${from_port}-${to_port}"#,
        ),
        (
            "cdn:\n  certificate: not-an-arn\n  terminate_tls: true\n".to_string(),
            "env-cdn-invalid",
            "cdn.certificate",
            r#"validate "cdn": parse cdn certificate: arn: invalid prefix"#,
        ),
        (
            "cdn:\n  static_assets:\n    alias: example.com\n    path: static/*\n".to_string(),
            "env-cdn-invalid",
            "cdn.static_assets.location",
            r#"validate "cdn": validate "static_assets": "location" must be specified"#,
        ),
        (
            format!("cdn:\n  certificate: {ARN}\n"),
            "env-cdn-required",
            "cdn.terminate_tls",
            r#""cdn.terminate_tls" must be true if "cdn.certificate" is set without "http.public.certificates""#,
        ),
        (
            format!("cdn: true\nhttp:\n  public:\n    certificates: [{ARN}]\n"),
            "env-cdn-required",
            "cdn.certificate",
            r#""cdn.certificate" must be specified if "http.public.certificates" and "cdn" are specified"#,
        ),
        (
            "http:\n  public:\n    security_groups:\n      ingress:\n        restrict_to:\n          cdn: true\n".to_string(),
            "env-cdn-required",
            "http.public.security_groups.ingress.restrict_to.cdn",
            "CDN must be enabled to limit security group ingress to CloudFront",
        ),
        (
            "http:\n  private:\n    subnets: [subnet-1]\n".to_string(),
            "env-internal-alb-subnets",
            "http.private.subnets",
            "in order to specify internal ALB subnet placement, subnets must be imported",
        ),
        (
            format!("{IMPORTED}{two_private}http:\n  private:\n    subnets: [subnet-3, subnet-3]\n"),
            "env-internal-alb-subnets",
            "http.private.subnets",
            "subnet(s) specified for internal ALB placement not imported",
        ),
    ];
    for (manifest, code, path, text) in cases {
        let got = errors(&env_only(&manifest));
        let want = (
            code.to_string(),
            format!("validate environment manifest for \"test\": {text}"),
            path.to_string(),
        );
        assert_eq!(got, vec![want], "{manifest}");
    }
}
