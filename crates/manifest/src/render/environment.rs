//! Environment stack fragments (spec §8.1): the private DNS namespace, its parameter and the
//! namespace-ID export the workload stacks import.

use super::tree::{Frag, get_att, map, r#ref, s, sub};
use super::{Rendered, get_in, text};
use crate::diagnostic::Span;
use crate::syntax::Document;

pub struct EnvironmentInput<'a> {
    /// `{env}.{app}.local`, or `{app}.local` for a legacy environment.
    pub namespace: &'a str,
    /// The environment manifest, when the workspace has one.
    pub manifest: Option<&'a Document>,
}

pub fn environment_fragments(input: &EnvironmentInput<'_>) -> Rendered {
    let mut out = Rendered::default();
    let vpc_id = input.manifest.and_then(|doc| {
        let root = doc.root.as_ref()?;
        let id = get_in(doc, root, "network.vpc.id")?;
        Some((text(doc, Some(id))?.to_string(), id.span))
    });
    let vpc: Frag = match &vpc_id {
        Some((id, span)) => s(id.as_str()).from([*span]),
        None => r#ref("VPC"),
    };
    let spans: Vec<Span> = vpc_id.iter().map(|(_, span)| *span).collect();
    out.add(
        &["Parameters", "ServiceDiscoveryEndpoint"],
        map(vec![("Type", s("String"))]),
    );
    out.add(
        &["Resources", "ServiceDiscoveryNamespace"],
        map(vec![
            (
                "Metadata",
                map(vec![(
                    "aws:copilot:description",
                    s("A private DNS namespace for discovering services within the environment"),
                )]),
            ),
            ("Type", s("AWS::ServiceDiscovery::PrivateDnsNamespace")),
            (
                "Properties",
                map(vec![
                    ("Name", r#ref("ServiceDiscoveryEndpoint")),
                    ("Vpc", vpc),
                ])
                .from(spans),
            ),
        ]),
    );
    out.add(
        &["Outputs", "ServiceDiscoveryNamespaceID"],
        map(vec![
            ("Value", get_att("ServiceDiscoveryNamespace.Id")),
            (
                "Export",
                map(vec![(
                    "Name",
                    sub("${AWS::StackName}-ServiceDiscoveryNamespaceID"),
                )]),
            ),
        ]),
    );
    out.parameter_values.insert(
        "ServiceDiscoveryEndpoint".into(),
        input.namespace.to_string(),
    );
    out
}
