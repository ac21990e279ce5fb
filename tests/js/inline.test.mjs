// The inline YAML of <copilot-playground> → a v1 payload (web/inline.js).
//   node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import { dedent, inlinePayload, unescapeYaml } from "../../web/inline.js";

test("dedent removes the common indentation and blank edges", () => {
  assert.equal(dedent("\n    name: api\n    image:\n      port: 80\n\n  "), "name: api\nimage:\n  port: 80\n");
  assert.equal(dedent("\r\n\tname: x\r\n"), "name: x\n");
  assert.equal(dedent("a:\n\n  b: 1"), "a:\n\n  b: 1\n");
  assert.equal(dedent("   \n  \n"), "");
});

test("files with paths are kept; the workspace and a test environment are added", () => {
  const p = inlinePayload([{ path: "copilot/api/manifest.yml", text: "\n  name: api\n  type: Backend Service\n" }]);
  assert.deepEqual(p, {
    files: [
      { path: "copilot/api/manifest.yml", text: "name: api\ntype: Backend Service\n" },
      { path: "copilot/.workspace", text: "application: docs\n" },
      { path: "copilot/environments/test/manifest.yml", text: "name: test\ntype: Environment\n" },
    ],
    env: "test",
    variables: {},
    legacy: [],
  });
});

test("a bare manifest goes to copilot/<its name>/manifest.yml, default svc", () => {
  assert.equal(inlinePayload([{ path: null, text: "type: Worker Service\nname: 'orders'\n" }]).files[0].path, "copilot/orders/manifest.yml");
  assert.equal(inlinePayload([{ path: null, text: "type: Backend Service\n" }]).files[0].path, "copilot/svc/manifest.yml");
  // a nested name: is not the service's name
  assert.equal(inlinePayload([{ path: null, text: "image:\n  name: x\n" }]).files[0].path, "copilot/svc/manifest.yml");
});

test("given workspace and environments are not replaced; the env names the added one", () => {
  const p = inlinePayload(
    [
      { path: "copilot/.workspace", text: "application: shop\n" },
      { path: "copilot/environments/prod/manifest.yml", text: "name: prod\ntype: Environment\n" },
      { path: null, text: "name: web\n" },
    ],
    "prod",
  );
  assert.deepEqual(p.files.map((f) => f.path), ["copilot/.workspace", "copilot/environments/prod/manifest.yml", "copilot/web/manifest.yml"]);
  assert.equal(p.env, "prod");
  assert.equal(inlinePayload([{ path: null, text: "name: web\n" }], "dev").files[2].path, "copilot/environments/dev/manifest.yml");
});

test("no YAML, no payload", () => {
  assert.equal(inlinePayload([]), null);
  assert.equal(inlinePayload([{ path: null, text: "\n   \n" }]), null);
});

test("the app names the added workspace", () => {
  const p = inlinePayload([{ path: "copilot/api/manifest.yml", text: "name: api\n" }], "test", "shop");
  assert.deepEqual(p.files[1], { path: "copilot/.workspace", text: "application: shop\n" });
});

test("escaped script text (data-escaped) is read back; other text is taken as is", () => {
  // What integrations/mkdocs writes for `a: "</script>"` and a Windows path.
  assert.equal(unescapeYaml(String.raw`a: "\x3c/script>" # \\x3c C:\\dir`, true), String.raw`a: "</script>" # \x3c C:\dir`);
  assert.equal(unescapeYaml(String.raw`a: \x3c \\`, false), String.raw`a: \x3c \\`);
});
