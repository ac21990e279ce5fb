//! `network` and Service Connect rules: placement (spec §4.3 item 10, §4.7), Windows (item 13),
//! and an LBWS that disables `http` without an NLB (item 1).

use super::{Subject, error};
use crate::diagnostic::Diagnostic;
use crate::model::{Http, WorkloadType};
use crate::rules::Rule;

pub(super) fn http_or_nlb(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let disabled = matches!(
        s.config.http.as_ref().map(|h| &h.value),
        Some(Http::Bool(false))
    );
    if disabled && s.config.nlb.is_empty() {
        let span = s.config.http.as_ref().map_or(s.anchor, |h| h.span);
        out.push(error(
            Rule::HttpOrNlbRequired,
            span,
            "http",
            "with `http: false` a Load Balanced Web Service needs `nlb`".into(),
            "must specify at least one of \"http\" or \"nlb\"".into(),
            "set `http.path`, or add `nlb.port`",
        ));
    }
}

pub(super) fn placement(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(placement) = &s.config.placement else {
        return;
    };
    let Some(text) = placement.value.as_deref() else {
        return;
    };
    let prefix = "validate \"network\": validate \"vpc\": validate \"placement\": ";
    if text.is_empty() {
        out.push(error(
            Rule::PlacementInvalid,
            placement.span,
            "network.vpc.placement",
            "`network.vpc.placement` is empty".into(),
            format!("{prefix}\"placement\" cannot be empty"),
            "use `public`, `private`, or a map with `subnets`",
        ));
    } else if text != "public" && text != "private" {
        out.push(error(
            Rule::PlacementInvalid,
            placement.span,
            "network.vpc.placement",
            format!("`{text}` is not a placement: use `public` or `private` (lower case)"),
            format!("{prefix}\"placement\" {text} must be one of public, private"),
            "use `public`, `private`, or a map with `subnets`",
        ));
    } else if s.ty == WorkloadType::RequestDrivenWebService && text != "private" {
        out.push(error(
            Rule::PlacementInvalid,
            placement.span,
            "network.vpc.placement",
            format!("a Request-Driven Web Service's VPC connector cannot be `{text}`"),
            format!("placement \"{text}\" is not supported for Request-Driven Web Service"),
            "use `private` (or `subnets`) to connect the App Runner service to the VPC",
        ));
    }
}

/// v1.33.2: Service Connect is refused for Windows LBWS and Backend Services.
pub(super) fn windows_connect(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(os) = &s.config.platform_os else {
        return;
    };
    let Some(connect) = s.config.connect.as_ref().filter(|c| c.value.enabled()) else {
        return;
    };
    if os.value.to_ascii_lowercase().starts_with("windows") {
        out.push(error(
            Rule::ConnectWindows,
            connect.span,
            "network.connect",
            "Service Connect does not support Windows tasks".into(),
            "validate Windows: service connect (`network.connect`) is not supported for Windows"
                .into(),
            "remove `network.connect`; Windows services reach each other through Service Discovery",
        ));
    }
}
