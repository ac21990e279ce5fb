//! What the panes show, computed from a Report without touching the DOM (unit-testable natively).

use std::collections::BTreeMap;

use copilot_manifest::workspace::FileKind;
use copilot_manifest::{
    ColumnUnit, Diagnostic, EnvironmentReport, Report, ServiceConnect, ServiceDiscovery, Severity,
    SourceFile, Via, Workspace,
};

/// The environment variable every service gets with its Service Discovery namespace.
pub const SD_ENDPOINT_VAR: &str = "COPILOT_SERVICE_DISCOVERY_ENDPOINT";

/// The settings that go with the files into every analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Shell variables for `${VAR}`.
    pub variables: BTreeMap<String, String>,
    /// Environments created before Copilot v1.9.0 (namespace `{app}.local`).
    pub legacy_namespaces: Vec<String>,
}

/// The worker's input: the files as they are in the editor, columns counted in UTF-16 units
/// (CodeMirror's offsets).
pub fn workspace_json(files: &[SourceFile], settings: &Settings) -> String {
    serde_json::to_string(&workspace(files, settings)).unwrap_or_default()
}

fn workspace(files: &[SourceFile], settings: &Settings) -> Workspace {
    Workspace {
        files: files.to_vec(),
        variables: settings.variables.clone(),
        legacy_namespaces: settings.legacy_namespaces.clone(),
        column_unit: ColumnUnit::Utf16,
        ..Workspace::default()
    }
}

/// The worker's request: the workspace, and the one service (by manifest path) and environment
/// whose effective manifest and fragments a visible pane needs.
pub fn request_json(
    files: &[SourceFile],
    settings: &Settings,
    detail: Option<crate::analysis::DetailRequest>,
) -> String {
    let workspace = workspace(files, settings);
    serde_json::json!({ "workspace": workspace, "detail": detail }).to_string()
}

/// The worker's answer, parsed once.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct Answer {
    pub report: Option<Report>,
    #[serde(default)]
    pub detail: Option<copilot_manifest::Detail>,
    #[serde(default)]
    pub environment_fragments: Option<copilot_manifest::Fragments>,
}

/// What the Problems pane lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProblemFilter {
    pub errors: bool,
    pub warnings: bool,
    pub infos: bool,
    /// All environments instead of the one selected.
    pub all_envs: bool,
}

impl Default for ProblemFilter {
    fn default() -> Self {
        Self {
            errors: true,
            warnings: true,
            infos: true,
            all_envs: false,
        }
    }
}

impl ProblemFilter {
    pub fn shows(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }
}

/// The findings in the environment scope (before the severity filter), most severe first; within
/// a severity in the core's order (file path, line, column). Three passes rather than a sort:
/// a sort's monomorphised code costs kilobytes of wasm.
pub fn scoped_problems<'a>(
    report: &'a Report,
    env: Option<&str>,
    all_envs: bool,
) -> Vec<&'a Diagnostic> {
    let mut list = Vec::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        list.extend(
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity && (all_envs || applies_to(d, env))),
        );
    }
    list
}

pub fn parse_answer(json: &str) -> Result<Answer, String> {
    let answer: Answer = serde_json::from_str(json)
        .map_err(|e| format!("the analysis answer could not be read: {e}"))?;
    if answer.report.is_none() {
        return Err("the analysis answer has no report".into());
    }
    Ok(answer)
}

/// The environment to show: the one asked for if the report has it, else the first.
pub fn selected_env<'a>(report: &'a Report, wanted: Option<&str>) -> Option<&'a EnvironmentReport> {
    wanted
        .and_then(|w| report.environments.iter().find(|e| e.name == w))
        .or_else(|| report.environments.first())
}

/// Whether a finding belongs in the view of `env` (`None`: the report has no environment).
pub fn applies_to(diagnostic: &Diagnostic, env: Option<&str>) -> bool {
    match (diagnostic.env.as_deref(), env) {
        (None, _) | (_, None) => true,
        (Some(d), Some(e)) => d == e,
    }
}

/// The findings shown for `env`: those for every environment plus those for `env`.
pub fn visible_diagnostics<'a>(report: &'a Report, env: Option<&str>) -> Vec<&'a Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| applies_to(d, env))
        .collect()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut counts = Self::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// "No problems", "1 error", "2 errors, 1 warning, 3 notes".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "note", "notes"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        if parts.is_empty() {
            "No problems".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// `copilot/api/manifest.yml:7:5`
pub fn location(d: &Diagnostic) -> String {
    if d.file().is_empty() {
        format!("{}:{}", d.line(), d.column())
    } else {
        format!("{}:{}:{}", d.file(), d.line(), d.column())
    }
}

