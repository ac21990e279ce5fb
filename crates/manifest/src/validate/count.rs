//! `count` as an autoscaling map (Copilot's `AdvancedCount.validate`, texts from its validate.go
//! and errors.go): which scaling fields a workload type may use, `spot` against autoscaling, the
//! range and the fields that need it, and queue-based scaling. Every message is prefixed
//! `validate "count": `.

use super::{Subject, error, text};
use crate::diagnostic::Diagnostic;
use crate::model::WorkloadType;
use crate::rules::Rule;
use crate::syntax::{Node, NodeKind, ResolvedScalar};

const ALL_FIELDS: [&str; 5] = [
    "cpu_percentage",
    "memory_percentage",
    "requests",
    "response_time",
    "queue_delay",
];
const PREFIX: &str = "validate \"count\": ";

fn valid_fields(ty: WorkloadType) -> &'static [&'static str] {
    match ty {
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService => &[
            "cpu_percentage",
            "memory_percentage",
            "requests",
            "response_time",
        ],
        WorkloadType::WorkerService => &["cpu_percentage", "memory_percentage", "queue_delay"],
        _ => &[],
    }
}

/// `"a", "b" or "c"`, as Go's `english.WordSeries` of quoted fields.
fn series(fields: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("\"{f}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

fn int(s: &Subject<'_>, node: Option<&Node>) -> Option<i128> {
    match node.and_then(|n| s.doc.resolve_scalar(n)) {
        Some((ResolvedScalar::Int(i), _)) => Some(i),
        _ => None,
    }
}

pub(super) fn advanced(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let valid = valid_fields(s.ty);
    if valid.is_empty() {
        return; // Jobs: `job-count-autoscaling`; RDWS and Static Sites have no such map.
    }
    let Some(count) = s.get("count").filter(|c| c.entries().is_some()) else {
        return;
    };
    let has = |key: &str| s.get(&format!("count.{key}")).is_some();
    let set: Vec<&str> = ALL_FIELDS.iter().copied().filter(|f| has(f)).collect();
    let mut push = |code: Rule, span, message: String, copilot: String, help: &'static str| {
        out.push(error(
            code,
            span,
            "count",
            message,
            format!("{PREFIX}{copilot}"),
            help,
        ));
    };

    let invalid: Vec<&str> = set.iter().copied().filter(|f| !valid.contains(f)).collect();
    if let Some(first) = invalid.first().and_then(|f| s.get(&format!("count.{f}"))) {
        let (noun, verb) = if invalid.len() == 1 {
            ("field", "is")
        } else {
            ("fields", "are")
        };
        push(
            Rule::CountFieldInvalid,
            first.span,
            format!("a {} cannot scale on {}", s.ty.as_str(), invalid.join(", ")),
            format!(
                "autoscaling {noun} {} {verb} invalid with workload type {}",
                series(&invalid, "and"),
                s.ty.as_str()
            ),
            "scale on the fields this workload type supports",
        );
        return;
    }
    let scaling = set.iter().any(|f| valid.contains(f));
    if let Some(spot) = s.get("count.spot")
        && (scaling || has("range"))
    {
        push(
            Rule::CountSpotWithAutoscaling,
            spot.span,
            "`spot` is a fixed number of Spot tasks: it cannot be combined with autoscaling".into(),
            format!(
                "must specify one, not both, of \"spot\" and \"range/{}\"",
                valid.join("/")
            ),
            "use `range.spot_from` to put tasks above a count on Spot",
        );
        return;
    }
    if let Some(range) = s.get("count.range")
        && let Some(problem) = range_problem(s, range)
    {
        push(
            Rule::CountRangeInvalid,
            range.span,
            problem.clone(),
            format!("validate \"range\": {problem}"),
            "write `MIN-MAX` or `{min: N, max: M}` with min ≤ max",
        );
        return;
    }
    if !has("range") && scaling {
        let at = set
            .first()
            .and_then(|f| s.get(&format!("count.{f}")))
            .map_or(count.span, |n| n.span);
        push(
            Rule::CountRangeRequired,
            at,
            "autoscaling needs `count.range`".into(),
            format!(
                "\"range\" must be specified if {} are specified",
                series(valid, "or")
            ),
            "add `range: 1-10` (the least and most tasks)",
        );
        return;
    }
    for conditional in ["range", "cooldown"] {
        if let Some(node) = s.get(&format!("count.{conditional}"))
            && !scaling
        {
            push(
                Rule::CountScalingFieldRequired,
                node.span,
                format!("`count.{conditional}` needs a field to scale on"),
                format!(
                    "must specify at least one of {} if \"{conditional}\" is specified",
                    series(valid, "or")
                ),
                "add `cpu_percentage: 70` or another scaling field",
            );
            return;
        }
    }
    queue_delay(s, &mut push);
}

/// The range's own problem: Copilot's text after `validate "range": `.
fn range_problem(s: &Subject<'_>, range: &Node) -> Option<String> {
    if range.entries().is_some() {
        let (min, max) = (
            int(s, s.get("count.range.min")),
            int(s, s.get("count.range.max")),
        );
        return match (min, max) {
            (Some(min), Some(max)) if min > max => Some(format!(
                "min value {min} cannot be greater than max value {max}"
            )),
            (Some(_), Some(_)) => None,
            _ => Some("\"min/max\" must be specified".into()),
        };
    }
    let value = text(s.doc, Some(range))?;
    let (min, max) = value.split_once('-')?;
    let (min, max) = (min.parse::<u64>().ok()?, max.parse::<u64>().ok()?);
    // A malformed band is `count-range-invalid` in task.rs, with its own text.
    (min > max).then(|| format!("min value {min} cannot be greater than max value {max}"))
}

type Push<'a> = dyn FnMut(Rule, crate::diagnostic::Span, String, String, &'static str) + 'a;

fn queue_delay(s: &Subject<'_>, push: &mut Push<'_>) {
    let Some(queue) = s
        .get("count.queue_delay")
        .filter(|q| matches!(q.kind, NodeKind::Map(_)))
    else {
        return;
    };
    let latency = s.get("count.queue_delay.acceptable_latency");
    let processing = s.get("count.queue_delay.msg_processing_time");
    let zero = |n: Option<&Node>| {
        text(s.doc, n).is_some_and(|t| {
            t.trim_start_matches(['0', '.'])
                .chars()
                .all(|c| c.is_ascii_alphabetic())
        })
    };
    let problem = match (latency, processing) {
        (None, Some(_)) => Some(
            "\"acceptable_latency\" must be specified if \"msg_processing_time\" is specified"
                .to_string(),
        ),
        (Some(_), None) => Some(
            "\"msg_processing_time\" must be specified if \"acceptable_latency\" is specified"
                .to_string(),
        ),
        (Some(l), Some(_)) if zero(Some(l)) => {
            Some("\"acceptable_latency\" cannot be 0".to_string())
        }
        (Some(_), Some(p)) if zero(Some(p)) => {
            Some("\"msg_processing_time\" cannot be 0".to_string())
        }
        _ => None,
    };
    if let Some(problem) = problem {
        push(
            Rule::CountQueueDelayInvalid,
            queue.span,
            "`queue_delay` needs both `acceptable_latency` and `msg_processing_time`, neither 0"
                .into(),
            format!("validate \"queue_delay\": {problem}"),
            "set both durations, e.g. `acceptable_latency: 10m` and `msg_processing_time: 250ms`",
        );
    }
}
