//! The playground: owns the workspace's files and settings, the CodeMirror editor and the
//! analysis worker.
//!
//! Flow: an edit in CodeMirror → `Msg::Edited` → debounce (50 ms; none for a paste) → the
//! workspace JSON goes to the worker (one request in flight at a time; newer edits wait and
//! coalesce) → `Msg::Answered` → the answer is applied only if it is for the latest edit (older
//! answers are dropped) → panes re-render, diagnostics go to the editor. A worker that does not
//! answer within `WATCHDOG_MS` (it trapped, or the analysis ran away) is replaced by a fresh one
//! and the user is told; the text lives here and in the editor, never in the worker.

use std::rc::Rc;

use copilot_manifest::model::WorkloadType;
use copilot_manifest::workspace::FileKind;
use copilot_manifest::{
    Detail, Diagnostic, EnvironmentReport, Fragments, Report, ServiceReport, Severity, SourceFile,
};
use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::analysis::{
    AnalysisWorker, DetailRequest, JsonCodec, SCHEMA_PREFIX, SCHEMA_REQUEST, TEST_HANG, TEST_TRAP,
    WORKER_LOADER,
};
use crate::editor::Editor;
use crate::examples::Example;
use crate::model::{self, ProblemFilter, Settings};
use crate::session::{self, Mode, Start};
use crate::share::Payload;
use crate::train::{self, Training};
use crate::{cfn, files};

mod layout;
mod sharing;

/// Typing pauses this long before the workspace is analysed.
const DEBOUNCE_MS: u32 = 50;
/// A warm worker that has not answered after this long is replaced.
const WATCHDOG_MS: u32 = 2_000;
/// The first request of a new worker also waits for its wasm to load and compile.
const COLD_WATCHDOG_MS: u32 = 20_000;
/// The URL and the autosave follow the text at most this often (a share link of a big
/// workspace takes a few milliseconds to compress).
const PERSIST_MS: u32 = 750;

pub enum Msg {
    /// CodeMirror changed a file (path, text, pasted).
    Edited(String, String, bool),
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
    ToggleSeverity(Severity),
    AllEnvironments(bool),
    ToggleSettings,
    SetVariables(String),
    ToggleLegacy(String),
    SetAppName(String),
    CycleTheme,
    /// Open the "new service" (false) or "new environment" (true) form.
    StartAdd(bool),
    SubmitAdd,
    StartRename,
    SubmitRename,
    /// Close the add or rename form, or the delete confirmation.
    Cancel,
    /// First press asks, second (`true`) deletes.
    Delete(bool),
    DismissNotice,
    ToggleConsole,
    ToggleEffective,
    ToggleCfn,
    CfnJson(bool),
    /// Open a manifest at a 1-based line (from the CloudFormation pane's provenance).
    RevealSource(String, u32),
    /// `?testhooks` only: send the worker an input that traps or hangs it.
    TestHook(&'static str),
    /// The persistence throttle fired: autosave, and encode the share link.
    Persist,
    /// Share link number `.0` was encoded, or could not be (too large); `.2`: copy it.
    Encoded(u32, Result<String, String>, bool),
    Share,
    /// A short-lived message next to the buttons (link copied…).
    Status(String),
    /// Open another example (a page load of `?example=NAME`).
    PickExample(String),
    DismissAbout,
    /// First press asks, second (`true`) replaces the workspace with the example.
    Reset(bool),
    ToggleLocal,
    CopyCommand,
    DownloadZip,
    /// Training: show one more hint.
    Hint,
    /// Training: back to the exercise's starting workspace.
    RestartExercise,
}

/// Where the keyboard focus goes after the next render.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Focus {
    AddName,
    RenameName,
    Editor,
    DeleteConfirm,
    ResetConfirm,
    ActiveFile,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the CloudFormation editor's document is built from: the Report (its address), the
/// environment picked, the open file's index, JSON rather than YAML.
type CfnKey = (usize, Option<String>, usize, bool);

/// The inline form open in the file list or the editor's header.
#[derive(Clone, PartialEq)]
enum Form {
    None,
    Add { environment: bool },
    Rename,
    ConfirmDelete,
}

pub struct App {
    mode: Mode,
    /// What Reset returns to.
    example: &'static Example,
    /// The example's explanation is shown.
    about: bool,
    /// The workspace goes to local storage (not in embeds, nor after a link that did not open).
    autosave: bool,
    persist: Option<Timeout>,
    /// The latest share link's hash (`#v1.…`), for the Share button and an embed's link out.
    share_hash: String,
    /// Share links asked for so far; only the latest one's answer is applied.
    encodes: u32,
    status: Option<String>,
    status_timer: Option<Timeout>,
    local_open: bool,
    reset_asked: bool,
    /// `?train`: the exercise shown and the progress.
    training: Option<Training>,
    files: Vec<SourceFile>,
    active: usize,
    settings: Settings,
    variables_text: String,
    variable_problems: Vec<String>,
    report: Option<Rc<Report>>,
    /// The open service's effective manifest and fragments, and its environment's fragments:
    /// asked for only while a pane shows them.
    detail: Option<Detail>,
    environment_fragments: Option<Fragments>,
    /// The environment the user picked (kept even while the report lacks it).
    env: Option<String>,
    filter: ProblemFilter,
    /// The answer could not be read, or the editor did not load.
    error: Option<String>,
    /// The worker was replaced (stays until dismissed).
    notice: Option<String>,
    settings_open: bool,
    console_open: bool,
    effective_open: bool,
    /// The CloudFormation pane: shown, and in JSON rather than YAML.
    cfn_open: bool,
    /// What the CloudFormation editor shows now (report, environment, file, format), so that a
    /// render that changed none of them (a keystroke) does not rebuild its document.
    cfn_shown: std::cell::Cell<Option<CfnKey>>,
    cfn_json: bool,
    theme: Theme,
    form: Form,
    form_problem: Option<String>,
    focus: Option<Focus>,