/// What the Service Connect column shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScCell {
    Off,
    ClientOnly,
    Server { alias: String, url: String },
}

pub fn sc_cell(sc: Option<&ServiceConnect>) -> ScCell {
    match sc {
        None => ScCell::Off,
        Some(sc) if !sc.enabled => ScCell::Off,
        Some(sc) if !sc.server => ScCell::ClientOnly,
        Some(sc) => ScCell::Server {
            alias: sc.alias.clone().unwrap_or_default(),
            url: sc.url.clone().unwrap_or_default(),
        },
    }
}

/// What the Service Discovery column shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SdCell {
    NotRegistered,
    Registered { dns_name: String, url: String },
}

pub fn sd_cell(sd: &ServiceDiscovery) -> SdCell {
    if sd.registered {
        SdCell::Registered {
            dns_name: sd.dns_name.clone().unwrap_or_default(),
            url: sd.url.clone().unwrap_or_default(),
        }
    } else {
        SdCell::NotRegistered
    }
}

pub fn via_name(via: Via) -> &'static str {
    match via {
        Via::ServiceConnect => "Service Connect",
        Via::ServiceDiscovery => "Service Discovery",
    }
}

/// One ordered pair of services as the panes show it, expanded from the Report's grouped
/// reachability (`EnvironmentReport::pairs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub via: Option<Via>,
    pub url: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Every pair of `env`, in the Report's order.
pub fn routes(env: &EnvironmentReport) -> Vec<Route<'_>> {
    env.pairs()
        .map(|p| Route {
            from: &p.from.name,
            to: &p.to.name,
            via: p.via,
            url: p.url(),
            reason: p.reason,
        })
        .collect()
}

/// "front-end → api via Service Connect: http://api" or "front-end → api: no path: <reason>".
pub fn reach_text(r: &Route<'_>) -> String {
    let pair = format!("{} → {}", r.from, r.to);
    match (r.via, r.url) {
        (Some(via), Some(url)) if !url.is_empty() => format!("{pair} via {}: {url}", via_name(via)),
        (Some(via), _) => format!("{pair} via {}", via_name(via)),
        (None, _) => match r.reason {
            Some(reason) if !reason.is_empty() => format!("{pair}: no path: {reason}"),
            _ => format!("{pair}: no path"),
        },
    }
}

/// A service of the reachability graph, at integer SVG coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphNode {
    pub name: String,
    pub x: i32,
    pub y: i32,
}

/// One ordered pair: a curve (bent to the right of its direction, so `a → b` and `b → a` stay
/// apart) with the label's anchor at its middle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphEdge<'a> {
    pub reach: Route<'a>,
    /// SVG path data: `M x y Q cx cy x y`.
    pub d: String,
    pub label_x: i32,
    pub label_y: i32,
}

/// Up to this many services the graph shows every pair; beyond, it shows one service's pairs
/// (a star around it), so it stays readable; the list below it always has every pair.
pub const GRAPH_MAX: usize = 12;

/// The browser's own trigonometry in wasm: Rust's would add libm's argument reduction (about
/// 9 KB of wasm) for a few points on a circle.
#[cfg(target_arch = "wasm32")]
fn cos_sin(angle: f64) -> (f64, f64) {
    (js_sys::Math::cos(angle), js_sys::Math::sin(angle))
}

#[cfg(not(target_arch = "wasm32"))]
fn cos_sin(angle: f64) -> (f64, f64) {
    (angle.cos(), angle.sin())
}

