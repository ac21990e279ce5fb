// The editor's key context (web/context.js) against the cases the core's `context_at` passes
// (tests/context/cases.json), with the core's own key tables: the schema JSON the worker sends,
// read from its insta snapshot (crates/manifest/tests/snapshots/context__schema.snap).
//   node --test tests/js/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { completionsAt, contextAt, fileKind, parseLine, typeOf } from "../../web/context.js";

const read = (rel) => readFileSync(new URL(rel, import.meta.url), "utf8");
const snap = read("../../crates/manifest/tests/snapshots/context__schema.snap");
// insta's header (`---` … `---`), then the JSON.
const schema = JSON.parse(snap.slice(snap.indexOf("---", 3) + 3));
const cases = JSON.parse(read("../context/cases.json"));
const CURSOR = "‸";

function at(marked) {
  const offset = marked.indexOf(CURSOR);
  return [marked.replace(CURSOR, ""), offset];
}

test("the schema snapshot is the core's table", () => {
  assert.equal(schema.version, 1);
  assert.equal(Object.keys(schema.types).length, 6);
  assert.ok(schema.types["Backend Service"].some((k) => k.path === "image.port" && k.kind === "U16"));
  assert.equal(schema.kinds.U16, "integer from 0 to 65535, unquoted");
});

for (const c of cases) {
  test(`shared case: ${c.name}`, () => {
    const [text, offset] = at(c.text);
    const got = contextAt(schema, c.file, text, offset);
    for (const [field, want] of Object.entries(c.expect)) {
      const names = (got.siblings ?? []).map((s) => s.name);
      if (field === "siblings_include") for (const w of want) assert.ok(names.includes(w), `${w} in ${names}`);
      else if (field === "siblings_exclude") for (const w of want) assert.ok(!names.includes(w), `${w} not in ${names}`);
      else if (field === "note_contains") assert.ok(got.note.includes(want), got.note);
      else if (field === "values" || field === "protocols") assert.deepEqual(got[field] ?? [], want, field);
      else if (field === "doc" || field === "note" || field === "required") assert.equal(got[field] ?? "", want, field);
      else assert.deepEqual(got[field] ?? null, want, field);
    }
  });
}

test("lines are taken apart like the core does", () => {
  assert.deepEqual(parseLine("  - name: api # c"), { indent: 2, afterDashes: 4, key: [4, 8, 8], dashed: true });
  assert.deepEqual(parseLine('"a b" : 1').key, [0, 5, 6]);
  assert.deepEqual(parseLine("url: http://x").key, [0, 3, 3]);
  assert.equal(parseLine("http://x").key, null);
  assert.equal(parseLine("# key: v").key, null);
  assert.equal(parseLine("- - x: 1").afterDashes, 4);
  assert.deepEqual(parseLine("-x: 1").key, [0, 2, 2]);
  assert.equal(parseLine("'unclosed: 1").key, null);
});

test("file kinds and types", () => {
  assert.equal(fileKind("copilot/environments/test/manifest.yml"), "environment");
  assert.equal(fileKind("./copilot/api/manifest.yaml"), "workload");
  assert.equal(fileKind("copilot/.workspace"), "workspace");
  assert.equal(fileKind("README.md"), "other");
  assert.equal(typeOf("name: x\ntype: 'Backend Service' # c\n"), "Backend Service");
  assert.equal(typeOf("type:\n"), null);
});

test("completion: keys, values, protocols", () => {
  const svc = "copilot/api/manifest.yml";
  const B = "name: api\ntype: Backend Service\n";
  let [text, offset] = at(`${B}exe‸`);
  let c = completionsAt(schema, svc, text, offset, false);
  assert.deepEqual(c.options.map((o) => o.label), ["exec"]);
  assert.equal(c.options[0].insert, "exec: ");
  assert.equal(c.from, offset - 3);
  [text, offset] = at(`${B}exec: t‸`);
  assert.deepEqual(completionsAt(schema, svc, text, offset, false).options.map((o) => o.label), ["true"]);
  [text, offset] = at(`${B}deployment:\n  rolling: RE‸`);
  assert.deepEqual(completionsAt(schema, svc, text, offset, false).options.map((o) => o.label), ["recreate"]);
  [text, offset] = at(`${B}sidecars:\n  nginx:\n    port: 8080/‸`);
  assert.deepEqual(completionsAt(schema, svc, text, offset, false).options.map((o) => o.label), ["8080/tcp", "8080/udp"]);
  // Nothing typed: only on request (Ctrl-Space).
  [text, offset] = at(`${B}image:\n  ‸`);
  assert.equal(completionsAt(schema, svc, text, offset, false), null);
  assert.ok(completionsAt(schema, svc, text, offset, true).options.some((o) => o.label === "port"));
  // No schema yet, or not a manifest: nothing.
  assert.equal(completionsAt(null, svc, text, offset, true), null);
  assert.equal(completionsAt(schema, "copilot/.workspace", "appl", 4, true), null);
});

test("offsets are clamped, odd text never throws", () => {
  const svc = "copilot/api/manifest.yml";
  for (const text of ["", "\n\n", "- - -", "a: [\n  b", "type: Backend Service\n\t\t- : :", "😀: é\n  😀"]) {
    for (let offset = -2; offset <= text.length + 2; offset++) {
      const c = contextAt(schema, svc, text, offset);
      assert.ok(c.span[0] <= c.span[1] && c.span[1] <= text.length, `${JSON.stringify(text)} ${offset}`);
    }
  }
});
