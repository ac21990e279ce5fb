//! The panes, as pure rendering functions: they render what they are given (a Report's
//! environment, a list of diagnostics) and hold no state, so tests can mount them on a fixture
//! Report. They are functions rather than components to keep the UI's wasm small (every
//! component type monomorphises Yew's lifecycle). Every value is rendered as text, never HTML.

use copilot_manifest::{Diagnostic, EnvironmentReport, ServiceReport};
use yew::prelude::*;

use crate::model::{self, Counts, SD_ENDPOINT_VAR, ScCell, SdCell};

/// What the endpoints pane shows.
pub struct EndpointsProps<'a> {
    /// The environment shown; `None` when the report has no environment (yet).
    pub environment: Option<&'a EnvironmentReport>,
    /// True until the first report arrives.
    pub loading: bool,
}

/// `<section id="endpoints">`: one `<tr data-service>` per service of the environment, then
/// `<ul id="reachability">` with one `<li data-from data-to>` per ordered pair.
pub fn endpoints_pane(props: &EndpointsProps<'_>) -> Html {
    let head = html! {
        <header class="pane-head">
            <h2 id="endpoints-title">{ "Endpoints" }</h2>
            if let Some(env) = &props.environment {
                <span class="pane-meta" title="Service Discovery namespace">
                    { "namespace " }<code>{ env.namespace.clone() }</code>
                    if env.legacy_namespace { { " (legacy)" } }
                </span>
            }
        </header>
    };
    let Some(env) = &props.environment else {
        let note = if props.loading {
            "Analyzing the workspace…"
        } else {
            "No environment to show. Add copilot/environments/<name>/manifest.yml."
        };
        return html! {
            <section id="endpoints" class="pane" aria-labelledby="endpoints-title">
                { head }
                <p class="empty">{ note }</p>
                <ul id="reachability" class="reachability"></ul>
            </section>
        };
    };
    let rows: Html = env.services.iter().map(service_row).collect();
    let reach: Html = env
        .reachability
        .iter()
        .map(|r| {
            let (class, via) = match r.via {
                Some(copilot_manifest::Via::ServiceConnect) => ("reach ok", "service-connect"),
                Some(copilot_manifest::Via::ServiceDiscovery) => ("reach ok", "service-discovery"),
                None => ("reach none", "none"),
            };
            html! {
                <li class={class} data-from={r.from.clone()} data-to={r.to.clone()} data-via={via}>
                    { model::reach_text(r) }
                </li>
            }
        })
        .collect();
    html! {
        <section id="endpoints" class="pane" aria-labelledby="endpoints-title">
            { head }
            if env.services.is_empty() {
                <p class="empty">{ format!("No services are deployed to {}.", env.name) }</p>
            } else {
                <div class="table-wrap">
                    <table class="endpoints">
                        <thead>
                            <tr>
                                <th scope="col">{ "Service" }</th>
                                <th scope="col">{ "Type" }</th>
                                <th scope="col">{ "Service Connect" }</th>
                                <th scope="col">{ "Service Discovery" }</th>
                                <th scope="col" title={SD_ENDPOINT_VAR}>
                                    // COPILOT_SERVICE_DISCOVERY_ENDPOINT, allowed to wrap.
                                    <code>
                                        { "COPILOT_SERVICE_" }<wbr />{ "DISCOVERY_" }<wbr />{ "ENDPOINT" }
                                    </code>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{ rows }</tbody>
                    </table>
                </div>
            }
            <h3 class="subhead">{ "Reachability" }</h3>
            <ul id="reachability" class="reachability">{ reach }</ul>
            if env.reachability.is_empty() {
                <p class="empty">{ "No service pairs in this environment." }</p>
            }
        </section>
    }
}