/// Services on a circle (the first on the left), one edge per reachability entry. With more
/// than [`GRAPH_MAX`] services, `focus` (else the first service) sits in the middle and only its
/// pairs, both ways, are drawn.
/// Returns the nodes, the edges and the SVG viewBox (`x y width height`) around them.
pub fn graph<'a>(
    env: &'a EnvironmentReport,
    focus: Option<&str>,
) -> (Vec<GraphNode>, Vec<GraphEdge<'a>>, String) {
    let n = env.services.len();
    let star = n > GRAPH_MAX;
    let center = if star {
        focus
            .and_then(|f| env.services.iter().position(|s| s.name == f))
            .unwrap_or(0)
    } else {
        usize::MAX
    };
    let ring = if star { n - 1 } else { n };
    let radius = if star {
        // Spokes only: room for a name (~60 px) per node around the rim.
        (9.5 * ring as f64).max(150.0)
    } else if ring <= 2 {
        150.0
    } else {
        110.0 + 14.0 * ring as f64
    };
    let c = radius + 70.0;
    let at = |i: usize| {
        if i == center {
            return (c, c);
        }
        let slot = if star && i > center { i - 1 } else { i };
        let angle = std::f64::consts::PI * (1.0 + 2.0 * slot as f64 / ring.max(1) as f64);
        let (cos, sin) = cos_sin(angle);
        (c + radius * cos, c + radius * sin)
    };
    let nodes: Vec<GraphNode> = env
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = at(i);
            GraphNode {
                name: s.name.clone(),
                x: x.round() as i32,
                y: y.round() as i32,
            }
        })
        .collect();
    // Tight around the dots, with room for names below and bent edges and labels around.
    let min = |f: fn(&GraphNode) -> i32| nodes.iter().map(f).min().unwrap_or(0);
    let max = |f: fn(&GraphNode) -> i32| nodes.iter().map(f).max().unwrap_or(0);
    let (x0, y0) = (min(|n| n.x) - 70, min(|n| n.y) - 50);
    let (x1, y1) = (max(|n| n.x) + 70, max(|n| n.y) + 50);
    let view_box = format!("{x0} {y0} {} {}", x1 - x0, y1 - y0);
    let index = |name: &str| env.services.iter().position(|s| s.name == name);
    let centered = env.services.get(center).map(|s| s.name.as_str());
    let edges = routes(env)
        .into_iter()
        .filter(|r| !star || Some(r.from) == centered || Some(r.to) == centered)
        .filter_map(|r| {
            let ((x1, y1), (x2, y2)) = (at(index(r.from)?), at(index(r.to)?));
            let (dx, dy) = (x2 - x1, y2 - y1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            // Leave room for the node's dot and the arrowhead.
            let (sx, sy) = (x1 + ux * 14.0, y1 + uy * 14.0);
            let (ex, ey) = (x2 - ux * 16.0, y2 - uy * 16.0);
            let bend = 36.0;
            let (cx, cy) = ((x1 + x2) / 2.0 - uy * bend, (y1 + y2) / 2.0 + ux * bend);
            let r32 = |v: f64| v.round() as i32;
            Some(GraphEdge {
                reach: r,
                d: format!(
                    "M{} {} Q{} {} {} {}",
                    r32(sx),
                    r32(sy),
                    r32(cx),
                    r32(cy),
                    r32(ex),
                    r32(ey)
                ),
                label_x: r32(0.25 * sx + 0.5 * cx + 0.25 * ex),
                label_y: r32(0.25 * sy + 0.5 * cy + 0.25 * ey),
            })
        })
        .collect();
    (nodes, edges, view_box)
}

/// One line of the effective-manifest diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine<'a> {
    Same(&'a str),
    /// Only in the manifest as written (an override replaced it, or `${VAR}` was substituted).
    Removed(&'a str),
    /// Only in the effective manifest.
    Added(&'a str),
}

/// The manifest as written, reduced to what Copilot's effective manifest is compared with: no
/// blank or comment-only lines, no trailing comments, no top-level `environments:` block.
pub fn written_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_environments = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            in_environments = line.starts_with("environments:");
        }
        if in_environments {
            continue;
        }
        // A ` #` outside quotes starts a comment.
        let mut quote = None;
        let mut end = line.len();
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'#') if i > 0 && bytes[i - 1] == b' ' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push(line[..end].trim_end());
    }
    out
}

