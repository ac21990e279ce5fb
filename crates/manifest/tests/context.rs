//! `schema::context_at`: the key path, position, kind, values and siblings under a cursor, for
//! hovers, completion and the language server; and `schema::schema_json`, the key tables the
//! editor receives. The cases of `tests/context/cases.json` are shared with the editor's
//! JavaScript twin (`web/context.js`, run by `tests/js/context.test.mjs`), which reads the
//! schema from this file's snapshot.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

use copilot_manifest::schema::{Context, Position, Status, context_at, schema_json};
use proptest::prelude::*;
use serde_json::Value as Json;

const CASES: &str = include_str!("../../../tests/context/cases.json");
const CURSOR: char = '‸';
const SVC: &str = "copilot/api/manifest.yml";
const ENV: &str = "copilot/environments/test/manifest.yml";

/// `text` with its cursor marker taken out, and the marker's byte offset.
fn at(text: &str) -> (String, usize) {
    let offset = text.find(CURSOR).expect("a cursor marker");
    (text.replacen(CURSOR, "", 1), offset)
}

fn cx(file: &str, marked: &str) -> Context {
    let (text, offset) = at(marked);
    context_at(file, &text, offset)
}

fn names(cx: &Context) -> Vec<&str> {
    cx.siblings.iter().map(|s| s.name).collect()
}

