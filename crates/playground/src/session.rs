//! Where the workspace comes from when the page opens and where it goes while the user works:
//! the URL (`#v1.…` share links, `?example=`, `?embed=1`, `?train`), local storage (autosave,
//! training progress) and the clipboard. The compression and zip code is JavaScript
//! (web/share.js, web/zip.js: the browser's own deflate, no wasm for it).

use copilot_manifest::SourceFile;
use wasm_bindgen::prelude::*;
use yew::Properties;

use crate::examples::{self, Example};
use crate::model::Settings;
use crate::share::Payload;

#[wasm_bindgen(js_namespace = CopilotEditor)]
extern "C" {
    /// Payload JSON → `#v1.<deflate-raw + base64url>`.
    #[wasm_bindgen(catch, js_name = encodeHash)]
    async fn encode_hash_js(json: &str) -> Result<JsValue, JsValue>;
    /// `#v1.…` → payload JSON; rejects with a message (bad base64, a bomb, a newer version…).
    #[wasm_bindgen(catch, js_name = decodeHash)]
    async fn decode_hash_js(hash: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = copyText)]
    async fn copy_text_js(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = downloadZip)]
    fn download_zip_js(filename: &str, files: &JsValue) -> Result<(), JsValue>;
}

/// Local storage: the workspace last worked on (a payload's JSON).
const AUTOSAVE_KEY: &str = "copilot-playground.workspace";

/// How the page is laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Full,
    /// `?embed=1`: the editor and one pane (its id), for a documentation page's iframe.
    Embed(String),
    /// `?train[=slug]`: an exercise beside the editor.
    Train(Option<String>),
}

/// What the app opens with.
#[derive(Properties, Clone, Debug, PartialEq)]
pub struct Start {
    pub files: Vec<SourceFile>,
    pub settings: Settings,
    pub env: Option<String>,
    /// What Reset returns to, and whose explanation is shown (when `about`).
    pub example: &'static Example,
    pub about: bool,
    pub mode: Mode,
    /// Something the user must know (a link that did not open…).
    pub notice: Option<String>,
    /// Writing the workspace to local storage is on (off in embeds, and after a broken link
    /// until the user changes something, so the work saved there is not replaced unseen).
    pub autosave: bool,
}

impl Default for Start {
    /// The default example in the full layout, saving nothing (tests render the App with it).
    fn default() -> Self {
        let example = examples::default();
        Self {
            files: example.files(),
            settings: Settings::default(),
            env: None,
            example,
            about: true,
            mode: Mode::Full,
            notice: None,
            autosave: false,
        }
    }
}

pub fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// False when the browser refused (storage off, or over its quota, ~5 MB).
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn autosave(payload: &str) -> bool {
    save(AUTOSAVE_KEY, payload)
}

/// A query parameter of the page's URL (`Some("")` when present without a value).
pub fn param(name: &str) -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

fn js_message(e: &JsValue) -> String {
    crate::editor::js_error_text(e, "the link could not be read")
}

/// `Err` says why there is no link (the workspace is too large, or the browser cannot compress).
pub async fn encode_hash(payload_json: &str) -> Result<String, String> {
    encode_hash_js(payload_json)
        .await
        .map_err(|e| js_message(&e))?
        .as_string()
        .ok_or_else(|| "The share link could not be made in this browser.".to_owned())
}

async fn decode_hash(hash: &str) -> Result<Payload, String> {
    let json = decode_hash_js(hash)
        .await
        .map_err(|e| js_message(&e))?
        .as_string()
        .ok_or_else(|| "This link is damaged.".to_owned())?;
    Payload::from_json(&json)
}

pub async fn copy_text(text: &str) -> bool {
    copy_text_js(text)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Offer the files as `copilot.zip` (their paths start with `copilot/`).
pub fn download_zip(files: &[SourceFile]) {
    let list: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::json!({"path": f.path, "text": f.text}))
        .collect();
    if let Ok(value) = js_sys::JSON::parse(&serde_json::Value::Array(list).to_string()) {
        let _ = download_zip_js("copilot.zip", &value);
    }
}

/// Replace the URL's hash without a history entry (the URL is the document); `""` removes it.
pub fn set_hash(hash: &str) {
    let window = gloo::utils::window();
    let location = window.location();
    let url = if hash.is_empty() {
        let path = location.pathname().unwrap_or_default();
        path + &location.search().unwrap_or_default()
    } else {
        hash.to_owned()
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's URL without query and hash: where the full playground lives.
pub fn base_url() -> String {
    let location = gloo::utils::window().location();
    let href = location.href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href.get(..end).unwrap_or_default().to_owned()
}

/// Decide what to open: a share link, else `?example=`, else the autosave, else kudos.
pub async fn start() -> Start {
    let embed = param("embed").is_some_and(|v| v != "0");
    let mode = if embed {
        Mode::Embed(param("pane").unwrap_or_else(|| "endpoints".to_owned()))
    } else if let Some(slug) = param("train") {
        Mode::Train((!slug.is_empty()).then_some(slug))
    } else {
        Mode::Full
    };
    let asked = param("example");
    let mut notice = None;
    let example = match asked.as_deref() {
        None | Some("") => examples::default(),
        Some(name) => examples::find(name).unwrap_or_else(|| {
            notice = Some(format!(
                "There is no example named “{name}”; this is “{}”.",
                examples::default().title
            ));
            examples::default()
        }),
    };
    let env = param("env").filter(|e| !e.is_empty());
    let mut start = Start {
        files: example.files(),
        settings: example.settings(),
        env: env.clone(),
        example,
        autosave: !embed,
        mode,
        notice,
        ..Start::default()
    };
    if matches!(start.mode, Mode::Train(_)) {
        // The app opens the exercise (its saved work or its start) itself.
        start.about = false;
        start.autosave = false;
        return start;
    }
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if hash.len() > 1 {
        match decode_hash(&hash).await {
            Ok(payload) => {
                start.files = payload.source_files();
                start.settings = payload.settings();
                start.env = env.or(payload.env);
                start.about = asked.is_some();
                return start;
            }
            Err(e) => {
                start.notice = Some(format!(
                    "{e} The example opened instead; the work saved in this browser is kept."
                ));
                start.autosave = false;
                set_hash("");
                return start;
            }
        }
    }
    if asked.is_none()
        && !embed
        && let Some(saved) = load(AUTOSAVE_KEY).and_then(|j| Payload::from_json(&j).ok())
    {
        start.files = saved.source_files();
        start.settings = saved.settings();
        start.env = env.or(saved.env);
        start.about = false;
    }
    start
}
