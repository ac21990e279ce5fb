//! The playground: owns the workspace's files, the CodeMirror editor and the analysis worker.
//!
//! Flow: an edit in CodeMirror → `Msg::Edited` → debounce (50 ms) → the workspace JSON goes to the
//! worker (one request in flight at a time; newer edits wait and coalesce) → `Msg::Answered` →
//! the answer is applied only if it is for the latest edit (older answers are dropped) → panes
//! re-render, diagnostics go to the editor. A worker that does not answer within
//! `WATCHDOG_MS` (it trapped) is replaced by a fresh one.

use std::rc::Rc;

use copilot_manifest::{Diagnostic, Report, SourceFile};
use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::analysis::{AnalysisWorker, JsonCodec, WORKER_LOADER};
use crate::editor::Editor;
use crate::examples;
use crate::model;
use crate::view::{self, EndpointsProps, ProblemsProps};

/// Typing pauses this long before the workspace is analysed.
const DEBOUNCE_MS: u32 = 50;
/// A request without an answer after this long means the worker is gone: respawn it.
const WATCHDOG_MS: u32 = 8_000;

pub enum Msg {
    /// CodeMirror changed a file.
    Edited(String, String),
    /// The debounce timer fired: analyse the current text.
    Flush,
    /// The worker of generation `.0` answered with a Report as JSON.
    Answered(u32, String),
    /// No answer in time: replace the worker.
    Watchdog(u32),
    SelectFile(usize),
    SelectEnv(String),
    Reveal(Diagnostic),
    /// CodeMirror could not be mounted (its script did not load).
    EditorFailed(String),
}

pub struct App {
    files: Vec<SourceFile>,
    active: usize,
    report: Option<Rc<Report>>,
    /// The environment the user picked (kept even while the report lacks it).
    env: Option<String>,
    /// The answer could not be read, or the editor did not load.
    error: Option<String>,

    bridge: WorkerBridge<AnalysisWorker>,
    /// Bumped on every respawn; answers from older workers are ignored.
    generation: u32,
    /// Bumped on every edit; an answer is applied only if it is for the latest version.
    version: u64,
    /// The version of the request the worker is working on.
    in_flight: Option<u64>,
    /// An edit arrived while a request was in flight: send again when it answers.
    queued: bool,
    debounce: Option<Timeout>,
    watchdog: Option<Timeout>,

    editor_host: NodeRef,
    editor: Option<Editor>,
}

fn spawn_worker(ctx: &Context<App>, generation: u32) -> WorkerBridge<AnalysisWorker> {
    let link = ctx.link().clone();
    AnalysisWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(move |report_json| link.send_message(Msg::Answered(generation, report_json)))
        .spawn_with_loader(WORKER_LOADER)
}

impl App {
    fn request(&mut self, ctx: &Context<Self>) {
        if self.in_flight.is_some() {
            self.queued = true;
            return;
        }
        self.bridge.send(model::workspace_json(&self.files));
        self.in_flight = Some(self.version);
        let link = ctx.link().clone();
        let generation = self.generation;
        self.watchdog = Some(Timeout::new(WATCHDOG_MS, move || {
            link.send_message(Msg::Watchdog(generation))
        }));
    }

    fn env_name(&self) -> Option<&str> {
        let report = self.report.as_deref()?;
        model::selected_env(report, self.env.as_deref()).map(|e| e.name.as_str())
    }

    fn push_diagnostics(&self) {
        let (Some(editor), Some(report)) = (&self.editor, &self.report) else {
            return;
        };
        let visible = model::visible_diagnostics(report, self.env_name());
        editor.set_diagnostics(&serde_json::to_string(&visible).unwrap_or_default());
    }

