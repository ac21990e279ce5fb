//! The panes on a fixture Report, mounted in headless Chrome, asserted on the real DOM:
//! `cargo test --target wasm32-unknown-unknown -p copilot-playground --tests`
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use copilot_manifest::{Diagnostic, EnvironmentReport, Report};
use copilot_playground::model::ProblemFilter;
use copilot_playground::view::{EndpointsProps, ProblemsProps, endpoints_pane, problems_pane};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `endpoints_pane` as the App does.
#[derive(Properties, PartialEq)]
struct EndpointsFixture {
    environment: Option<Rc<EnvironmentReport>>,
    loading: bool,
}

#[component]
fn EndpointsHarness(props: &EndpointsFixture) -> Html {
    endpoints_pane(&EndpointsProps {
        environment: props.environment.as_deref(),
        loading: props.loading,
        focus: None,
    })
}

/// Mounts `problems_pane` as the App does.
#[derive(Properties, PartialEq)]
struct ProblemsFixture {
    diagnostics: Rc<Vec<Diagnostic>>,
    elsewhere: usize,
    on_select: Callback<Diagnostic>,
    #[prop_or_default]
    hide_errors: bool,
}

#[component]
fn ProblemsHarness(props: &ProblemsFixture) -> Html {
    let diagnostics: Vec<&Diagnostic> = props.diagnostics.iter().collect();
    problems_pane(&ProblemsProps {
        diagnostics: &diagnostics,
        filter: ProblemFilter {
            errors: !props.hide_errors,
            ..ProblemFilter::default()
        },
        env: None,
        elsewhere: props.elsewhere,
        loading: false,
        on_select: &props.on_select,
        on_toggle: &Callback::noop(),
        on_all_envs: &Callback::noop(),
    })
}

/// The kudos example as the core will report it (design.md §4), plus a client-only service,
/// an unregistered one, and findings for every severity.
const REPORT: &str = r#"{
  "version": 2,
  "app": "kudos",
  "diagnostics": [
    {"code": "connect-alias-without-port", "severity": "error",
     "message": "network.connect.alias needs an exposed port",
     "file": "copilot/api/manifest.yml", "line": 7, "column": 5, "end_line": 7, "end_column": 16,
     "path": "network.connect.alias", "env": "test",
     "copilot_error": "validate manifest against environment \"test\": cannot set \"network.connect.alias\" when no ports are exposed",
     "help": "set image.port"},
    {"code": "connect-off-server", "severity": "warning", "message": "<b>not html</b>",
     "file": "copilot/worker/manifest.yml", "line": 2, "column": 1, "end_line": 2, "end_column": 4,
     "path": null, "env": null, "copilot_error": null, "help": null},
    {"code": "url-needs-port", "severity": "info", "message": "a note",
     "file": "copilot/front-end/manifest.yml", "line": 1, "column": 1, "end_line": 1, "end_column": 2,
     "path": null, "env": null, "copilot_error": null, "help": null}
  ],
  "environments": [
    {"name": "test", "namespace": "test.kudos.local", "legacy_namespace": false,
     "services": [
       {"name": "api", "type": "Backend Service", "manifest": "copilot/api/manifest.yml",
        "service_connect": {"enabled": true, "server": true, "alias": "api", "port": 80, "url": "http://api"},
        "service_discovery": {"registered": true, "dns_name": "api.test.kudos.local", "port": 80,
                              "url": "http://api.test.kudos.local"},
        "env_vars": {"COPILOT_SERVICE_DISCOVERY_ENDPOINT": "test.kudos.local"}},
       {"name": "front-end", "type": "Load Balanced Web Service", "manifest": "copilot/front-end/manifest.yml",
        "service_connect": {"enabled": true, "server": false, "alias": null, "port": null, "url": null},
        "service_discovery": {"registered": true, "dns_name": "front-end.test.kudos.local", "port": 80,
                              "url": "http://front-end.test.kudos.local"},
        "env_vars": {"COPILOT_SERVICE_DISCOVERY_ENDPOINT": "test.kudos.local"}},
       {"name": "worker", "type": "Worker Service", "manifest": "copilot/worker/manifest.yml",
        "service_connect": null,
        "service_discovery": {"registered": false, "dns_name": null, "port": null, "url": null},
        "env_vars": {}, "unreachable": "worker is not registered"}
     ],
     "reachability": [
       {"from": "api", "via": "service-discovery", "to": ["front-end"]},
       {"from": "api", "via": null, "to": ["worker"]},
       {"from": "front-end", "via": "service-connect", "to": ["api"]}
     ]}
  ]
}"#;

