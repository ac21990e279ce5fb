//! One workload manifest through the pipeline: parsed once, then per environment interpolated,
//! decoded (the whole document, every override block included, as Copilot does), merged with its
//! override block, validated and turned into endpoints.

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::interpolate::{self, Vars};
use crate::merge::merge_override;
use crate::model::{Decoder, Manifest, WorkloadType, defaults, keys};
use crate::network::{self, Endpoints, Workload};
use crate::rules::Rule;
use crate::syntax::{self, Document, LineIndex, Node};
use crate::validate::{self, Subject};
use crate::workspace::SourceFile;

/// A workload as it would be deployed to one environment.
pub(super) struct Deployed {
    pub endpoints: Endpoints,
    /// Shared with the other environments that deploy the same effective config.
    pub config: std::rc::Rc<crate::model::Config>,
    pub anchor: Span,
    /// Only when asked for (a pane, `render`): never part of the per-keystroke analysis.
    pub detail: Option<Detail>,
}

/// What one service becomes in one environment beyond its endpoints: the manifest Copilot
/// deploys (interpolated, its override block merged) and the CloudFormation it generates.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Detail {
    /// YAML text, without comments and without the `environments` block.
    pub effective_manifest: String,
    /// Empty without the `render` feature.
    #[cfg(feature = "render")]
    pub fragments: crate::report::Fragments,
}

pub(super) struct Service<'a> {
    pub file: &'a SourceFile,
    /// The directory name: Copilot's CLI names the workload by it in its errors.
    dir: &'a str,
    ty: WorkloadType,
    doc: Document,
    type_span: Span,
    /// What does not change from one environment to the next when the manifest needs no
    /// interpolation: computed for the first environment, reused for the others.
    cache: std::cell::RefCell<Cache>,
    /// Whether more than one environment is analysed (else caching only costs copies).
    pub reuse: bool,
}

#[derive(Default)]
struct Cache {
    /// Decoding and key checking of the whole document (every override block included).
    decoded: Option<Decoded>,
    /// The effective config of an environment without an override block, and what the rules
    /// said about it (without the environment's prefix).
    base: Option<(std::rc::Rc<crate::model::Config>, Vec<Diagnostic>)>,
}

#[derive(Clone)]
struct Decoded {
    name: Option<crate::model::Spanned<String>>,
    findings: Vec<Diagnostic>,
    failed: bool,
}

/// Stands in for a root that `load` made sure exists (so no tree is copied to keep one).
static NO_ROOT: Node = Node {
    kind: crate::syntax::NodeKind::Map(Vec::new()),
    span: Span::new(0, 0),
};