    bridge: WorkerBridge<AnalysisWorker>,
    /// Bumped on every respawn; answers from older workers are ignored.
    generation: u32,
    /// Whether the current worker has answered once (its wasm is loaded).
    warm: bool,
    /// Bumped on every edit; an answer is applied only if it is for the latest version.
    version: u64,
    /// The version of the request the worker is working on.
    in_flight: Option<u64>,
    /// Answers dropped because a newer edit was made meanwhile (shown as `data-stale` for tests).
    stale: u32,
    /// An edit arrived while a request was in flight: send again when it answers.
    queued: bool,
    /// `?testhooks`: a trap or hang asked for while a request was in flight, sent after it.
    pending_hook: Option<&'static str>,
    debounce: Option<Timeout>,
    watchdog: Option<Timeout>,

    /// The worker's key and rule tables, for the editor (kept until it is mounted).
    schema: Option<String>,
    editor_host: NodeRef,
    editor: Option<Editor>,
    cfn_host: NodeRef,
    add_name: NodeRef,
    add_type: NodeRef,
    rename_name: NodeRef,
    delete_confirm: NodeRef,
    reset_confirm: NodeRef,
    _test_hooks: Option<Closure<dyn Fn(String)>>,
}

fn spawn_worker(ctx: &Context<App>, generation: u32) -> WorkerBridge<AnalysisWorker> {
    let link = ctx.link().clone();
    AnalysisWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(move |report_json| link.send_message(Msg::Answered(generation, report_json)))
        .spawn_with_loader(WORKER_LOADER)
}

fn root() -> Option<web_sys::Element> {
    gloo::utils::document().document_element()
}

/// `window.playgroundTest = { trap(), hang() }` when the page URL has `?testhooks`.
fn install_test_hooks(ctx: &Context<App>) -> Option<Closure<dyn Fn(String)>> {
    let search = gloo::utils::window().location().search().ok()?;
    if !search.contains("testhooks") {
        return None;
    }
    let link = ctx.link().clone();
    let hook = Closure::<dyn Fn(String)>::new(move |what: String| {
        link.send_message(Msg::TestHook(if what == "hang" {
            TEST_HANG
        } else {
            TEST_TRAP
        }));
    });
    js_sys::Reflect::set(
        &gloo::utils::window(),
        &JsValue::from_str("playgroundTest"),
        hook.as_ref(),
    )
    .ok()?;
    Some(hook)
}

impl App {
    fn request(&mut self, ctx: &Context<Self>) {
        self.schedule_persist(ctx);
        if self.in_flight.is_some() {
            self.queued = true;
            return;
        }
        let json = model::request_json(&self.files, &self.settings, self.detail_request());
        self.send(ctx, json);
    }