/// A line diff (longest common subsequence) of `old` → `new`; `None` when either side is too
/// long for the quadratic table (then the pane shows the effective manifest alone).
pub fn line_diff<'a>(old: &[&'a str], new: &[&'a str]) -> Option<Vec<DiffLine<'a>>> {
    const MAX: usize = 1500;
    if old.len() > MAX || new.len() > MAX {
        return None;
    }
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the LCS length of old[i..] and new[j..].
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if old[i] == new[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push(DiffLine::Same(new[j]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            out.push(DiffLine::Removed(old[i]));
            i += 1;
        } else {
            out.push(DiffLine::Added(new[j]));
            j += 1;
        }
    }
    Some(out)
}

/// A file's tab label: the service's name, `environments/<env>`, or `.workspace`.
pub fn tab_label(file: &SourceFile) -> String {
    match file.kind() {
        FileKind::Workload { name } => name.to_owned(),
        FileKind::Environment { name } => format!("environments/{name}"),
        FileKind::WorkspaceSummary | FileKind::Other => file
            .path
            .strip_prefix("copilot/")
            .unwrap_or(&file.path)
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(severity: Severity, env: Option<&str>) -> Diagnostic {
        let mut label = copilot_manifest::Label::new(
            "copilot/api/manifest.yml",
            copilot_manifest::Span::new(0, 0),
        );
        label.position = copilot_manifest::Position {
            line: 7,
            column: 5,
            end_line: 7,
            end_column: 16,
        };
        Diagnostic::new(copilot_manifest::Rule::WrongType, label, "m")
            .with_severity(severity)
            .with_env(env.map(Into::into))
    }

    #[test]
    fn workspace_asks_for_utf16_and_keeps_paths() {
        let settings = Settings {
            variables: [("TAG".to_owned(), "v1".to_owned())].into(),
            legacy_namespaces: vec!["test".into()],
        };
        let json = workspace_json(&crate::examples::kudos(), &settings);
        let ws: Workspace = serde_json::from_str(&json).unwrap();
        assert_eq!(ws.column_unit, ColumnUnit::Utf16);
        assert_eq!(ws.variables.get("TAG").map(String::as_str), Some("v1"));
        assert_eq!(ws.legacy_namespaces, ["test"]);
        let paths: Vec<_> = ws.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "copilot/api/manifest.yml",
                "copilot/front-end/manifest.yml",
                "copilot/environments/test/manifest.yml",
                "copilot/.workspace",
            ]
        );
        assert!(ws.files[3].text.contains("application: kudos"));
        let labels: Vec<_> = ws.files.iter().map(tab_label).collect();
        assert_eq!(
            labels,
            ["api", "front-end", "environments/test", ".workspace"]
        );
    }

    #[test]
    fn diagnostics_filter_by_environment() {
        let report = Report {
            version: 1,
            app: "kudos".into(),
            diagnostics: vec![
                diag(Severity::Error, None),
                diag(Severity::Warning, Some("test")),
                diag(Severity::Info, Some("prod")),
            ],
            environments: vec![],
        };
        assert_eq!(visible_diagnostics(&report, Some("test")).len(), 2);
        assert_eq!(visible_diagnostics(&report, None).len(), 3);
        let counts = Counts::of(visible_diagnostics(&report, Some("test")));
        assert_eq!(counts.summary(), "1 error, 1 warning");
        assert_eq!(Counts::default().summary(), "No problems");
        assert_eq!(
            location(&report.diagnostics[0]),
            "copilot/api/manifest.yml:7:5"
        );
    }

    #[test]
    fn problems_sorted_and_filtered() {
        let mut late = diag(Severity::Error, None);
        late.primary.position.line = 9;
        let mut other_file = diag(Severity::Error, None);
        other_file.primary.file = "copilot/.workspace".into();
        other_file.primary.position.line = 1;
        let report = Report {
            version: 1,
            app: "kudos".into(),
            // The core's order: file path, line, column.
            diagnostics: vec![
                other_file,
                diag(Severity::Error, None),
                diag(Severity::Warning, Some("test")),
                diag(Severity::Info, Some("prod")),
                late,
            ],
            environments: vec![],
        };
        let key = |d: &&Diagnostic| (severity_name(d.severity), d.file().to_owned(), d.line());
        let test: Vec<_> = scoped_problems(&report, Some("test"), false)
            .iter()
            .map(key)
            .collect();
        let api = "copilot/api/manifest.yml".to_owned();
        assert_eq!(
            test,
            [
                ("error", "copilot/.workspace".to_owned(), 1),
                ("error", api.clone(), 7),
                ("error", api.clone(), 9),
                ("warning", api.clone(), 7),
            ]
        );
        assert_eq!(scoped_problems(&report, Some("test"), true).len(), 5);
        let filter = ProblemFilter {
            errors: false,
            ..ProblemFilter::default()
        };
        assert!(!filter.shows(Severity::Error) && filter.shows(Severity::Info));
    }

    #[test]
    fn environment_choice_falls_back_to_the_first() {
        let env = |name: &str| EnvironmentReport {
            name: name.into(),
            namespace: format!("{name}.kudos.local"),
            legacy_namespace: false,
            services: vec![],
            reachability: vec![],
        };
        let report = Report {
            version: 1,
            app: "kudos".into(),
            diagnostics: vec![],
            environments: vec![env("test"), env("prod")],
        };
        let name = |wanted| selected_env(&report, wanted).map(|e| e.name.as_str());
        assert_eq!(name(Some("prod")), Some("prod"));
        assert_eq!(name(Some("gone")), Some("test"));
        assert_eq!(name(None), Some("test"));
    }

    #[test]
    fn endpoint_cells() {
        assert_eq!(sc_cell(None), ScCell::Off);
        let client = ServiceConnect {
            enabled: true,
            server: false,
            alias: None,
            port: None,
            url: None,
        };
        assert_eq!(sc_cell(Some(&client)), ScCell::ClientOnly);
        let sd = ServiceDiscovery {
            registered: false,
            dns_name: None,
            port: None,
            url: None,
        };
        assert_eq!(sd_cell(&sd), SdCell::NotRegistered);
    }

    #[test]
    fn graph_geometry() {
        let reach = |from: &str, to: &str| copilot_manifest::Reachability {
            from: from.into(),
            to: vec![to.into()],
            via: Some(Via::ServiceDiscovery),
            reason: None,
        };
        let service = |name: &str| copilot_manifest::ServiceReport {
            name: name.into(),
            workload_type: "Backend Service".into(),
            manifest: String::new(),
            service_connect: None,
            service_discovery: ServiceDiscovery {
                registered: false,
                dns_name: None,
                port: None,
                url: None,
            },
            env_vars: Default::default(),
            unreachable: None,
        };
        let env = EnvironmentReport {
            name: "test".into(),
            namespace: "test.kudos.local".into(),
            legacy_namespace: false,
            services: vec![service("api"), service("front-end")],
            reachability: vec![
                reach("api", "front-end"),
                reach("front-end", "api"),
                reach("api", "gone"),
            ],
        };
        let (nodes, edges, view_box) = graph(&env, None);
        assert_eq!(view_box, "0 170 440 100");
        // Two services: left and right on a horizontal line.
        assert_eq!((nodes[0].x, nodes[0].y), (70, 220));
        assert_eq!((nodes[1].x, nodes[1].y), (370, 220));
        // A pair to an unknown service is not drawn; both directions are, on opposite sides.
        assert_eq!(edges.len(), 2);
        assert_eq!(edges[0].d, "M84 220 Q220 256 354 220");
        assert!(edges[0].label_y > 220 && edges[1].label_y < 220);

        // Past GRAPH_MAX: a star around the focused service, only its pairs, both ways.
        let names: Vec<String> = (0..=GRAPH_MAX).map(|i| format!("s{i}")).collect();
        let big = EnvironmentReport {
            services: names.iter().map(|n| service(n)).collect(),
            reachability: names
                .iter()
                .flat_map(|a| {
                    names
                        .iter()
                        .filter(move |b| *b != a)
                        .map(move |b| reach(a, b))
                })
                .collect(),
            ..env.clone()
        };
        let (nodes, edges, _) = graph(&big, Some("s3"));
        assert_eq!(edges.len(), 2 * GRAPH_MAX);
        assert!(
            edges
                .iter()
                .all(|e| e.reach.from == "s3" || e.reach.to == "s3")
        );
        let mid = nodes.iter().map(|n| n.x).sum::<i32>() / nodes.len() as i32;
        assert!(
            (nodes[3].x - mid).abs() < 60,
            "s3 is near the middle: {:?}",
            nodes[3]
        );
        let (_, first, _) = graph(&big, Some("nope"));
        assert!(
            first
                .iter()
                .all(|e| e.reach.from == "s0" || e.reach.to == "s0")
        );
    }

    #[test]
    fn effective_manifest_diff() {
        let written = "# c\nname: api # the name\ncount: 1\n\nvariables:\n  TAG: ${ENV}\n  H: 'a # b'\nenvironments:\n  test:\n    count: 2\nmemory: 512\n";
        let lines = written_lines(written);
        assert_eq!(
            lines,
            [
                "name: api",
                "count: 1",
                "variables:",
                "  TAG: ${ENV}",
                "  H: 'a # b'",
                "memory: 512"
            ]
        );
        let effective = [
            "name: api",
            "count: 2",
            "variables:",
            "  TAG: \"test\"",
            "  H: 'a # b'",
            "memory: 512",
        ];
        let diff = line_diff(&lines, &effective).unwrap();
        use DiffLine::*;
        assert_eq!(
            diff,
            [
                Same("name: api"),
                Removed("count: 1"),
                Added("count: 2"),
                Same("variables:"),
                Removed("  TAG: ${ENV}"),
                Added("  TAG: \"test\""),
                Same("  H: 'a # b'"),
                Same("memory: 512"),
            ]
        );
        assert!(line_diff(&vec!["x"; 2000], &["x"]).is_none());
    }

    #[test]
    fn reachability_sentences() {
        let mut r = Route {
            from: "front-end",
            to: "api",
            via: Some(Via::ServiceConnect),
            url: Some("http://api"),
            reason: None,
        };
        assert_eq!(
            reach_text(&r),
            "front-end → api via Service Connect: http://api"
        );
        r.via = None;
        r.url = None;
        r.reason = Some("api is not registered");
        assert_eq!(
            reach_text(&r),
            "front-end → api: no path: api is not registered"
        );
    }
}