#[test]
fn shared_cases() {
    let cases: Vec<Json> = serde_json::from_str(CASES).unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let c = cx(
            case["file"].as_str().unwrap(),
            case["text"].as_str().unwrap(),
        );
        let got = serde_json::to_value(&c).unwrap();
        for (field, want) in case["expect"].as_object().unwrap() {
            let ok = match field.as_str() {
                "siblings_include" | "siblings_exclude" => {
                    let have = names(&c);
                    let include = field == "siblings_include";
                    want.as_array()
                        .unwrap()
                        .iter()
                        .all(|w| have.contains(&w.as_str().unwrap()) == include)
                }
                "note_contains" => c.note.contains(want.as_str().unwrap()),
                "values" | "protocols" => got.get(field).unwrap_or(&Json::Array(vec![])) == want,
                "doc" | "note" | "required" => got.get(field).unwrap_or(&Json::from("")) == want,
                _ => got.get(field).unwrap_or(&Json::Null) == want,
            };
            if !ok {
                failures.push(format!("{name}: {field}: want {want}, got {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_parsed_document_is_read_from_its_tree() {
    let c = cx(
        SVC,
        "name: api\ntype: Backend Service\nimage:\n  po‸rt: 80\n",
    );
    assert!(c.parsed);
    // Flow mappings only the parser understands.
    let c = cx(
        SVC,
        "name: web\ntype: Load Balanced Web Service\nhttp: {path: /, vers‸ion: grpc}\n",
    );
    assert_eq!(
        (c.position, c.path.as_str()),
        (Position::Key, "http.version")
    );
    assert!(c.parsed);
    let c = cx(
        SVC,
        "name: web\ntype: Load Balanced Web Service\nhttp: {path: /, version: gr‸pc}\n",
    );
    assert_eq!((c.position, c.prefix.as_str()), (Position::Value, "gr"));
    assert_eq!(c.values, ["grpc", "http1", "http2"]);
    // A block scalar's content is a value, however much it looks like a key.
    let c = cx(
        SVC,
        "name: api\ntype: Backend Service\ncommand: |\n  po‸rt: 80\n",
    );
    assert_eq!((c.position, c.path.as_str()), (Position::Value, "command"));
    // Broken YAML is read from indentation.
    let c = cx(
        SVC,
        "name: api\ntype: Backend Service\nimage: [\n  po‸rt: 80\n",
    );
    assert!(!c.parsed);
    assert_eq!(c.path, "image.port");
}

#[test]
fn a_key_being_typed_is_a_key_not_a_value() {
    // `image:\n  hea` parses as `image: hea`; the cursor is still on a key being typed.
    let c = cx(SVC, "name: api\ntype: Backend Service\nimage:\n  hea‸");
    assert_eq!(c.position, Position::NewKey);
    assert_eq!(c.prefix, "hea");
    assert!(names(&c).contains(&"healthcheck"));
    // A flow list of strings stays a value.
    let c = cx(SVC, "name: api\ntype: Backend Service\ncommand: [a, b‸]\n");
    assert_eq!(
        (c.position, c.path.as_str()),
        (Position::Value, "command[]")
    );
}

#[test]
fn spans_and_prefixes_count_bytes() {
    let (text, offset) = at("name: api\ntype: Backend Service\nvariables:\n  GRÜSSE: hé‸llo\n");
    let c = context_at(SVC, &text, offset);
    assert_eq!(c.position, Position::Value);
    assert_eq!(c.prefix, "hé");
    assert_eq!(&text[c.span.0..c.span.1], "héllo");
    assert_eq!(c.status, Status::User);
}

#[test]
fn offsets_inside_characters_and_past_the_end() {
    let text = "name: api\ntype: Backend Service\nimage:\n  port: 8080 # ünïcode\n";
    for offset in 0..text.len() + 10 {
        let c = context_at(SVC, text, offset);
        assert!(
            c.span.0 <= c.span.1 && c.span.1 <= text.len(),
            "{offset}: {c:?}"
        );
    }
    let c = context_at(SVC, text, text.len() + 100);
    assert_eq!(c.position, Position::NewKey);
    assert_eq!(context_at(SVC, "", 5).position, Position::NewKey);
    assert_eq!(context_at(ENV, "", 0).document, Some("Environment"));
}

#[test]
fn the_context_serialises_without_empty_fields() {
    let c = cx(
        SVC,
        "name: api\ntype: Backend Service\nimage:\n  po‸rt: 80\n",
    );
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["position"], "key");
    assert_eq!(json["status"], "known");
    assert_eq!(json["kind"], "U16");
    assert_eq!(json["kind_words"], "integer from 0 to 65535, unquoted");
    assert_eq!(
        json["note"],
        "0–65535; optional; absent ⇒ no port mapping, `ContainerPort`/`TargetPort` = -1, no SD registration"
    );
    assert_eq!(json["span"], serde_json::json!([41, 45]));
    assert!(json.get("values").is_none() && json.get("doc").is_none());
    assert!(
        json["siblings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "build" && s["kind"] == "Union")
    );
}

/// The schema the editor receives, one key per line (JSON all the same). The editor's Node
/// tests read it from this snapshot; review changes with `cargo insta review`.
#[test]
fn schema_snapshot() {
    let schema: Json = serde_json::from_str(&schema_json()).unwrap();
    let line = |v: &Json| serde_json::to_string(v).unwrap();
    let table = |keys: &Json| {
        let rows: Vec<String> = keys.as_array().unwrap().iter().map(line).collect();
        format!("[\n{}\n]", rows.join(",\n"))
    };
    let types: Vec<String> = schema["types"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, keys)| format!("{}: {}", line(&Json::from(name.as_str())), table(keys)))
        .collect();
    let text = format!(
        "{{\"version\": {},\n\"kinds\": {},\n\"types\": {{\n{}\n}},\n\"environment\": {},\n\"any_workload\": {}\n}}",
        schema["version"],
        line(&schema["kinds"]),
        types.join(",\n"),
        table(&schema["environment"]),
        table(&schema["any_workload"]),
    );
    assert_eq!(serde_json::from_str::<Json>(&text).unwrap(), schema);
    insta::assert_snapshot!("schema", text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any text, any offset (inside a character, past the end): an answer, never a panic.
    #[test]
    fn any_text_any_offset(text in any::<String>(), offset in 0usize..600, env in any::<bool>()) {
        let file = if env { ENV } else { SVC };
        let c = context_at(file, &text, offset);
        prop_assert!(c.span.0 <= c.span.1 && c.span.1 <= text.len());
        prop_assert!(c.prefix.len() <= text.len());
    }

    #[test]
    fn yaml_like_text(
        text in "(type: Backend Service\n|[a-z_:{}\\[\\],&*!|>\"'#\\- \n\t]|image|port|sidecars|environments|\r\n|é|\u{1F600}){0,120}",
        offset in 0usize..400,
    ) {
        let c = context_at(SVC, &text, offset);
        prop_assert!(c.span.0 <= c.span.1 && c.span.1 <= text.len());
        if c.position == Position::None {
            prop_assert!(c.path.is_empty());
        }
        serde_json::to_string(&c).unwrap();
    }
}