fn report() -> Report {
    serde_json::from_str(REPORT).expect("fixture report")
}

fn mount_point() -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

/// Wait (up to 2 s) until `selector` matches inside `root`: the App's first renders take longer
/// than one `settle()` in a debug build.
async fn wait_for(root: &web_sys::Element, selector: &str) {
    for _ in 0..200 {
        if count(root, selector) > 0 {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

#[wasm_bindgen_test]
async fn endpoints_table_and_reachability() {
    let root = mount_point();
    let env = report().environments.remove(0);
    let props = EndpointsFixture {
        environment: Some(Rc::new(env)),
        loading: false,
    };
    yew::Renderer::<EndpointsHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;

    assert_eq!(count(&root, "section#endpoints tr[data-service]"), 3);
    let api = "tr[data-service=\"api\"]";
    assert_eq!(text(&root, &format!("{api} .service")), "api");
    assert_eq!(text(&root, &format!("{api} .type")), "Backend Service");
    assert_eq!(text(&root, &format!("{api} .sc")), "apihttp://api");
    assert_eq!(
        text(&root, &format!("{api} .sd")),
        "api.test.kudos.localhttp://api.test.kudos.local"
    );
    assert_eq!(text(&root, &format!("{api} .env-var")), "test.kudos.local");
    assert_eq!(
        text(&root, "tr[data-service=\"front-end\"] .sc"),
        "client only"
    );
    assert_eq!(text(&root, "tr[data-service=\"worker\"] .sc"), "off");
    assert_eq!(
        text(&root, "tr[data-service=\"worker\"] .sd"),
        "not registered"
    );

    assert_eq!(count(&root, "ul#reachability > li"), 3);
    assert_eq!(
        text(
            &root,
            "#reachability li[data-from=\"front-end\"][data-to=\"api\"]"
        ),
        "front-end → api via Service Connect: http://api"
    );
    assert_eq!(
        text(
            &root,
            "#reachability li[data-from=\"api\"][data-to=\"front-end\"]"
        ),
        "api → front-end via Service Discovery: http://front-end.test.kudos.local"
    );
    assert_eq!(
        text(
            &root,
            "#reachability li[data-from=\"api\"][data-to=\"worker\"]"
        ),
        "api → worker: no path: worker is not registered"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn endpoints_without_environment() {
    let root = mount_point();
    let props = EndpointsFixture {
        environment: None,
        loading: true,
    };
    yew::Renderer::<EndpointsHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(count(&root, "tr[data-service]"), 0);
    assert!(text(&root, "#endpoints .empty").contains("Analyzing"));
    root.remove();
}

#[wasm_bindgen_test]
async fn problems_list_summary_and_click() {
    let root = mount_point();
    let clicked: Rc<RefCell<Vec<Diagnostic>>> = Rc::default();
    let sink = clicked.clone();
    let props = ProblemsFixture {
        diagnostics: Rc::new(report().diagnostics),
        elsewhere: 1,
        on_select: Callback::from(move |d| sink.borrow_mut().push(d)),
        hide_errors: false,
    };
    yew::Renderer::<ProblemsHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;

    assert_eq!(count(&root, "#problems li.problem"), 3);
    assert_eq!(count(&root, "li.problem[data-severity=\"error\"]"), 1);
    assert_eq!(count(&root, "li.problem[data-severity=\"warning\"]"), 1);
    assert_eq!(count(&root, "li.problem[data-severity=\"info\"]"), 1);

    let summary = root.query_selector("#problem-summary").unwrap().unwrap();
    assert_eq!(
        summary.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    assert_eq!(
        summary.text_content().unwrap(),
        "1 error, 1 warning, 1 note"
    );

    let error = "li.problem[data-severity=\"error\"]";
    assert_eq!(
        text(&root, &format!("{error} .loc")),
        "copilot/api/manifest.yml:7:5"
    );
    assert_eq!(
        text(&root, &format!("{error} .msg")),
        "network.connect.alias needs an exposed port"
    );
    assert!(text(&root, &format!("{error} .copilot-error")).contains("when no ports are exposed"));
    // Messages are text, never markup.
    assert_eq!(
        text(&root, "li.problem[data-severity=\"warning\"] .msg"),
        "<b>not html</b>"
    );
    assert_eq!(count(&root, "li.problem b"), 0);
    assert!(text(&root, "#problems .note").contains("1 more"));

    root.query_selector(&format!("{error} button"))
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    let clicked = clicked.borrow();
    assert_eq!(clicked.len(), 1);
    assert_eq!(clicked[0].code(), "connect-alias-without-port");
    assert_eq!((clicked[0].line(), clicked[0].column()), (7, 5));
    root.remove();
}

#[wasm_bindgen_test]
async fn problems_severity_filter() {
    let root = mount_point();
    let props = ProblemsFixture {
        diagnostics: Rc::new(report().diagnostics),
        elsewhere: 0,
        on_select: Callback::noop(),
        hide_errors: true,
    };
    yew::Renderer::<ProblemsHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(count(&root, "#problems li.problem"), 2);
    assert_eq!(count(&root, "li.problem[data-severity=\"error\"]"), 0);
    assert_eq!(
        text(&root, "#problem-summary"),
        "1 error, 1 warning, 1 note (1 hidden by the filter)"
    );
    let pressed = |id: &str| {
        root.query_selector(id)
            .unwrap()
            .unwrap()
            .get_attribute("aria-pressed")
    };
    assert_eq!(pressed("#filter-error").as_deref(), Some("false"));
    assert_eq!(pressed("#filter-warning").as_deref(), Some("true"));
    assert_eq!(text(&root, "#filter-error"), "Errors 1");
    root.remove();
}

#[wasm_bindgen_test]
async fn problems_clean_report() {
    let root = mount_point();
    let props = ProblemsFixture {
        diagnostics: Rc::new(Vec::new()),
        elsewhere: 0,
        on_select: Callback::noop(),
        hide_errors: false,
    };
    yew::Renderer::<ProblemsHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(count(&root, "li.problem"), 0);
    assert_eq!(text(&root, "#problem-summary"), "No problems");
    root.remove();
}

/// The whole App without its two external pieces: no CodeMirror bundle is loaded here (the App
/// reports that in a banner instead of trapping) and the worker script is absent (the panes stay
/// in their loading state). The shell's DOM contract still holds.
#[wasm_bindgen_test]
async fn app_shell_without_editor_or_worker() {
    let root = mount_point();
    yew::Renderer::<copilot_playground::App>::with_root_and_props(root.clone(), Default::default())
        .render();
    settle().await;

    let paths: Vec<String> = {
        let tabs = root
            .query_selector_all("button.file-tab[data-path]")
            .unwrap();
        (0..tabs.length())
            .map(|i| {
                tabs.item(i)
                    .unwrap()
                    .dyn_into::<web_sys::Element>()
                    .unwrap()
                    .get_attribute("data-path")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(
        paths,
        [
            "copilot/api/manifest.yml",
            "copilot/front-end/manifest.yml",
            "copilot/environments/test/manifest.yml",
            "copilot/.workspace",
        ]
    );
    assert_eq!(count(&root, "div#editor"), 1);
    assert_eq!(count(&root, "select#env-select"), 1);
    assert_eq!(count(&root, "section#endpoints"), 1);
    assert_eq!(count(&root, "ul#reachability"), 1);
    assert_eq!(count(&root, "section#problems"), 1);
    assert_eq!(text(&root, "#problem-summary"), "Analyzing…");
    wait_for(&root, ".banner").await;
    assert!(text(&root, ".banner").contains("The editor could not start"));

    let active = || text(&root, "button.file-tab.active");
    assert_eq!(active(), "api");
    root.query_selector("button.file-tab[data-path=\"copilot/.workspace\"]")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    assert_eq!(active(), ".workspace");
    let selected = root
        .query_selector("button.file-tab.active")
        .unwrap()
        .unwrap()
        .get_attribute("aria-current");
    assert_eq!(selected.as_deref(), Some("true"));
    root.remove();
}
