//! The renderer on the docs' kudos workspace and on the shapes of spec §7 and §8: fragment YAML
//! with short tags, CloudFormation JSON, parameter values and provenance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
#![cfg_attr(not(feature = "render"), allow(dead_code))]

use copilot_manifest::{Fragment, Fragments, SourceFile, Workspace};

const API: &str = "name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\n  port: 80\nnetwork:\n  connect: true\n";
const FRONT_END: &str = "name: front-end\ntype: Load Balanced Web Service\nimage:\n  build: front-end/Dockerfile\n  port: 80\nhttp:\n  path: '/'\nnetwork:\n  connect: true\n";

fn workspace(services: &[(&str, &str)]) -> Workspace {
    let mut files = vec![
        SourceFile::new("copilot/.workspace", "application: kudos\n"),
        SourceFile::new(
            "copilot/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
    ];
    for (name, text) in services {
        files.push(SourceFile::new(
            format!("copilot/{name}/manifest.yml"),
            *text,
        ));
    }
    Workspace {
        files,
        ..Workspace::default()
    }
}

/// The fragments of `service` in `test`, asked for on demand as the CLI's `render` does.
fn fragments(ws: &Workspace, service: &str) -> Fragments {
    copilot_manifest::service_detail(ws, service, "test")
        .unwrap()
        .fragments
}

fn item<'a>(f: &'a Fragments, path: &str) -> &'a Fragment {
    f.items
        .iter()
        .find(|i| i.path.join(".") == path)
        .unwrap_or_else(|| panic!("no fragment {path}"))
}

