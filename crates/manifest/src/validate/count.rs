//! `count` as an autoscaling map (Copilot's `AdvancedCount.validate`, texts from its validate.go
//! and errors.go): which scaling fields a workload type may use, `spot` against autoscaling, the
//! range and the fields that need it, and queue-based scaling. Every message is prefixed
//! `validate "count": `.

use super::{Subject, error};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::settings::{Count, Range};
use crate::model::{Spanned, WorkloadType};
use crate::rules::Rule;

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

pub(super) fn advanced(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let valid = valid_fields(s.ty);
    if valid.is_empty() {
        return; // Jobs: `job-count-autoscaling`; RDWS and Static Sites have no such map.
    }
    let Some(count) = &s.config.settings.count else {
        return;
    };
    let fields = count.scaling_fields();
    let span_of = |key: &str| {
        fields
            .iter()
            .find(|(f, _)| *f == key)
            .and_then(|(_, span)| *span)
    };
    let set: Vec<&str> = fields
        .iter()
        .filter(|(_, span)| span.is_some())
        .map(|(f, _)| *f)
        .collect();
    let mut push =
        |code: Rule, span, path: String, message: String, copilot: String, help: &'static str| {
            out.push(error(
                code,
                span,
                path,
                message,
                format!("{PREFIX}{copilot}"),
                help,
            ));
        };

    let invalid: Vec<&str> = set.iter().copied().filter(|f| !valid.contains(f)).collect();
    if let Some((field, first)) = invalid.first().and_then(|f| Some((f, span_of(f)?))) {
        let (noun, verb) = if invalid.len() == 1 {
            ("field", "is")
        } else {
            ("fields", "are")
        };
        push(
            Rule::CountFieldInvalid,
            first,
            format!("count.{field}"),
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
    if let Some(spot) = count.spot
        && (scaling || count.range.is_some())
    {
        push(
            Rule::CountSpotWithAutoscaling,
            spot,
            "count.spot".into(),
            "`spot` is a fixed number of Spot tasks: it cannot be combined with autoscaling".into(),
            format!(
                "must specify one, not both, of \"spot\" and \"range/{}\"",
                valid.join("/")
            ),
            "use `range.spot_from` to put tasks above a count on Spot",
        );
        return;
    }
    if let Some(range) = &count.range
        && let Some(problem) = range_problem(range)
    {
        push(
            Rule::CountRangeInvalid,
            range.span,
            "count.range".into(),
            problem.clone(),
            format!("validate \"range\": {problem}"),
            "write `MIN-MAX` or `{min: N, max: M}` with min ≤ max",
        );
        return;
    }
    if count.range.is_none() && scaling {
        let (path, at) = set
            .first()
            .and_then(|f| Some((format!("count.{f}"), span_of(f)?)))
            .unwrap_or_else(|| ("count".into(), count.span));
        push(
            Rule::CountRangeRequired,
            at,
            path,
            "autoscaling needs `count.range`".into(),
            format!(
                "\"range\" must be specified if {} are specified",
                series(valid, "or")
            ),
            "add `range: 1-10` (the least and most tasks)",
        );
        return;
    }
    for (conditional, span) in [
        ("range", count.range.as_ref().map(|r| r.span)),
        ("cooldown", count.cooldown),
    ] {
        if let Some(span) = span
            && !scaling
        {
            push(
                Rule::CountScalingFieldRequired,
                span,
                format!("count.{conditional}"),
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
    queue_delay(count, &mut push);
}

/// The range's own problem: Copilot's text after `validate "range": `.
fn range_problem(range: &Spanned<Range>) -> Option<String> {
    let value = match &range.value {
        Range::Limits { min, max, .. } => {
            return match (min, max) {
                (Some(min), Some(max)) if min > max => Some(format!(
                    "min value {min} cannot be greater than max value {max}"
                )),
                (Some(_), Some(_)) => None,
                _ => Some("\"min/max\" must be specified".into()),
            };
        }
        Range::Band(value) => value,
        Range::Other => return None,
    };
    let (min, max) = value.split_once('-')?;
    let (min, max) = (min.parse::<u64>().ok()?, max.parse::<u64>().ok()?);
    // A malformed band is `count-range-invalid` in task.rs, with its own text.
    (min > max).then(|| format!("min value {min} cannot be greater than max value {max}"))
}

/// (rule, span, path, message, Copilot's text, help).
type Push<'a> = dyn FnMut(Rule, Span, String, String, String, &'static str) + 'a;

fn queue_delay(count: &Count, push: &mut Push<'_>) {
    let Some((span, queue)) =
        (count.queue_delay.as_ref()).and_then(|q| q.value.as_ref().map(|value| (q.span, value)))
    else {
        return;
    };
    let latency = queue.acceptable_latency.as_ref();
    let processing = queue.msg_processing_time.as_ref();
    let zero = |n: Option<&Spanned<Option<String>>>| {
        n.and_then(|n| n.value.as_deref()).is_some_and(|t| {
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
            span,
            "count.queue_delay".into(),
            "`queue_delay` needs both `acceptable_latency` and `msg_processing_time`, neither 0"
                .into(),
            format!("validate \"queue_delay\": {problem}"),
            "set both durations, e.g. `acceptable_latency: 10m` and `msg_processing_time: 250ms`",
        );
    }
}