/// Parse a workload manifest and settle its type; `None` when Copilot could not even start.
pub(super) fn load<'a>(
    file: &'a SourceFile,
    dir: &'a str,
    raws: &mut Vec<Diagnostic>,
) -> Option<Service<'a>> {
    let doc = match syntax::parse(&file.text) {
        Ok(doc) => doc,
        Err(mut d) => {
            // Copilot's interpolator is the first to parse the file.
            d.copilot_error = d.copilot_error.map(|t| {
                format!(
                    "interpolate environment variables for {dir} manifest: unmarshal YAML template: {t}"
                )
            });
            raws.push(d.with_file(&file.path));
            return None;
        }
    };
    let unmarshal_prefix = format!("unmarshal service {dir} manifest: ");
    if doc.expanded_size(syntax::MAX_EXPANDED_NODES) >= syntax::MAX_EXPANDED_NODES {
        raws.push(Diagnostic::new(Rule::YamlExcessiveAliasing, Label::new(&file.path, doc.root.as_ref().map_or(Span::default(), |r| Span::new(r.span.start, r.span.start))), format!(
                "its aliases expand to more than {} nodes: a billion-laughs document is not analysed",
                syntax::MAX_EXPANDED_NODES
            )).with_help("yaml.v3 refuses documents with excessive aliasing; use fewer nested aliases"));
        return None;
    }
    let root = match doc.root.as_ref().and_then(|r| doc.resolve(r)) {
        Some(root) if root.entries().is_some() => root,
        _ => {
            raws.push(
                Diagnostic::new(
                    Rule::ManifestNotAMap,
                    Label::new(
                        &file.path,
                        doc.root.as_ref().map_or(Span::default(), |r| r.span),
                    ),
                    "a manifest must be a YAML mapping with at least `name` and `type`",
                )
                .with_copilot_error(format!("{unmarshal_prefix}invalid manifest type: ")),
            );
            return None;
        }
    };

    let type_entry = doc.get(root, "type");
    let type_text = type_entry
        .and_then(|e| doc.resolve_scalar(&e.value))
        .map(|(_, s)| s.value.clone());
    let type_span = type_entry.map_or(Span::new(root.span.start, root.span.start), |e| {
        e.value.span
    });
    let Some(ty) = type_text.as_deref().and_then(WorkloadType::parse) else {
        let shown = type_text.clone().unwrap_or_default();
        raws.push(
            Diagnostic::new(
                Rule::InvalidType,
                Label::new(&file.path, type_span).with_path("type"),
                if type_entry.is_some() {
                    format!("`{shown}` is not a workload type")
                } else {
                    "the manifest has no `type`".into()
                },
            )
            .with_copilot_error(format!("{unmarshal_prefix}invalid manifest type: {shown}"))
            .with_help(match type_text.as_deref().and_then(closest_type) {
                Some(t) => format!("did you mean `{}`?", t.as_str()),
                None => format!(
                    "use one of: {}",
                    WorkloadType::ALL
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        );
        return None;
    };
    let svc = Service {
        file,
        dir,
        ty,
        doc,
        type_span,
        cache: std::cell::RefCell::default(),
        reuse: false,
    };
    svc.warn_null_override_blocks(raws);
    Some(svc)
}

impl<'a> Service<'a> {
    /// The manifest's root mapping, as written (before interpolation).
    fn root(&self) -> &Node {
        self.doc
            .root
            .as_ref()
            .and_then(|r| self.doc.resolve(r))
            .unwrap_or(&NO_ROOT)
    }

    pub fn override_names(&self) -> Vec<String> {
        self.override_blocks(&self.doc, self.root())
            .into_iter()
            .flatten()
            .filter_map(|e| self.doc.resolve(&e.key).and_then(Node::text))
            .map(str::to_string)
            .collect()
    }

    fn override_blocks<'d>(
        &self,
        doc: &'d Document,
        root: &'d Node,
    ) -> Option<&'d [syntax::Entry]> {
        doc.get(root, "environments")
            .and_then(|e| doc.resolve(&e.value))
            .and_then(Node::entries)
    }

    /// RDWS and Scheduled Job dereference an empty block without a check: Copilot crashes.
    fn warn_null_override_blocks(&self, raws: &mut Vec<Diagnostic>) {
        if !matches!(
            self.ty,
            WorkloadType::RequestDrivenWebService | WorkloadType::ScheduledJob
        ) {
            return;
        }
        for block in self
            .override_blocks(&self.doc, self.root())
            .into_iter()
            .flatten()
        {
            let Some(env) = self.doc.resolve(&block.key).and_then(Node::text) else {
                continue;
            };
            if self.doc.is_null(&block.value) {
                raws.push(Diagnostic::new(Rule::NullOverrideBlock, Label::new(&self.file.path, block.key.span).with_path(format!("environments.{env}")), format!(
                        "`environments.{env}` is empty: Copilot crashes on an empty override block for a {}",
                        self.ty.as_str()
                    )).with_help("remove the empty block or give it at least one key"));
            }
        }
    }

    /// Everything Copilot does to deploy this workload to `env`; the endpoints are computed
    /// from what decodes even when Copilot would stop, so the panes keep showing while typing.
    pub fn in_environment(
        &self,
        env: &str,
        vars: &Vars<'_>,
        namespace: &str,
        ws: &crate::workspace::Workspace,
        detail_for: Option<&str>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Deployed> {
        let interpolated;
        let doc = if interpolate::needed(&self.file.text) {
            let (doc, errors) = interpolate::interpolate(&self.doc, vars, self.dir);
            let failed = !errors.is_empty();
            for d in errors {
                out.push(d.with_file(&self.file.path).with_env(Some(env.to_string())));
            }
            if failed {
                return None;
            }
            interpolated = doc;
            &interpolated
        } else {
            &self.doc
        };
        let root = doc
            .root
            .as_ref()
            .and_then(|r| doc.resolve(r))
            .unwrap_or_else(|| self.root());

        // Lines are needed only for the texts of errors (yaml.v3's `line N:`, counted on the
        // text as Copilot re-serializes it): index lazily.
        let index = std::cell::OnceCell::new();
        let line_of = |offset: usize| {
            let (index, lines) = index.get_or_init(|| {
                (
                    LineIndex::new(&self.file.text),
                    syntax::CopilotLines::new(&self.file.text),
                )
            });
            lines.line(index.line(offset))
        };
        let manifest = self.manifest();
        // Without interpolation every environment decodes the same text.
        let reusable = self.reuse && std::ptr::eq(doc, &self.doc);
        let cached = reusable
            .then(|| self.cache.borrow().decoded.clone())
            .flatten();
        let decoded = cached.unwrap_or_else(|| {
            let d = self.decode(doc, root, &line_of);
            if reusable {
                self.cache.borrow_mut().decoded = Some(d.clone());
            }
            d
        });
        let Decoded {
            name,
            findings,
            failed: decode_failed,
        } = decoded;
        for d in findings {
            out.push(d.with_env(Some(env.to_string())));
        }

        let block = self
            .override_blocks(doc, root)
            .and_then(|blocks| {
                blocks
                    .iter()
                    .find(|b| doc.resolve(&b.key).and_then(Node::text) == Some(env))
            })
            .filter(|b| !doc.is_null(&b.value));
        let name_present = name.is_some();
        #[cfg(feature = "render")]
        let name_span = name.as_ref().map(|n| n.span);
        let name = name.map_or_else(|| self.dir.to_string(), |n| n.value);
        let wanted = detail_for.is_some_and(|w| w == name || w == self.file.path);
        // An environment without an override block deploys the base manifest: the same
        // effective config and the same findings as any other such environment.
        let shared = reusable && block.is_none() && !wanted;
        let base = shared.then(|| self.cache.borrow().base.clone()).flatten();
        let no_lines = |_: usize| 0;
        let with_defaults;
        let merged;
        // The effective tree, when this environment built one (a shared base needs none).
        let mut effective = None;
        let (config, findings) = if let Some(base) = base {
            base
        } else {
            let mut quiet = Decoder::new(doc, manifest, &no_lines);
            with_defaults = defaults::apply(doc, root, self.ty);
            let tree = match block {
                Some(block) => {
                    merged =
                        merge_override(doc, &with_defaults, &block.value, plain_fields(self.ty));
                    &merged
                }
                None => &with_defaults,
            };
            effective = Some(tree);
            let config = std::rc::Rc::new(quiet.config(tree, self.ty, ""));
            let findings = if decode_failed {
                Vec::new()
            } else {
                self.validate(&config, &name, name_present)
            };
            if shared {
                self.cache.borrow_mut().base =
                    Some((std::rc::Rc::clone(&config), findings.clone()));
            }
            (config, findings)
        };
        for mut d in findings {
            d.copilot_error = d
                .copilot_error
                .map(|c| format!("validate manifest against environment \"{env}\": {c}"));
            d.env = Some(env.to_string());
            out.push(d);
        }
        let workload = Workload {
            name: &name,
            ty: self.ty,
            manifest_path: &self.file.path,
            config: &config,
        };
        let endpoints = network::endpoints(&workload, namespace);
        // A wanted service never takes the shared base, so its effective tree is here.
        let detail = effective.filter(|_| wanted).map(|effective| Detail {
            effective_manifest: without_overrides(doc, effective),
            #[cfg(feature = "render")]
            fragments: {
                let input = crate::render::ServiceInput {
                    name: &name,
                    name_span,
                    ty: self.ty,
                    config: &config,
                    doc,
                    node: effective,
                    app: vars.app,
                    env,
                    namespace,
                    account: ws.account.as_deref(),
                    region: ws.region.as_deref(),
                };
                crate::render::service_fragments(&input).into_report(
                    &self.file.path,
                    &self.file.text,
                    ws.column_unit,
                )
            },
        });
        #[cfg(not(feature = "render"))]
        let _ = ws;
        Some(Deployed {
            endpoints,
            config,
            anchor: self.type_span,
            detail,
        })
    }

    /// Decoding and key checking of the whole document: the top level and every override block,
    /// as Copilot decodes them all.
    fn decode(&self, doc: &Document, root: &Node, line_of: &dyn Fn(usize) -> u32) -> Decoded {
        let mut decoder = Decoder::new(doc, self.manifest(), line_of);
        let name = doc
            .get(root, "name")
            .and_then(|e| decoder.string(e, "name"));
        decoder.config(root, self.ty, "");
        decoder.override_blocks(root, self.ty);
        let mut errors = std::mem::take(&mut decoder.errors);
        let unknown = self.check_keys(doc, root, line_of, &mut errors);
        // The typed decoder and the key checker may both see one bad value: report it once.
        let mut seen = Vec::new();
        errors.retain(|e| {
            let fresh = !seen.contains(&e.primary.span);
            seen.push(e.primary.span);
            fresh
        });
        combine_unmarshal_lists(&mut errors);
        let failed = !errors.is_empty();
        let findings = errors
            .into_iter()
            .chain(unknown)
            .map(|d| d.with_file(&self.file.path))
            .collect();
        Decoded {
            name,
            findings,
            failed,
        }
    }

    /// Copilot's rules on one effective config, labels in this manifest's file; the caller adds
    /// the environment.
    fn validate(
        &self,
        config: &crate::model::Config,
        name: &str,
        name_present: bool,
    ) -> Vec<Diagnostic> {
        let subject = Subject {
            ty: self.ty,
            config,
            name,
            name_present,
            anchor: self.type_span,
        };
        let mut out = validate::validate(&subject);
        for d in &mut out {
            d.primary.file.clone_from(&self.file.path);
            for label in d.secondary.iter_mut().filter(|l| l.file.is_empty()) {
                label.file.clone_from(&self.file.path);
            }
        }
        out
    }

    /// The manifest as the decoding stages name it in Copilot's texts.
    fn manifest(&self) -> Manifest<'a> {
        Manifest::Workload {
            dir: self.dir,
            ty: self.ty,
        }
    }

    /// Unknown keys (returned) and scalar type errors (added to `errors`) over the whole
    /// document: the top level and every override block, as Copilot decodes them all.
    fn check_keys(
        &self,
        doc: &Document,
        root: &Node,
        line_of: &dyn Fn(usize) -> u32,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let mut checker = keys::Checker::new(doc, self.manifest(), line_of);
        checker.check_map(root, "", "", &["environments"]);
        for block in self.override_blocks(doc, root).into_iter().flatten() {
            let Some(name) = doc.resolve(&block.key).and_then(Node::text) else {
                continue;
            };
            checker.check_map(&block.value, "", &format!("environments.{name}"), &[]);
        }
        errors.append(&mut checker.errors);
        checker.unknown
    }
}

