// The pure helpers of `cargo xtask bench --peer` (tests/bench/peer/lib.mjs): arguments,
// statistics and inputs, so the harness cannot rot between runs. No timing is asserted.
//   node --test tests/js/

import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import {
  DEFAULTS,
  batchSize,
  corpusCases,
  corpusDir,
  generatedService,
  generatedWorkspace,
  geomean,
  hasCorpus,
  manifestName,
  median,
  parseArgs,
  rotate,
  wrapManifest,
} from "../bench/peer/lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

test("parseArgs: defaults, dist, --json, --rounds, --warmup", () => {
  assert.deepEqual(parseArgs([]), DEFAULTS);
  assert.deepEqual(parseArgs(["out", "--json", "r.json", "--rounds", "5", "--warmup", "0"]), {
    dist: "out",
    json: "r.json",
    rounds: 5,
    warmup: 0,
  });
  assert.equal(parseArgs(["--json", "x.json", "d"]).dist, "d");
});

test("parseArgs: refuses what it does not understand", () => {
  assert.throws(() => parseArgs(["--json"]), /--json needs a value/);
  assert.throws(() => parseArgs(["--json", "--rounds"]), /--json needs a value/);
  assert.throws(() => parseArgs(["--rounds", "0"]), /bad --rounds/);
  assert.throws(() => parseArgs(["--warmup", "1.5"]), /bad --warmup/);
  assert.throws(() => parseArgs(["--peer"]), /unknown option/);
  assert.throws(() => parseArgs(["a", "b"]), /unexpected argument/);
});

test("median, geomean, rotate, batchSize", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.ok(Math.abs(geomean([2, 8]) - 4) < 1e-12);
  assert.ok(Math.abs(geomean([0.5, 2, 1]) - 1) < 1e-12);
  assert.deepEqual(rotate(["a", "b", "c"], 0), ["a", "b", "c"]);
  assert.deepEqual(rotate(["a", "b", "c"], 4), ["b", "c", "a"]);
  assert.deepEqual(rotate([], 3), []);
  // Every contender leads once every three rounds.
  const leads = [0, 1, 2].map((r) => rotate([0, 1, 2], r)[0]);
  assert.deepEqual(leads.sort(), [0, 1, 2]);
  assert.equal(batchSize(0.01), 200);
  assert.equal(batchSize(50), 1);
  assert.equal(batchSize(0), 1);
  assert.equal(batchSize(1e-9), 1000);
});

test("generated workspace: 100 services × 3 environments, 103 texts for the peer, deterministic", () => {
  const { workspace, texts } = generatedWorkspace(100);
  assert.deepEqual(generatedWorkspace(100), { workspace, texts });
  assert.equal(workspace.column_unit, "utf16");
  assert.equal(workspace.files[0].path, "copilot/.workspace");
  const envs = workspace.files.filter((f) => f.path.startsWith("copilot/environments/"));
  const svcs = workspace.files.filter((f) => /^copilot\/svc-\d+\/manifest\.yml$/.test(f.path));
  assert.deepEqual(
    envs.map((f) => f.path),
    ["test", "staging", "prod"].map((e) => `copilot/environments/${e}/manifest.yml`),
  );
  assert.equal(svcs.length, 100);
  assert.equal(workspace.files.length, 104);
  assert.equal(texts.length, 103);
  assert.equal(texts.filter((t) => t.includes("type: Environment\n")).length, 3);
  // Mixed types, all on Service Connect, some overrides; names match directories.
  const types = {};
  for (const f of svcs) {
    const type = /^type: (.*)$/m.exec(f.text)[1];
    types[type] = (types[type] ?? 0) + 1;
    assert.match(f.text, /\nnetwork:\n  connect:/);
    assert.equal(`copilot/${manifestName(f.text, "?")}/manifest.yml`, f.path);
  }
  assert.deepEqual(types, { "Backend Service": 50, "Load Balanced Web Service": 25, "Worker Service": 25 });
  assert.equal(svcs.filter((f) => f.text.includes("\nenvironments:\n")).length, 67);
  assert.equal(
    generatedService(0),
    "name: svc-0\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8000\nnetwork:\n  connect:\n    alias: svc-0-alias\nenvironments:\n  prod:\n    network:\n      connect: false\n",
  );
});

test("wrapManifest: a service beside environment test, an environment on its own", () => {
  const svc = wrapManifest({ kind: "service", text: "name: api\ntype: Backend Service\n", variables: { TAG: "x" } });
  assert.deepEqual(
    svc.files.map((f) => f.path),
    ["copilot/.workspace", "copilot/api/manifest.yml", "copilot/environments/test/manifest.yml"],
  );
  assert.deepEqual(svc.variables, { TAG: "x" });
  const env = wrapManifest({ kind: "environment", text: "# c\nname: 'prod' # here\ntype: Environment\n" });
  assert.deepEqual(
    env.files.map((f) => f.path),
    ["copilot/.workspace", "copilot/environments/prod/manifest.yml"],
  );
  assert.equal(manifestName("type: Environment\n", "svc"), "svc");
});

const corpus = corpusDir(REPO);
test("corpus cases: the conformance tests' valid manifests, each once", { skip: !hasCorpus(corpus) && `no corpus at ${corpus}` }, () => {
  const cases = corpusCases(corpus);
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  assert.ok(cases.some((c) => c.kind === "environment"));
  assert.ok(cases.every((c) => c.text.length > 0 && /^(stack|manifest|e2e)\//.test(c.name)));
  assert.deepEqual(cases.find((c) => c.name === "stack/workloads/svc-manifest.yml").variables, { TAG: "cicdtest" });
});