    fn send(&mut self, ctx: &Context<Self>, input: String) {
        self.bridge.send(input);
        self.in_flight = Some(self.version);
        let link = ctx.link().clone();
        let generation = self.generation;
        let wait = if self.warm {
            WATCHDOG_MS
        } else {
            COLD_WATCHDOG_MS
        };
        self.watchdog = Some(Timeout::new(wait, move || {
            link.send_message(Msg::Watchdog(generation));
        }));
    }

    /// Autosave and the URL follow the workspace on a throttle (at most every `PERSIST_MS`).
    fn schedule_persist(&mut self, ctx: &Context<Self>) {
        if self.persist.is_none() {
            let link = ctx.link().clone();
            self.persist = Some(Timeout::new(PERSIST_MS, move || {
                link.send_message(Msg::Persist);
            }));
        }
    }

    fn payload(&self) -> Payload {
        Payload::new(&self.files, &self.settings, self.env.as_deref())
    }

    fn encode(&mut self, ctx: &Context<Self>, copy: bool) {
        let json = self.payload().to_json();
        self.encodes = self.encodes.wrapping_add(1);
        let number = self.encodes;
        ctx.link().send_future(async move {
            Msg::Encoded(number, session::encode_hash(&json).await, copy)
        });
    }

    fn set_status(&mut self, ctx: &Context<Self>, text: String) {
        self.status = Some(text);
        let link = ctx.link().clone();
        self.status_timer = Some(Timeout::new(4_000, move || {
            link.send_message(Msg::Status(String::new()));
        }));
    }

    /// Another workspace in the editor: every file's editor state (undo history too) is dropped.
    fn replace_files(&mut self, files: Vec<SourceFile>) {
        if let Some(editor) = &self.editor {
            for f in &self.files {
                editor.close(&f.path);
            }
        }
        self.files = files;
        self.active = 0;
        self.form = Form::None;
        self.open_active();
    }

    /// The full playground's URL for this workspace (an embed's "Open in playground").
    fn playground_url(&self) -> String {
        let base = session::base_url();
        if self.share_hash.is_empty() {
            format!("{base}?example={}", self.example.name)
        } else {
            format!("{base}{}", self.share_hash)
        }
    }

    /// A change that is not typing (settings, files added…): analyse now.
    fn changed(&mut self, ctx: &Context<Self>) {
        self.version += 1;
        self.debounce = None;
        self.request(ctx);
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
        self.push_diagnostics();
    }

    /// The CloudFormation pane's editor follows the report, the environment, the open file and
    /// the format (the facade ignores an unchanged text).
    fn show_cfn(&self) {
        let (Some(editor), Some(host), true) = (
            &self.editor,
            self.cfn_host.cast::<web_sys::Element>(),
            self.cfn_visible(),
        ) else {
            // Closed: the next opening has a new host and must be filled again.
            self.cfn_shown.set(None);
            return;
        };
        let key = (
            self.report.as_ref().map_or(0, |r| Rc::as_ptr(r) as usize),
            self.env.clone(),
            self.active,
            self.cfn_json,
        );
        if self.cfn_shown.replace(Some(key.clone())) == Some(key) {
            return;
        }
        let env = self
            .report
            .as_deref()
            .and_then(|r| model::selected_env(r, self.env.as_deref()));
        let service = self
            .open_service(env)
            .zip(self.detail.as_ref().map(|d| &d.fragments));
        let doc = cfn::document(
            service,
            env.zip(self.environment_fragments.as_ref()),
            self.cfn_json,
        );
        editor.show_cfn(&host, &doc.text, &doc.links_json());
    }