/// The workload type a mistyped `type` most likely meant (case or spacing slips).
fn closest_type(text: &str) -> Option<WorkloadType> {
    let norm = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let wanted = norm(text);
    WorkloadType::ALL.into_iter().find(|t| {
        norm(t.as_str()) == wanted || (wanted.len() >= 4 && norm(t.as_str()).starts_with(&wanted))
    })
}

/// The effective manifest as text: the merged tree without its `environments` map (which no
/// longer applies once one block has been merged).
fn without_overrides(doc: &Document, effective: &Node) -> String {
    let Some(entries) = doc.resolve(effective).and_then(Node::entries) else {
        return syntax::to_yaml(doc, effective);
    };
    let kept = entries
        .iter()
        .filter(|e| doc.resolve(&e.key).and_then(Node::text) != Some("environments"))
        .cloned()
        .collect();
    syntax::to_yaml(
        doc,
        &Node {
            kind: syntax::NodeKind::Map(kept),
            span: effective.span,
        },
    )
}

/// Fields that are plain (non-pointer) Go values in the workload's config struct: the string
/// form of the generic `http.healthcheck` union everywhere, and a Static Site's `http.alias` and
/// `http.certificate` (spec §3.3).
fn plain_fields(ty: WorkloadType) -> &'static [(&'static str, &'static str)] {
    match ty {
        WorkloadType::StaticSite => &[
            ("http", "alias"),
            ("http", "certificate"),
            ("http", "healthcheck"),
        ],
        _ => &[("http", "healthcheck")],
    }
}

