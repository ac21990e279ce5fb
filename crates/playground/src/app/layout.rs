//! What the App renders: the top bar (or an embed's slim bar), the file list, the editor's
//! header and forms, the panes in their order, settings and "Run locally". The state and the
//! messages are in `mod.rs`.

use copilot_manifest::model::WorkloadType;
use copilot_manifest::workspace::FileKind;
use copilot_manifest::{Severity, SourceFile};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{App, Form, Msg, Theme};
use crate::model;
use crate::session::Mode;
use crate::share;
use crate::train;
use crate::view::{self, EndpointsProps, ProblemsProps};
use crate::{console, files};

impl App {
    /// The whole page for the current state.
    pub(super) fn layout(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let report = self.report.as_deref();
        let loading = report.is_none();
        let env = report.and_then(|r| model::selected_env(r, self.env.as_deref()));
        let env_name = env.map(|e| e.name.as_str());

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
        let on_app_name = link.callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::SetAppName(input.value())
        });
        let has_workspace = self.files.iter().any(|f| f.path == files::WORKSPACE_PATH);

        let scoped = report.map_or_else(Vec::new, |r| {
            model::scoped_problems(r, env_name, self.filter.all_envs)
        });
        let hidden_elsewhere = report.map_or(0, |r| {
            r.diagnostics
                .iter()
                .filter(|d| !model::applies_to(d, env_name))
                .count()
        });
        let elsewhere = if self.filter.all_envs {
            0
        } else {
            hidden_elsewhere
        };
        let on_select = link.callback(Msg::Reveal);
        let on_toggle = link.callback(Msg::ToggleSeverity);
        let on_all_envs = link.callback(Msg::AllEnvironments);

        let editor = html! {
            <section class="files" aria-label="Editor">
                { self.editor_head(ctx) }
                <div id="editor" ref={self.editor_host.clone()}></div>
            </section>
        };
        let pane = |which: &str, open: bool| -> Html {
            match which {
                "problems" => view::problems_pane(&ProblemsProps {
                    diagnostics: &scoped,
                    filter: self.filter,
                    env: env_name,
                    elsewhere,
                    loading,
                    on_select: &on_select,
                    on_toggle: &on_toggle,
                    on_all_envs: &on_all_envs,
                }),
                "effective" => view::effective_pane(
                    open || self.effective_open,
                    self.open_service(env)
                        .zip(self.files.get(self.active))
                        .map(|(s, f)| (s, env_name.unwrap_or_default(), f.text.as_str())),
                    self.detail.as_ref().map(|d| d.effective_manifest.as_str()),
                    &link.callback(|_| Msg::ToggleEffective),
                ),
                "cloudformation" => view::cloudformation_pane(&view::CfnProps {
                    open: open || self.cfn_open,
                    json: self.cfn_json,
                    environment: env,
                    service: self.open_service(env),
                    fragments: self.detail.as_ref().map(|d| &d.fragments),
                    environment_fragments: self.environment_fragments.as_ref(),
                    on_toggle: &link.callback(|_| Msg::ToggleCfn),
                    on_format: &link.callback(Msg::CfnJson),
                    host: &self.cfn_host,
                }),
                "console" => view::console_pane(
                    report
                        .filter(|_| open || self.console_open)
                        .map(|r| console::render(r, &self.files)),
                    &link.callback(|_| Msg::ToggleConsole),
                ),
                _ => view::endpoints_pane(&EndpointsProps {
                    environment: env,
                    loading,
                    focus: self.open_service(env).map(|s| s.name.as_str()),
                }),
            }
        };
        let banners = html! {
            <>
                if let Some(error) = &self.error {
                    <div class="banner" role="alert">{ error.clone() }</div>
                }
                if let Some(notice) = &self.notice {
                    <div id="notice" class="banner notice" role="status">
                        { notice.clone() }
                        <button type="button" class="link-button" onclick={link.callback(|_| Msg::DismissNotice)}>
                            { "Dismiss" }
                        </button>
                    </div>
                }
            </>
        };
        let env_select = html! {
            <label class="field" for="env-select">
                <span class="field-label">{ "Environment" }</span>
                <select id="env-select" {onchange} disabled={no_envs}>{ env_options }</select>
            </label>
        };

        if let Mode::Embed(which) = &self.mode {
            return html! {
                <div class="shell embed">
                    <header class="topbar embed-bar">
                        <span class="title"><span class="logo" aria-hidden="true">{ "◆" }</span>{ " Copilot manifest playground" }</span>
                        <div class="context">
                            { env_select }
                            <a id="open-in-playground" class="top-button" href={self.playground_url()}
                                target="_blank" rel="noopener">{ "Open in playground ↗" }</a>
                        </div>
                    </header>
                    { banners }
                    <main class="workbench">
                        { self.files_nav(ctx) }
                        { editor }
                        <div class="panes">{ pane(which, true) }</div>
                    </main>
                </div>
            };
        }

        let examples: Html = crate::examples::all()
            .iter()
            .map(|e| html! { <option value={e.name}>{ e.title }</option> })
            .collect();
        let on_example = link.callback(|e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            Msg::PickExample(select.value())
        });
        html! {
            <div class="shell" data-stale={self.stale.to_string()}>
                <header class="topbar">
                    <h1 class="title">
                        <span class="logo" aria-hidden="true">{ "◆" }</span>
                        { "Copilot manifest playground" }
                    </h1>
                    <div class="context">
                        <label class="field" for="app-name">
                            <span class="field-label">{ "Application" }</span>
                            <input id="app-name" class="app-name" type="text" spellcheck="false"
                                autocomplete="off" value={files::app_name(&self.files)}
                                disabled={!has_workspace} onchange={on_app_name} />
                        </label>
                        { env_select }
                        <label class="field" for="example-select">
                            <select id="example-select" aria-label="Examples" onchange={on_example}>
                                <option value="" selected=true disabled=true>{ "Examples…" }</option>
                                { examples }
                            </select>
                        </label>
                        if self.training.is_none() {
                            <a id="training-link" class="top-button" href="?train">{ "Training" }</a>
                            <button type="button" id="share" class="top-button" onclick={link.callback(|_| Msg::Share)}>
                                { "Share" }
                            </button>
                        }
                        <button type="button" id="local-toggle" class="top-button"
                            aria-expanded={if self.local_open { "true" } else { "false" }}
                            aria-controls="local" onclick={link.callback(|_| Msg::ToggleLocal)}>
                            { "Run locally" }
                        </button>
                        if self.training.is_none() {
                            <button type="button" id="reset" class="top-button" onclick={link.callback(|_| Msg::Reset(false))}>
                                { "Reset" }
                            </button>
                        }
                        <button type="button" id="settings-toggle" class="top-button"
                            aria-expanded={if self.settings_open { "true" } else { "false" }}
                            aria-controls="settings" onclick={link.callback(|_| Msg::ToggleSettings)}>
                            { "Settings" }
                        </button>
                        <button type="button" id="theme-toggle" class="top-button"
                            data-theme={self.theme.name()}
                            aria-label={format!("Theme: {} (change)", self.theme.name())}
                            onclick={link.callback(|_| Msg::CycleTheme)}>
                            { match self.theme { Theme::System => "◐ System", Theme::Light => "☀ Light", Theme::Dark => "☾ Dark" } }
                        </button>
                    </div>
                </header>
                <div class="status" id="status" role="status" aria-live="polite">{ self.status.clone().unwrap_or_default() }</div>
                if self.reset_asked {
                    <div class="banner notice" role="alertdialog" aria-labelledby="reset-question"
                        onkeydown={escape(link)}>
                        <span id="reset-question">{ format!("Replace the workspace with the example “{}”? Your changes are not kept.", self.example.title) }</span>
                        <button type="button" id="reset-confirm" class="danger" ref={self.reset_confirm.clone()}
                            onclick={link.callback(|_| Msg::Reset(true))}>{ "Reset" }</button>
                        <button type="button" class="link-button" onclick={link.callback(|_| Msg::Cancel)}>{ "Keep my work" }</button>
                    </div>
                }
                if self.settings_open { { self.settings_view(ctx) } }
                if self.local_open { { self.local_view(ctx) } }
                { banners }
                <main class="workbench">
                    { self.files_nav(ctx) }
                    { editor }
                    <div class="panes">
                        if let Some(t) = &self.training {
                            { train::pane(&train::PaneProps {
                                training: t,
                                on_hint: link.callback(|_| Msg::Hint),
                                on_restart: link.callback(|_| Msg::RestartExercise),
                            }) }
                        }
                        if self.about && self.training.is_none() {
                            <section id="about" class="pane about" aria-labelledby="about-title">
                                <header class="pane-head">
                                    <h2 id="about-title">{ self.example.title }</h2>
                                    <button type="button" class="small-button" id="about-dismiss"
                                        onclick={link.callback(|_| Msg::DismissAbout)}>{ "Hide" }</button>
                                </header>
                                <p>{ view::rich(self.example.about) }</p>
                            </section>
                        }
                        { pane("endpoints", false) }
                        { pane("problems", false) }
                        { pane("effective", false) }
                        { pane("cloudformation", false) }
                        { pane("console", false) }
                    </div>
                </main>
            </div>
        }
    }

    fn files_nav(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let mut groups = Vec::with_capacity(3);
        for (group, title) in [(0, "Services"), (1, "Environments"), (2, "Workspace")] {
            let items: Html = self
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| group_of(f) == group)
                .map(|(i, f)| self.file_tab(ctx, i, f))
                .collect();
            let environment = group == 1;
            let add = (group < 2).then(|| {
                html! {
                    <button type="button" class="add-button"
                        id={if environment { "add-environment" } else { "add-service" }}
                        aria-label={if environment { "Add an environment" } else { "Add a service" }}
                        onclick={link.callback(move |_| Msg::StartAdd(environment))}>
                        { "+ Add" }
                    </button>
                }
            });
            let form = (group < 2 && self.form == (Form::Add { environment }))
                .then(|| self.add_form(ctx, environment));
            groups.push(html! {
                <div class="file-group" role="group" aria-label={title}>
                    <div class="group-head"><h2>{ title }</h2>{ add }</div>
                    { form }
                    <ul class="file-list">{ items }</ul>
                </div>
            });
        }
        html! { <nav class="files-nav" aria-label="Workspace files">{ for groups }</nav> }
    }

    #[inline(never)]
    fn file_tab(&self, ctx: &Context<Self>, i: usize, f: &SourceFile) -> Html {
        let selected = i == self.active;
        let env_name = self.env_name();
        let (count, worst) = self.report.as_deref().map_or((0, None), |r| {
            r.diagnostics
                .iter()
                .filter(|d| d.file() == f.path && model::applies_to(d, env_name))
                .fold((0, None::<Severity>), |(n, w), d| {
                    (n + 1, Some(w.map_or(d.severity, |w| w.min(d.severity))))
                })
        });
        let badge = classes!(
            "tab-count",
            worst.map(|s| format!("tab-count-{}", model::severity_name(s)))
        );
        html! {
            <li>
                <button type="button" class={classes!("file-tab", selected.then_some("active"))}
                    data-path={f.path.clone()} title={f.path.clone()}
                    aria-current={selected.then_some("true")}
                    onclick={ctx.link().callback(move |_| Msg::SelectFile(i))}>
                    <span class="file-name">{ model::tab_label(f) }</span>
                    if count > 0 {
                        <span class={badge} aria-label={format!("{count} problems")}>{ count }</span>
                    }
                </button>
            </li>
        }
    }

    fn add_form(&self, ctx: &Context<Self>, environment: bool) -> Html {
        let link = ctx.link();
        let onsubmit = link.callback(|e: SubmitEvent| {
            e.prevent_default();
            Msg::SubmitAdd
        });
        let types: Html = WorkloadType::ALL
            .iter()
            .map(|t| html! { <option value={t.as_str()} selected={*t == WorkloadType::BackendService}>{ t.as_str() }</option> })
            .collect();
        html! {
            <form class="inline-form" id="add-form" {onsubmit} onkeydown={escape(link)}>
                <label for="new-name">{ if environment { "Environment name" } else { "Service name" } }</label>
                <input id="new-name" ref={self.add_name.clone()} type="text" spellcheck="false"
                    autocomplete="off" placeholder={if environment { "prod" } else { "orders" }} />
                if !environment {
                    <label for="new-type">{ "Type" }</label>
                    <select id="new-type" ref={self.add_type.clone()}>{ types }</select>
                }
                { form_problem(self.form_problem.as_deref()) }
                <div class="form-buttons">
                    <button type="submit" id="add-submit">{ "Add" }</button>
                    <button type="button" onclick={link.callback(|_| Msg::Cancel)}>{ "Cancel" }</button>
                </div>
            </form>
        }
    }

    fn editor_head(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let Some(file) = self.files.get(self.active) else {
            return html! {
                <div class="editor-head"><span class="path">{ "No file: add a service or an environment." }</span></div>
            };
        };
        let renamable = matches!(
            file.kind(),
            FileKind::Workload { .. } | FileKind::Environment { .. }
        );
        let current = match file.kind() {
            FileKind::Workload { name } | FileKind::Environment { name } => name.to_owned(),
            _ => String::new(),
        };
        let form = match self.form {
            Form::Rename => {
                let onsubmit = link.callback(|e: SubmitEvent| {
                    e.prevent_default();
                    Msg::SubmitRename
                });
                html! {
                    <form class="inline-form wide" id="rename-form" {onsubmit} onkeydown={escape(link)}>
                        <label for="rename-name">{ "New name" }</label>
                        <input id="rename-name" ref={self.rename_name.clone()} type="text"
                            spellcheck="false" autocomplete="off" value={current} />
                        { form_problem(self.form_problem.as_deref()) }
                        <div class="form-buttons">
                            <button type="submit" id="rename-submit">{ "Rename" }</button>
                            <button type="button" onclick={link.callback(|_| Msg::Cancel)}>{ "Cancel" }</button>
                        </div>
                    </form>
                }
            }
            Form::ConfirmDelete => html! {
                <div class="inline-form wide" role="alertdialog" aria-labelledby="delete-question"
                    onkeydown={escape(link)}>
                    <span id="delete-question">{ format!("Delete {}? Its text is not kept.", file.path) }</span>
                    <div class="form-buttons">
                        <button type="button" id="delete-confirm" class="danger" ref={self.delete_confirm.clone()}
                            onclick={link.callback(|_| Msg::Delete(true))}>{ "Delete" }</button>
                        <button type="button" onclick={link.callback(|_| Msg::Cancel)}>{ "Keep" }</button>
                    </div>
                </div>
            },
            _ => Html::default(),
        };
        html! {
            <>
                <div class="editor-head">
                    <span class="path" id="editor-path">{ file.path.clone() }</span>
                    if renamable {
                        <button type="button" id="rename-file" class="small-button"
                            onclick={link.callback(|_| Msg::StartRename)}>{ "Rename" }</button>
                    }
                    if file.path != files::WORKSPACE_PATH {
                        <button type="button" id="delete-file" class="small-button"
                            onclick={link.callback(|_| Msg::Delete(false))}>{ "Delete" }</button>
                    }
                </div>
                { form }
            </>
        }
    }

    /// Reproduce locally: the equivalent CLI command and the workspace as a zip of `copilot/`.
    fn local_view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        html! {
            <section id="local" class="settings" aria-label="Run locally">
                <p>{ "The same check on your machine: unzip the workspace next to your code (it is a " }
                    <code>{ "copilot/" }</code>{ " folder), then run the playground's CLI from that folder." }</p>
                <div class="command-row">
                    <code id="check-command" class="command">{ share::check_command(&self.settings) }</code>
                    <button type="button" id="copy-command" class="small-button"
                        onclick={link.callback(|_| Msg::CopyCommand)}>{ "Copy" }</button>
                </div>
                <button type="button" id="download-zip" class="small-button"
                    onclick={link.callback(|_| Msg::DownloadZip)}>{ "Download copilot/ as a zip" }</button>
            </section>
        }
    }

    fn settings_view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let oninput = link.callback(|e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            Msg::SetVariables(area.value())
        });
        let envs: Vec<String> = self.report.as_deref().map_or_else(Vec::new, |r| {
            r.environments.iter().map(|e| e.name.clone()).collect()
        });
        let legacy: Html = envs
            .into_iter()
            .map(|env| {
                let checked = self.settings.legacy_namespaces.contains(&env);
                let id = format!("legacy-{env}");
                let name = env.clone();
                html! {
                    <li>
                        <input type="checkbox" id={id.clone()} data-env={env.clone()} {checked}
                            onchange={link.callback(move |_| Msg::ToggleLegacy(name.clone()))} />
                        <label for={id}><code>{ env }</code></label>
                    </li>
                }
            })
            .collect();
        html! {
            <section id="settings" class="settings" aria-label="Settings">
                <div class="setting">
                    <label for="variables"><strong>{ "Shell variables" }</strong>
                        { " for ${VAR} in manifests, one NAME=value a line" }</label>
                    <textarea id="variables" rows="3" spellcheck="false" value={self.variables_text.clone()}
                        placeholder="TAG=v1.2.3" {oninput} />
                    if !self.variable_problems.is_empty() {
                        <p class="form-problem" role="alert">{ self.variable_problems.join("; ") }</p>
                    }
                </div>
                <fieldset class="setting">
                    <legend><strong>{ "Legacy namespace" }</strong>
                        { ": environments created before Copilot v1.9.0 use {app}.local" }</legend>
                    <ul class="legacy-list">{ legacy }</ul>
                </fieldset>
            </section>
        }
    }
}

/// 0 services, 1 environments, 2 the rest (`.workspace`).
fn group_of(f: &SourceFile) -> u8 {
    match f.kind() {
        FileKind::Workload { .. } => 0,
        FileKind::Environment { .. } => 1,
        _ => 2,
    }
}

fn form_problem(problem: Option<&str>) -> Html {
    match problem {
        Some(p) => html! { <p class="form-problem" role="alert">{ p.to_owned() }</p> },
        None => Html::default(),
    }
}

/// Escape closes an inline form.
fn escape(link: &yew::html::Scope<App>) -> Callback<KeyboardEvent> {
    link.batch_callback(|e: KeyboardEvent| (e.key() == "Escape").then_some(Msg::Cancel))
}