    /// What the visible panes need beyond the Report: the open manifest in the environment shown.
    fn detail_request(&self) -> Option<DetailRequest> {
        let embed_pane = matches!(&self.mode, Mode::Embed(p) if p == "effective");
        if !(self.cfn_visible() || self.effective_open || embed_pane) {
            return None;
        }
        Some(DetailRequest {
            manifest: self.files.get(self.active)?.path.clone(),
            env: self
                .env_name()
                .map(str::to_owned)
                .or_else(|| self.env.clone()),
        })
    }

    /// The panes' question changed (another file, environment, a pane opened): ask again.
    fn detail_changed(&mut self, ctx: &Context<Self>) {
        if self.detail_request().is_some() {
            self.changed(ctx);
        }
    }

    /// The CloudFormation pane is open (or it is the pane an embed shows).
    fn cfn_visible(&self) -> bool {
        self.cfn_open || self.mode == Mode::Embed("cloudformation".to_owned())
    }

    /// The service whose manifest is open in the editor, in the environment shown.
    fn open_service<'a>(&self, env: Option<&'a EnvironmentReport>) -> Option<&'a ServiceReport> {
        let file = self.files.get(self.active)?;
        env?.services.iter().find(|s| s.manifest == file.path)
    }

    fn apply_theme(&self) {
        if let Some(root) = root() {
            let _ = root.set_attribute("data-theme", self.theme.name());
        }
        if let Some(storage) = session::storage() {
            let _ = storage.set_item("theme", self.theme.name());
        }
    }

    fn add(&mut self) -> Result<(), String> {
        let Form::Add { environment } = self.form else {
            return Ok(());
        };
        let name = self
            .add_name
            .cast::<HtmlInputElement>()
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default();
        if let Some(problem) = files::name_problem(&name, &self.files, environment) {
            return Err(problem);
        }
        let file = if environment {
            SourceFile::new(
                files::environment_path(&name),
                files::environment_starter(&name),
            )
        } else {
            let kind = self
                .add_type
                .cast::<HtmlSelectElement>()
                .and_then(|s| WorkloadType::parse(&s.value()))
                .unwrap_or(WorkloadType::BackendService);
            SourceFile::new(files::service_path(&name), files::starter(kind, &name))
        };
        let at = files::insert_at(&self.files, environment);
        self.files.insert(at, file);
        self.active = at;
        if environment {
            self.env = Some(name);
        }
        self.open_active();
        Ok(())
    }

    fn rename(&mut self) -> Result<(), String> {
        let Some(file) = self.files.get(self.active) else {
            return Ok(());
        };
        let environment = matches!(file.kind(), FileKind::Environment { .. });
        let name = self
            .rename_name
            .cast::<HtmlInputElement>()
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default();
        if let Some(problem) = files::name_problem(&name, &self.files, environment) {
            return Err(problem);
        }
        let Some(new) = files::renamed(file, &name) else {
            return Ok(());
        };
        if let Some(editor) = &self.editor {
            editor.rename(&file.path, &new.path);
            editor.replace(&new.path, &new.text);
        }
        if environment {
            let old = files::top_level(&file.text, "name");
            if self.env.is_none() || self.env == old {
                self.env = Some(name);
            }
        }
        self.files[self.active] = new;
        Ok(())
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = Start;

    fn create(ctx: &Context<Self>) -> Self {
        let start = ctx.props().clone();
        let theme = match root()
            .and_then(|r| r.get_attribute("data-theme"))
            .as_deref()
        {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        };
        let embed = matches!(start.mode, Mode::Embed(_));
        let mut files = start.files;
        let mut env = start.env;
        let training = match &start.mode {
            Mode::Train(slug) => {
                let t = Training::new(slug.as_deref());
                if let Some(ex) = t.exercise() {
                    files = train::files_for(ex);
                    env = Some(ex.env.clone());
                }
                Some(t)
            }
            _ => None,
        };
        let mut app = Self {
            mode: start.mode,
            example: start.example,
            about: start.about,
            autosave: start.autosave,
            persist: None,
            share_hash: String::new(),
            encodes: 0,
            status: None,
            status_timer: None,
            local_open: false,
            reset_asked: false,
            training,
            files,
            active: 0,
            variables_text: files::variables_text(&start.settings.variables),
            settings: start.settings,
            variable_problems: Vec::new(),
            report: None,
            detail: None,
            environment_fragments: None,
            env,
            filter: ProblemFilter::default(),
            error: None,
            notice: start.notice,
            settings_open: false,
            console_open: false,
            effective_open: false,
            cfn_open: false,
            cfn_shown: std::cell::Cell::new(None),
            cfn_json: false,
            theme,
            form: Form::None,
            form_problem: None,
            focus: None,
            bridge: spawn_worker(ctx, 0),
            generation: 0,
            warm: false,
            version: 0,
            in_flight: None,
            stale: 0,
            queued: false,
            pending_hook: None,
            debounce: None,
            watchdog: None,
            schema: None,
            editor_host: NodeRef::default(),
            editor: None,
            cfn_host: NodeRef::default(),
            add_name: NodeRef::default(),
            add_type: NodeRef::default(),
            rename_name: NodeRef::default(),
            delete_confirm: NodeRef::default(),
            reset_confirm: NodeRef::default(),
            _test_hooks: install_test_hooks(ctx),
        };
        // The editor's tables first, then warm the core at once: the bridge queues both until
        // the worker has loaded, and answers come in order.
        app.bridge.send(SCHEMA_REQUEST.to_owned());
        app.request(ctx);
        if !embed {
            // Nothing to save yet: the URL gets its hash on the first change.
            app.persist = None;
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edited(path, text, pasted) => {
                let Some(file) = self.files.iter_mut().find(|f| f.path == path) else {
                    return false;
                };
                if file.text == text {
                    return false;
                }
                let app_changed = path == files::WORKSPACE_PATH;
                file.text = text;
                self.version += 1;
                if pasted {
                    self.debounce = None;
                    self.request(ctx);
                } else {
                    let link = ctx.link().clone();
                    self.debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
                        link.send_message(Msg::Flush);
                    }));
                }
                app_changed
            }
            Msg::Flush => {
                self.debounce = None;
                self.request(ctx);
                false
            }
            Msg::Answered(_, json) if json.starts_with(SCHEMA_PREFIX) => {
                if let Some(editor) = &self.editor {
                    editor.set_schema(&json);
                }
                self.schema = Some(json);
                false
            }
            Msg::Answered(generation, json) => {
                if generation != self.generation {
                    return false;
                }
                self.warm = true;
                self.watchdog = None;
                let answered = self.in_flight.take();
                if let Some(hook) = self.pending_hook.take() {
                    self.send(ctx, hook.to_owned());
                } else if std::mem::take(&mut self.queued) {
                    self.request(ctx);
                }
                if answered != Some(self.version) {
                    // Stale: a newer edit is being (or will be) analysed.
                    self.stale = self.stale.wrapping_add(1);
                    return false;
                }
                match model::parse_answer(&json) {
                    Ok(model::Answer {
                        report: Some(report),
                        detail,
                        environment_fragments,
                    }) => {
                        self.detail = detail;
                        self.environment_fragments = environment_fragments;
                        if let Some(t) = &mut self.training
                            && t.check(&report)
                        {
                            self.set_status(ctx, "Solved: every check passes.".into());
                        }
                        self.report = Some(Rc::new(report));
                        self.error = None;
                    }
                    Ok(_) => self.error = Some("the analysis answer has no report".into()),
                    Err(e) => self.error = Some(e),
                }
                self.push_diagnostics();
                true
            }
            Msg::Watchdog(generation) => {
                if generation != self.generation {
                    return false;
                }
                let timed_out = self.in_flight.take();
                self.generation = self.generation.wrapping_add(1);
                self.bridge = spawn_worker(ctx, self.generation);
                self.warm = false;
                let retry = std::mem::take(&mut self.queued) || timed_out != Some(self.version);
                self.notice = Some(if retry {
                    "The analysis stopped answering (it crashed or ran past 2 s) and was restarted. Your text is kept.".into()
                } else {
                    "The analysis stopped answering (it crashed or ran past 2 s) and was restarted. Your text is kept; it runs again on your next edit.".into()
                });
                // The same input would probably stop it again: retry only for newer text.
                if retry {
                    self.request(ctx);
                }
                true
            }
            Msg::SelectFile(index) => {
                if index >= self.files.len() || index == self.active {
                    return false;
                }
                self.active = index;
                self.form = Form::None;
                self.open_active();
                self.detail_changed(ctx);
                true
            }
            Msg::SelectEnv(name) => {
                self.env = Some(name);
                self.schedule_persist(ctx);
                self.push_diagnostics();
                self.detail_changed(ctx);
                true
            }
            Msg::Reveal(d) => {
                let Some(index) = self.files.iter().position(|f| f.path == d.file()) else {
                    return false;
                };
                let changed = index != self.active;
                self.active = index;
                self.open_active();
                if let Some(editor) = &self.editor {
                    let p = d.primary.position;
                    editor.reveal(p.line, p.column, p.end_line, p.end_column);
                }
                if changed {
                    self.detail_changed(ctx);
                }
                changed
            }
            Msg::EditorFailed(e) => {
                self.error = Some(format!("The editor could not start: {e}"));
                true
            }
            Msg::ToggleSeverity(severity) => {
                let f = &mut self.filter;
                match severity {
                    Severity::Error => f.errors = !f.errors,
                    Severity::Warning => f.warnings = !f.warnings,
                    Severity::Info => f.infos = !f.infos,
                }
                true
            }
            Msg::AllEnvironments(all) => {
                self.filter.all_envs = all;
                true
            }
            Msg::ToggleSettings => {
                self.settings_open = !self.settings_open;
                true
            }
            Msg::SetVariables(text) => {
                let (variables, problems) = files::parse_variables(&text);
                self.variables_text = text;
                self.variable_problems = problems;
                if variables != self.settings.variables {
                    self.settings.variables = variables;
                    self.changed(ctx);
                }
                true
            }
            Msg::ToggleLegacy(env) => {
                let list = &mut self.settings.legacy_namespaces;
                if let Some(i) = list.iter().position(|e| *e == env) {
                    list.remove(i);
                } else {
                    list.push(env);
                }
                self.changed(ctx);
                true
            }
            Msg::SetAppName(name) => {
                let name = name.trim();
                let Some(ws) = self
                    .files
                    .iter_mut()
                    .find(|f| f.path == files::WORKSPACE_PATH)
                else {
                    return false;
                };
                let text = files::set_top_level(&ws.text, "application", name);
                if text == ws.text {
                    return false;
                }
                ws.text = text;
                if let Some(editor) = &self.editor {
                    editor.replace(&ws.path, &ws.text);
                }
                self.changed(ctx);
                true
            }
            Msg::CycleTheme => {
                self.theme = match self.theme {
                    Theme::System => Theme::Light,
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::System,
                };
                self.apply_theme();
                true
            }
            Msg::StartAdd(environment) => {
                self.form = Form::Add { environment };
                self.form_problem = None;
                self.focus = Some(Focus::AddName);
                true
            }
            Msg::StartRename => {
                self.form = Form::Rename;
                self.form_problem = None;
                self.focus = Some(Focus::RenameName);
                true
            }
            Msg::SubmitAdd | Msg::SubmitRename => {
                let result = if matches!(msg, Msg::SubmitAdd) {
                    self.add()
                } else {
                    self.rename()
                };
                match result {
                    Ok(()) => {
                        self.form = Form::None;
                        self.form_problem = None;
                        self.focus = Some(Focus::Editor);
                        self.changed(ctx);
                    }
                    Err(problem) => self.form_problem = Some(problem),
                }
                true
            }
            Msg::Cancel if self.reset_asked => {
                self.reset_asked = false;
                true
            }
            Msg::Cancel => {
                self.form = Form::None;
                self.form_problem = None;
                self.focus = Some(Focus::ActiveFile);
                true
            }
            Msg::Delete(false) => {
                self.form = Form::ConfirmDelete;
                self.focus = Some(Focus::DeleteConfirm);
                true
            }
            Msg::Delete(true) => {
                let Some(file) = self.files.get(self.active) else {
                    return false;
                };
                if let Some(editor) = &self.editor {
                    editor.close(&file.path);
                }
                self.files.remove(self.active);
                self.active = self.active.min(self.files.len().saturating_sub(1));
                self.form = Form::None;
                self.focus = Some(Focus::ActiveFile);
                self.open_active();
                self.changed(ctx);
                true
            }
            Msg::ToggleEffective => {
                self.effective_open = !self.effective_open;
                self.detail_changed(ctx);
                true
            }
            Msg::ToggleCfn => {
                self.cfn_open = !self.cfn_open;
                self.detail_changed(ctx);
                true
            }
            Msg::CfnJson(json) => {
                self.cfn_json = json;
                true
            }
            Msg::RevealSource(path, line) => {
                let Some(i) = self.files.iter().position(|f| f.path == path) else {
                    return false;
                };
                self.active = i;
                self.form = Form::None;
                self.open_active();
                if let Some(editor) = &self.editor {
                    editor.reveal(line, 1, line, 1);
                }
                true
            }
            Msg::ToggleConsole => {
                self.console_open = !self.console_open;
                true
            }
            Msg::DismissNotice => {
                self.notice = None;
                true
            }
            msg @ (Msg::Persist
            | Msg::Encoded(..)
            | Msg::Share
            | Msg::Status(_)
            | Msg::PickExample(_)
            | Msg::DismissAbout
            | Msg::Reset(_)
            | Msg::ToggleLocal
            | Msg::CopyCommand
            | Msg::DownloadZip
            | Msg::Hint
            | Msg::RestartExercise) => self.update_sharing(ctx, msg),
            Msg::TestHook(input) => {
                if self.in_flight.is_some() {
                    self.pending_hook = Some(input);
                } else {
                    self.send(ctx, input.to_owned());
                }
                false
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if let Some(focus) = self.focus.take() {
            let element = match focus {
                Focus::AddName => self.add_name.cast::<web_sys::HtmlElement>(),
                Focus::RenameName => self.rename_name.cast::<web_sys::HtmlElement>(),
                Focus::DeleteConfirm => self.delete_confirm.cast::<web_sys::HtmlElement>(),
                Focus::ResetConfirm => self.reset_confirm.cast::<web_sys::HtmlElement>(),
                Focus::ActiveFile => gloo::utils::document()
                    .query_selector(".file-tab.active")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into().ok()),
                Focus::Editor => {
                    if let Some(editor) = &self.editor {
                        editor.focus();
                    }
                    None
                }
            };
            if let Some(element) = element {
                let _ = element.focus();
            }
        }
        self.show_cfn();
        if !first_render {
            return;
        }
        let Some(host) = self.editor_host.cast::<web_sys::Element>() else {
            return;
        };
        let link = ctx.link().clone();
        let source = ctx.link().clone();
        match Editor::mount(
            &host,
            move |path, text, pasted| link.send_message(Msg::Edited(path, text, pasted)),
            move |path, line| source.send_message(Msg::RevealSource(path, line)),
        ) {
            Ok(editor) => {
                if let Some(schema) = &self.schema {
                    editor.set_schema(schema);
                }
                self.editor = Some(editor);
                self.open_active();
            }
            Err(e) => ctx.link().send_message(Msg::EditorFailed(e)),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.layout(ctx)
    }
}