fn service_row(s: &ServiceReport) -> Html {
    let sc = match model::sc_cell(s.service_connect.as_ref()) {
        ScCell::Off => html! { <span class="off">{ "off" }</span> },
        ScCell::ClientOnly => html! { <span class="off">{ "client only" }</span> },
        ScCell::Server { alias, url } => html! {
            <>
                <code class="name">{ alias }</code>
                <span class="url">{ url }</span>
            </>
        },
    };
    let sd = match model::sd_cell(&s.service_discovery) {
        SdCell::NotRegistered => html! { <span class="off">{ "not registered" }</span> },
        SdCell::Registered { dns_name, url } => html! {
            <>
                <code class="name">{ dns_name }</code>
                <span class="url">{ url }</span>
            </>
        },
    };
    let endpoint = s.env_vars.get(SD_ENDPOINT_VAR).cloned();
    html! {
        <tr data-service={s.name.clone()}>
            <th scope="row" class="service" title={s.manifest.clone()}>{ s.name.clone() }</th>
            <td class="type">{ s.workload_type.clone() }</td>
            <td class="sc">{ sc }</td>
            <td class="sd">{ sd }</td>
            <td class="env-var">
                if let Some(v) = endpoint { <code>{ v }</code> } else { <span class="off">{ "—" }</span> }
            </td>
        </tr>
    }
}

/// What the problems pane shows.
pub struct ProblemsProps<'a> {
    /// The findings for the environment shown.
    pub diagnostics: &'a [&'a Diagnostic],
    /// Findings left out because they belong to other environments.
    pub elsewhere: usize,
    pub loading: bool,
    /// A problem was clicked: move the editor there.
    pub on_select: &'a Callback<Diagnostic>,
}

/// `<section id="problems">`: the live summary, then one `<li class="problem" data-severity>` per
/// finding with severity, `file:line:col`, message and Copilot's own error text.
pub fn problems_pane(props: &ProblemsProps<'_>) -> Html {
    let counts = Counts::of(props.diagnostics.iter().copied());
    let summary = if props.loading {
        "Analyzing…".to_owned()
    } else {
        counts.summary()
    };
    let summary_class = classes!(
        "summary",
        (counts.errors > 0).then_some("has-errors"),
        (counts.errors == 0 && counts.warnings > 0).then_some("has-warnings"),
    );
    let items: Html = props
        .diagnostics
        .iter()
        .map(|&d| {
            let onclick = {
                let on_select = props.on_select.clone();
                let d = d.clone();
                Callback::from(move |_: MouseEvent| on_select.emit(d.clone()))
            };
            let severity = model::severity_name(d.severity);
            html! {
                <li class="problem" data-severity={severity} data-code={d.code.clone()} {onclick}>
                    <button type="button" class="problem-button">
                        <span class="problem-line">
                            <span class={classes!("sev", format!("sev-{severity}"))}>{ severity }</span>
                            <span class="loc">{ model::location(d) }</span>
                            if let Some(env) = &d.env {
                                <span class="env-badge">{ env.clone() }</span>
                            }
                            <span class="code">{ d.code.clone() }</span>
                        </span>
                        <span class="msg">{ d.message.clone() }</span>
                        if let Some(err) = &d.copilot_error {
                            <span class="copilot-error">
                                <span class="label">{ "Copilot: " }</span>{ err.clone() }
                            </span>
                        }
                        if let Some(help) = &d.help {
                            <span class="help">
                                <span class="label">{ "help: " }</span>{ help.clone() }
                            </span>
                        }
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <section id="problems" class="pane" aria-labelledby="problems-title">
            <header class="pane-head">
                <h2 id="problems-title">{ "Problems" }</h2>
                <p id="problem-summary" class={summary_class} aria-live="polite" role="status">
                    { summary }
                </p>
            </header>
            <ul class="problems">{ items }</ul>
            if !props.loading && counts.total() == 0 {
                <p class="empty">{ "Copilot would accept this workspace." }</p>
            }
            if props.elsewhere > 0 {
                <p class="note">
                    { format!("{} more in other environments.", props.elsewhere) }
                </p>
            }
        </section>
    }
}