#[cfg(feature = "render")]
#[test]
fn kudos_api_is_a_service_connect_server() {
    let ws = workspace(&[("api", API), ("front-end", FRONT_END)]);
    let f = &fragments(&ws, "api");
    assert_eq!(
        item(
            f,
            "Resources.Service.Properties.ServiceConnectConfiguration"
        )
        .yaml,
        "Enabled: true\nNamespace: test.kudos.local\nLogConfiguration:\n  LogDriver: awslogs\n  Options:\n    awslogs-region: !Ref AWS::Region\n    awslogs-group: !Ref LogGroup\n    awslogs-stream-prefix: copilot\nServices:\n  - PortName: target\n    DiscoveryName: !Join ['-', [!Ref WorkloadName, sc]]\n    ClientAliases:\n      - Port: !Ref TargetPort\n        DnsName: !Ref WorkloadName\n"
    );
    assert_eq!(
        item(
            f,
            "Resources.TaskDefinition.Properties.ContainerDefinitions.0.PortMappings"
        )
        .yaml,
        "- ContainerPort: 80\n  Protocol: tcp\n  Name: target\n"
    );
    // Backend: registration guarded by ExposePort (spec §7.4).
    let registries = item(f, "Resources.Service.Properties.ServiceRegistries");
    assert_eq!(
        registries.yaml,
        "!If\n- ExposePort\n- - RegistryArn: !GetAtt DiscoveryService.Arn\n    Port: !Ref TargetPort\n- !Ref AWS::NoValue\n"
    );
    assert_eq!(
        registries.json,
        serde_json::json!({"Fn::If": ["ExposePort", [{"RegistryArn": {"Fn::GetAtt": ["DiscoveryService", "Arn"]}, "Port": {"Ref": "TargetPort"}}], {"Ref": "AWS::NoValue"}]})
    );
    assert_eq!(
        item(f, "Conditions.ExposePort").yaml,
        "!Not [!Equals [!Ref TargetPort, -1]]\n"
    );
    let env = item(
        f,
        "Resources.TaskDefinition.Properties.ContainerDefinitions.0.Environment",
    );
    assert!(env.yaml.starts_with("- Name: COPILOT_APPLICATION_NAME\n  Value: !Sub '${AppName}'\n- Name: COPILOT_SERVICE_DISCOVERY_ENDPOINT\n  Value: test.kudos.local\n"), "{}", env.yaml);
    assert_eq!(
        f.parameter_values,
        [
            ("ContainerPort", "80"),
            ("TargetContainer", "api"),
            ("TargetPort", "80")
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    );
    assert!(f.omitted.is_empty());
}

#[cfg(feature = "render")]
#[test]
fn kudos_front_end_registers_unconditionally_and_gets_the_alb_dns() {
    let ws = workspace(&[("api", API), ("front-end", FRONT_END)]);
    let f = &fragments(&ws, "front-end");
    assert_eq!(
        item(f, "Resources.Service.Properties.ServiceRegistries").yaml,
        "- RegistryArn: !GetAtt DiscoveryService.Arn\n  Port: !Ref TargetPort\n"
    );
    let env = item(
        f,
        "Resources.TaskDefinition.Properties.ContainerDefinitions.0.Environment",
    );
    assert!(env.yaml.ends_with(
        "- Name: COPILOT_LB_DNS\n  Value: !GetAtt EnvControllerAction.PublicLoadBalancerDNSName\n"
    ));
    assert_eq!(
        item(f, "Outputs.DiscoveryServiceARN").yaml,
        "Description: ARN of the Discovery Service.\nValue: !GetAtt DiscoveryService.Arn\nExport:\n  Name: !Sub '${AWS::StackName}-DiscoveryServiceARN'\n"
    );
}

#[cfg(feature = "render")]
#[test]
fn disabled_and_client_only_service_connect() {
    let off = "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\n";
    let worker =
        "name: w\ntype: Worker Service\nimage:\n  location: nginx\nnetwork:\n  connect: true\n";
    let ws = workspace(&[("api", off), ("w", worker)]);
    assert_eq!(
        item(
            &fragments(&ws, "api"),
            "Resources.Service.Properties.ServiceConnectConfiguration"
        )
        .yaml,
        "!If\n- IsGovCloud\n- !Ref AWS::NoValue\n- Enabled: false\n"
    );
    // The port mapping is still named `target` with SC off (spec §7.2).
    assert!(
        item(
            &fragments(&ws, "api"),
            "Resources.TaskDefinition.Properties.ContainerDefinitions.0.PortMappings"
        )
        .yaml
        .contains("Name: target")
    );
    let w = &fragments(&ws, "w");
    let sc = item(
        w,
        "Resources.Service.Properties.ServiceConnectConfiguration",
    );
    assert!(sc.yaml.starts_with("Enabled: true\n") && !sc.yaml.contains("Services"));
    assert_eq!(
        item(w, "Resources.Service.Properties.ServiceRegistries").yaml,
        "!Ref AWS::NoValue\n"
    );
    assert!(
        w.items
            .iter()
            .all(|i| i.path.last().unwrap() != "PortMappings")
    );
    assert!(w.parameter_values.is_empty());
}

#[cfg(feature = "render")]
#[test]
fn private_placement_security_groups_and_alias() {
    let svc = "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect:\n    alias: backend\n  vpc:\n    placement: private\n    security_groups:\n      deny_default: true\n      groups: [sg-1, {from_cfn: Export1}]\nvariables:\n  B: two\n  A:\n    from_cfn: X\n";
    let ws = workspace(&[("api", svc)]);
    let f = &fragments(&ws, "api");
    assert_eq!(
        item(f, "Resources.Service.Properties.NetworkConfiguration").yaml,
        "AwsvpcConfiguration:\n  AssignPublicIp: DISABLED\n  Subnets:\n    Fn::Split:\n      - ','\n      - Fn::ImportValue: !Sub '${AppName}-${EnvName}-PrivateSubnets'\n  SecurityGroups:\n    - sg-1\n    - Fn::ImportValue: Export1\n"
    );
    let sc = item(
        f,
        "Resources.Service.Properties.ServiceConnectConfiguration",
    );
    assert!(sc.yaml.contains("DnsName: backend\n"));
    let env = item(
        f,
        "Resources.TaskDefinition.Properties.ContainerDefinitions.0.Environment",
    );
    assert!(
        env.yaml
            .ends_with("- Name: A\n  Value:\n    Fn::ImportValue: X\n- Name: B\n  Value: two\n"),
        "{}",
        env.yaml
    );
}

#[cfg(feature = "render")]
#[test]
fn provenance_points_at_the_manifest_lines() {
    let ws = workspace(&[("api", API)]);
    let f = &fragments(&ws, "api");
    let sc = item(
        f,
        "Resources.Service.Properties.ServiceConnectConfiguration",
    );
    let enabled = sc
        .provenance
        .iter()
        .find(|p| p.pointer == "/Enabled")
        .unwrap();
    assert_eq!(enabled.yaml_line, 1);
    assert_eq!(enabled.sources[0].file, "copilot/api/manifest.yml");
    assert!(enabled.sources.iter().any(|s| s.line == 7), "{enabled:?}");
    let port = item(
        f,
        "Resources.TaskDefinition.Properties.ContainerDefinitions.0.PortMappings",
    );
    let mapping = port.provenance.iter().find(|p| p.pointer == "/0").unwrap();
    assert_eq!((mapping.sources[0].line, mapping.sources[0].column), (5, 9));
    let alias = sc
        .provenance
        .iter()
        .find(|p| p.pointer == "/Services/0/ClientAliases/0/DnsName")
        .unwrap();
    assert_eq!(alias.yaml_line, 14);
    assert_eq!(alias.sources[0].line, 1);
}

#[cfg(feature = "render")]
#[test]
fn environment_namespace_new_and_legacy() {
    let mut ws = workspace(&[("api", API)]);
    ws.files[1] = SourceFile::new(
        "copilot/environments/test/manifest.yml",
        "name: test\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-123\n",
    );
    let env = &copilot_manifest::environment_fragments(&ws, "test");
    let ns = item(env, "Resources.ServiceDiscoveryNamespace");
    assert!(
        ns.yaml
            .ends_with("Properties:\n  Name: !Ref ServiceDiscoveryEndpoint\n  Vpc: vpc-123\n"),
        "{}",
        ns.yaml
    );
    assert_eq!(
        ns.provenance
            .iter()
            .find(|p| p.pointer == "/Properties/Vpc")
            .unwrap()
            .sources[0]
            .line,
        5
    );
    assert_eq!(
        env.parameter_values["ServiceDiscoveryEndpoint"],
        "test.kudos.local"
    );
    assert_eq!(
        item(env, "Outputs.ServiceDiscoveryNamespaceID").yaml,
        "Value: !GetAtt ServiceDiscoveryNamespace.Id\nExport:\n  Name: !Sub '${AWS::StackName}-ServiceDiscoveryNamespaceID'\n"
    );
    ws.legacy_namespaces = vec!["test".into()];
    ws.files[1] = SourceFile::new(
        "copilot/environments/test/manifest.yml",
        "name: test\ntype: Environment\n",
    );
    let env = &copilot_manifest::environment_fragments(&ws, "test");
    assert_eq!(
        env.parameter_values["ServiceDiscoveryEndpoint"],
        "kudos.local"
    );
    assert!(
        item(env, "Resources.ServiceDiscoveryNamespace")
            .yaml
            .contains("Vpc: !Ref VPC\n")
    );
}

#[cfg(feature = "render")]
#[test]
fn topic_arns_need_account_and_region() {
    let svc = "name: pub\ntype: Backend Service\nimage:\n  build: Dockerfile\npublish:\n  topics:\n    - name: orders\n      fifo: true\n    - name: events\n";
    let mut ws = workspace(&[("pub", svc)]);
    let f = &fragments(&ws, "pub");
    assert!(f.omitted[0].reason.contains("account and region"));
    ws.account = Some("123456789012".into());
    ws.region = Some("eu-west-1".into());
    let f = fragments(&ws, "pub");
    let env = item(
        &f,
        "Resources.TaskDefinition.Properties.ContainerDefinitions.0.Environment",
    );
    assert!(env.yaml.contains(r#"{"events":"arn:aws:sns:eu-west-1:123456789012:kudos-test-pub-events","orders.fifo":"arn:aws:sns:eu-west-1:123456789012:kudos-test-pub-orders.fifo"}"#), "{}", env.yaml);
}
