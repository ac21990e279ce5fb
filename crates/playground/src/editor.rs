//! Bindings to the CodeMirror facade (`web/editor.js`), which esbuild bundles into a classic
//! script defining the global `CopilotEditor`; `index.html` loads it before the app.
//!
//! Every call is `catch`: if the bundle did not load, the app still renders its panes and
//! reports the problem instead of trapping.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_namespace = CopilotEditor)]
extern "C" {
    /// Create the single editor view inside `parent`; `on_change(path, text, pasted)` gets
    /// every edit.
    #[wasm_bindgen(catch, js_name = mount)]
    fn mount_js(parent: &web_sys::Element, on_change: &Closure<OnChange>) -> Result<(), JsValue>;

    /// Replace the whole text of `path` as one undoable change.
    #[wasm_bindgen(catch, js_name = replace)]
    fn replace_js(path: &str, text: &str) -> Result<(), JsValue>;

    /// The file at `from` is now at `to` (it keeps its state and undo history).
    #[wasm_bindgen(catch, js_name = rename)]
    fn rename_js(from: &str, to: &str) -> Result<(), JsValue>;

    /// Forget a deleted file.
    #[wasm_bindgen(catch, js_name = close)]
    fn close_js(path: &str) -> Result<(), JsValue>;

    /// The key and rule tables for completion and hovers (the worker's schema answer).
    #[wasm_bindgen(catch, js_name = setSchema)]
    fn set_schema_js(json: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = focus)]
    fn focus_js() -> Result<(), JsValue>;

    /// Show `path`; `text` is only used the first time the file is opened (the editor is
    /// uncontrolled: it keeps each file's state, undo history included).
    #[wasm_bindgen(catch, js_name = open)]
    fn open_js(path: &str, text: &str) -> Result<(), JsValue>;

    /// Replace all diagnostics: a JSON array of Report diagnostics (1-based UTF-16 positions).
    #[wasm_bindgen(catch, js_name = setDiagnostics)]
    fn set_diagnostics_js(json: &str) -> Result<(), JsValue>;

    /// Select a 1-based UTF-16 range in the file shown, scroll to it and focus the editor.
    #[wasm_bindgen(catch, js_name = reveal)]
    fn reveal_js(line: u32, column: u32, end_line: u32, end_column: u32) -> Result<(), JsValue>;

    /// Show the CloudFormation pane's read-only view in `parent`; `on_source(file, line)` is
    /// called when the user picks a manifest line behind a generated one.
    #[wasm_bindgen(catch, js_name = mountCfn)]
    fn mount_cfn_js(
        parent: &web_sys::Element,
        on_source: &Closure<OnSource>,
    ) -> Result<(), JsValue>;

    /// The pane's text and its line map (JSON `[[generated line, file, first, last], …]`).
    #[wasm_bindgen(catch, js_name = setCfn)]
    fn set_cfn_js(text: &str, links: &str) -> Result<(), JsValue>;
}

type OnChange = dyn FnMut(String, String, bool);
type OnSource = dyn FnMut(String, u32);

/// The mounted editor. Keeps the callbacks alive as long as the view.
pub struct Editor {
    _on_change: Closure<OnChange>,
    on_source: Closure<OnSource>,
}

impl Editor {
    /// Mount CodeMirror in `parent`. Errors (bundle missing) come back as text.
    pub fn mount(
        parent: &web_sys::Element,
        on_change: impl FnMut(String, String, bool) + 'static,
        on_source: impl FnMut(String, u32) + 'static,
    ) -> Result<Self, String> {
        let on_change = Closure::<OnChange>::new(on_change);
        mount_js(parent, &on_change).map_err(describe)?;
        Ok(Self {
            _on_change: on_change,
            on_source: Closure::<OnSource>::new(on_source),
        })
    }

    /// Show the CloudFormation pane's view in `parent` (idempotent) with this text and line map.
    pub fn show_cfn(&self, parent: &web_sys::Element, text: &str, links: &str) {
        let _ = mount_cfn_js(parent, &self.on_source);
        let _ = set_cfn_js(text, links);
    }

    pub fn open(&self, path: &str, text: &str) {
        let _ = open_js(path, text);
    }

    pub fn set_diagnostics(&self, json: &str) {
        let _ = set_diagnostics_js(json);
    }

    pub fn replace(&self, path: &str, text: &str) {
        let _ = replace_js(path, text);
    }

    pub fn rename(&self, from: &str, to: &str) {
        let _ = rename_js(from, to);
    }

    pub fn close(&self, path: &str) {
        let _ = close_js(path);
    }

    pub fn set_schema(&self, json: &str) {
        let _ = set_schema_js(json);
    }

    pub fn focus(&self) {
        let _ = focus_js();
    }

    pub fn reveal(&self, line: u32, column: u32, end_line: u32, end_column: u32) {
        let _ = reveal_js(line, column, end_line, end_column);
    }
}

/// A JavaScript exception as text: its `message`, a thrown string, else `fallback`.
pub(crate) fn js_error_text(err: &JsValue, fallback: &str) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}

fn describe(err: JsValue) -> String {
    js_error_text(&err, "the editor script did not load")
}