    fn open_active(&self) {
        if let (Some(editor), Some(file)) = (&self.editor, self.files.get(self.active)) {
            editor.open(&file.path, &file.text);
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let mut app = Self {
            files: examples::kudos(),
            active: 0,
            report: None,
            env: None,
            error: None,
            bridge: spawn_worker(ctx, 0),
            generation: 0,
            version: 0,
            in_flight: None,
            queued: false,
            debounce: None,
            watchdog: None,
            editor_host: NodeRef::default(),
            editor: None,
        };
        // Analyse at once: the bridge queues the request until the worker has loaded.
        app.request(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edited(path, text) => {
                let Some(file) = self.files.iter_mut().find(|f| f.path == path) else {
                    return false;
                };
                if file.text == text {
                    return false;
                }
                file.text = text;
                self.version += 1;
                let link = ctx.link().clone();
                self.debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
                    link.send_message(Msg::Flush)
                }));
                false
            }
            Msg::Flush => {
                self.debounce = None;
                self.request(ctx);
                false
            }
            Msg::Answered(generation, json) => {
                if generation != self.generation {
                    return false;
                }
                self.watchdog = None;
                let answered = self.in_flight.take();
                if std::mem::take(&mut self.queued) {
                    self.request(ctx);
                }
                if answered != Some(self.version) {
                    return false; // stale: a newer edit is being (or will be) analysed
                }
                match model::parse_report(&json) {
                    Ok(report) => {
                        self.report = Some(Rc::new(report));
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e),
                }
                self.push_diagnostics();
                true
            }
            Msg::Watchdog(generation) => {
                if generation != self.generation {
                    return false;
                }
                self.generation = self.generation.wrapping_add(1);
                self.bridge = spawn_worker(ctx, self.generation);
                self.in_flight = None;
                self.queued = false;
                self.error = Some("The analysis stopped answering; it was restarted.".into());
                self.request(ctx);
                true
            }
            Msg::SelectFile(index) => {
                if index >= self.files.len() || index == self.active {
                    return false;
                }
                self.active = index;
                self.open_active();
                true
            }
            Msg::SelectEnv(name) => {
                self.env = Some(name);
                self.push_diagnostics();
                true
            }
            Msg::Reveal(d) => {
                let Some(index) = self.files.iter().position(|f| f.path == d.file) else {
                    return false;
                };
                let changed = index != self.active;
                self.active = index;
                self.open_active();
                if let Some(editor) = &self.editor {
                    editor.reveal(d.line, d.column, d.end_line, d.end_column);
                }
                changed
            }
            Msg::EditorFailed(e) => {
                self.error = Some(format!("The editor could not start: {e}"));
                true
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if !first_render {
            return;
        }
        let Some(host) = self.editor_host.cast::<web_sys::Element>() else {
            return;
        };
        let link = ctx.link().clone();
        match Editor::mount(&host, move |path, text| {
            link.send_message(Msg::Edited(path, text))
        }) {
            Ok(editor) => {
                self.editor = Some(editor);
                self.open_active();
                self.push_diagnostics();
            }
            Err(e) => ctx.link().send_message(Msg::EditorFailed(e)),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let report = self.report.as_deref();
        let loading = report.is_none();
        let env = report.and_then(|r| model::selected_env(r, self.env.as_deref()));
        let env_name = env.map(|e| e.name.as_str());

        let app_name = match report {
            Some(r) if !r.app.is_empty() => {
                html! { <span id="app-name" class="app-name">{ r.app.clone() }</span> }
            }
            Some(_) => {
                html! { <span id="app-name" class="app-name unknown">{ "no application" }</span> }
            }
            None => html! { <span id="app-name" class="app-name unknown">{ "…" }</span> },
        };

        let env_options: Html = report
            .map(|r| {
                r.environments
                    .iter()
                    .map(|e| {
                        html! {
                            <option value={e.name.clone()} selected={Some(e.name.as_str()) == env_name}>
                                { e.name.clone() }
                            </option>
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let no_envs = report.is_none_or(|r| r.environments.is_empty());
        let onchange = link.callback(|e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            Msg::SelectEnv(select.value())
        });

        let tabs: Html = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let selected = i == self.active;
                let in_file: Vec<&Diagnostic> = report.map_or_else(Vec::new, |r| {
                    r.diagnostics
                        .iter()
                        .filter(|d| d.file == f.path && model::applies_to(d, env_name))
                        .collect()
                });
                let count = in_file.len();
                let worst = in_file.iter().map(|d| d.severity).min();
                let badge = classes!(
                    "tab-count",
                    worst.map(|s| format!("tab-count-{}", model::severity_name(s)))
                );
                html! {
                    <button type="button" role="tab" class={classes!("file-tab", selected.then_some("active"))}
                        id={format!("tab-{i}")} data-path={f.path.clone()} title={f.path.clone()}
                        aria-selected={if selected { "true" } else { "false" }} aria-controls="editor"
                        onclick={link.callback(move |_| Msg::SelectFile(i))}>
                        { model::tab_label(f) }
                        if count > 0 { <span class={badge} aria-label={format!("{count} problems")}>{ count }</span> }
                    </button>
                }
            })
            .collect();

        let diagnostics = report.map_or_else(Vec::new, |r| model::visible_diagnostics(r, env_name));
        let elsewhere = report.map_or(0, |r| r.diagnostics.len() - diagnostics.len());
        let on_select = link.callback(Msg::Reveal);

        html! {
            <div class="shell">
                <header class="topbar">
                    <h1 class="title">
                        <span class="logo" aria-hidden="true">{ "◆" }</span>
                        { "Copilot manifest playground" }
                    </h1>
                    <div class="context">
                        <span class="field">
                            <span class="field-label">{ "Application" }</span>
                            { app_name }
                        </span>
                        <label class="field" for="env-select">
                            <span class="field-label">{ "Environment" }</span>
                            <select id="env-select" {onchange} disabled={no_envs}>{ env_options }</select>
                        </label>
                    </div>
                </header>
                if let Some(error) = &self.error {
                    <div class="banner" role="alert">{ error.clone() }</div>
                }
                <main class="workbench">
                    <section class="files" aria-label="Workspace files">
                        <div class="file-tabs" role="tablist" aria-label="Files">{ tabs }</div>
                        <div id="editor" ref={self.editor_host.clone()} role="tabpanel"
                            aria-labelledby={format!("tab-{}", self.active)}></div>
                    </section>
                    <div class="panes">
                        { view::endpoints_pane(&EndpointsProps { environment: env, loading }) }
                        { view::problems_pane(&ProblemsProps {
                            diagnostics: &diagnostics,
                            elsewhere,
                            loading,
                            on_select: &on_select,
                        }) }
                    </div>
                </main>
            </div>
        }
    }
}