/// yaml.v3 gathers every type error of one `Unmarshal` into one `yaml: unmarshal errors:` list,
/// a line each, in the order it decodes the document: each of our findings of one pass carries
/// that whole list, as Copilot prints it.
fn combine_unmarshal_lists(errors: &mut [Diagnostic]) {
    const LIST: &str = "yaml: unmarshal errors:\n";
    let parts = |d: &Diagnostic| {
        d.copilot_error
            .as_deref()
            .and_then(|t| t.find(LIST).map(|i| t.split_at(i + LIST.len())))
            .map(|(head, tail)| (head.to_string(), tail.to_string()))
    };
    let listed: Vec<(usize, String, String)> = errors
        .iter()
        .enumerate()
        .filter_map(|(i, d)| parts(d).map(|(h, t)| (i, h, t)))
        .collect();
    if listed.len() < 2 {
        return;
    }
    let mut heads: Vec<&str> = listed.iter().map(|(_, h, _)| h.as_str()).collect();
    heads.sort_unstable();
    heads.dedup();
    for head in heads {
        let mut members: Vec<&(usize, String, String)> =
            listed.iter().filter(|(_, h, _)| h == head).collect();
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|(i, _, _)| errors.get(*i).map_or(0, |d| d.primary.span.start));
        let tails: Vec<&str> = members.iter().map(|(_, _, t)| t.as_str()).collect();
        let text = format!("{head}{}", tails.join("\n"));
        for (i, _, _) in &members {
            if let Some(d) = errors.get_mut(*i) {
                d.copilot_error = Some(text.clone());
            }
        }
    }
}
