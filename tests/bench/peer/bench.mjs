// The shipped analysis wasm against the community Copilot JSON schema, in one Node process.
//
//   cargo xtask bench --peer [--json FILE]        (builds dist/, installs this folder's npm deps)
//   node tests/bench/peer/bench.mjs [DIST_DIR=dist] [--json FILE] [--rounds N] [--warmup N]
//
// Contenders, on the same inputs:
//   ours         dist/app-<hash>_bg.wasm, the playground's one wasm (the worker runs it too),
//                loaded through its own wasm-bindgen glue (dist/app-<hash>.js) and called through
//                its `analyze` export:
//                Workspace JSON in, Report JSON out (the string, not parsed);
//   yaml+ajv     yaml 2.9.1 `parseDocument(text).toJS()` + ajv 8.20.0 / ajv-formats 3.0.1 with
//                the schema in ../shared/peer/copilot-schema (read in place), per manifest text;
//   js-yaml+ajv  js-yaml 4.3.2 `load(text)` + the same compiled validator.
// Inputs: every valid corpus manifest (../shared/conformance/copilot, as the conformance tests
// choose them) wrapped in a minimal workspace, and a generated workspace of 100 services × 3
// environments (lib.mjs). Method: `warmup` untimed-for-results calls per case and contender (they
// also size each timed batch to ≈ 2 ms), then `rounds` rounds; each round times every case for
// every contender, the contenders' order rotated each round; the median per call is reported.
// A measurement: the targets are printed as information and never change the exit status.

import { createHash } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

import Ajv from "ajv";
import addFormats from "ajv-formats";
import { load as jsYamlLoad } from "js-yaml";
import { parseDocument } from "yaml";

import { batchSize, corpusCases, corpusDir, generatedWorkspace, geomean, hasCorpus, median, parseArgs, rotate, wrapManifest } from "./lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCHEMA_DIR = join(REPO, "../shared/peer/copilot-schema");
const SCHEMA_ENTRY = "copilot-schema.json";
const REPORT_BUDGET = 500 * 1024;
const GEOMEAN_TARGET = 3;

/**
 * The shipped wasm (the page's and the worker's, one file): Trunk's ES-module glue
 * `app-<hash>.js`, instantiated from the bytes of `app-<hash>_bg.wasm`; its main() sees neither a
 * window nor a worker and returns, so `analyze` is the way in.
 */
async function loadOurs(dist) {
  const names = readdirSync(dist);
  const only = (re) => {
    const found = names.filter((n) => re.test(n));
    if (found.length !== 1) throw new Error(`expected one ${re} in ${dist}, found ${JSON.stringify(found)}: rebuild dist/ (cargo xtask dist)`);
    return join(dist, found[0]);
  };
  const gluePath = only(/^app-[0-9a-f]+\.js$/);
  const wasmPath = only(/^app-[0-9a-f]+_bg\.wasm$/);
  const bytes = readFileSync(wasmPath);
  const glue = await import(pathToFileURL(resolve(gluePath)).href);
  glue.initSync({ module: bytes });
  if (typeof glue.analyze !== "function") throw new Error(`${gluePath} exports no \`analyze\`: rebuild dist/ (cargo xtask dist)`);
  return {
    analyze: glue.analyze,
    wasmPath,
    wasmBytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** ajv with every schema file under its file name; the entry point compiled once. */
function loadPeer() {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".json")).sort();
  for (const f of files) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, f), "utf8")), f);
  const t0 = performance.now();
  const validate = ajv.getSchema(SCHEMA_ENTRY);
  const compileMs = performance.now() - t0;
  if (!validate) throw new Error(`no ${SCHEMA_ENTRY} in ${SCHEMA_DIR}`);
  return { validate, files: files.length, compileMs };
}

function buildCases(corpus) {
  const cases = corpusCases(corpus).map((c) => ({
    name: c.name,
    group: "corpus",
    services: c.kind === "service" ? 1 : 0,
    environments: 1,
    json: JSON.stringify(wrapManifest(c)),
    texts: [c.text],
  }));
  const gen = generatedWorkspace(100);
  cases.push({
    name: "generated 100x3",
    group: "workspace",
    services: 100,
    environments: 3,
    json: JSON.stringify(gen.workspace),
    texts: gen.texts,
  });
  return cases;
}

function contenders(ours, validate) {
  let sink = 0; // results flow here so nothing can be optimised away
  return [
    { key: "ours", label: "ours", run: (c) => (sink += ours.analyze(c.json).length) },
    {
      key: "yaml_ajv",
      label: "yaml+ajv",
      run: (c) => {
        for (const t of c.texts) sink += validate(parseDocument(t).toJS()) ? 1 : 0;
      },
    },
    {
      key: "jsyaml_ajv",
      label: "js-yaml+ajv",
      run: (c) => {
        for (const t of c.texts) sink += validate(jsYamlLoad(t)) ? 1 : 0;
      },
    },
  ];
}

/** Untimed facts about each case: our Report's size and errors, how many texts the schema accepts. */
function describe(c, ours, validate) {
  const report = ours.analyze(c.json);
  let errors = "?";
  try {
    const diags = JSON.parse(report).diagnostics;
    if (Array.isArray(diags)) errors = diags.filter((d) => d.severity === "error").length;
  } catch {
    errors = "bad JSON";
  }
  const accepted = c.texts.filter((t) => validate(parseDocument(t).toJS())).length;
  return { report, reportBytes: Buffer.byteLength(report, "utf8"), errors, accepted };
}

function timeOnce(run, c) {
  const t0 = performance.now();
  run(c);
  return performance.now() - t0;
}

const fmtUs = (us) => (us >= 10_000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const fmtRatio = (x) => `${x.toFixed(2)}×`;

function table(rows, headers) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((s, i) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const corpus = corpusDir(REPO);
  if (!hasCorpus(corpus)) throw new Error(`the conformance corpus is missing at ${corpus} (set COPILOT_CONFORMANCE_DIR)`);
  const started = performance.now();
  const ours = await loadOurs(args.dist);
  const peer = loadPeer();
  const cases = buildCases(corpus);
  const runners = contenders(ours, peer.validate);

  const load = loadavg().map((x) => x.toFixed(2)).join(" ");
  console.log(`node ${process.version}, ${availableParallelism()} CPUs, load average ${load} (other work on the machine skews the figures)`);
  console.log(`ours: ${ours.wasmPath} (${ours.wasmBytes} B, sha256 ${ours.sha256})`);
  console.log(`peer: ${peer.files} schema files from ${SCHEMA_DIR}, ${SCHEMA_ENTRY} compiled in ${peer.compileMs.toFixed(0)} ms (before timing)`);
  const corpusCount = cases.filter((c) => c.group === "corpus").length;
  console.log(`cases: ${corpusCount} corpus manifests from ${corpus}, 1 generated workspace; warm-up ${args.warmup}, rounds ${args.rounds}`);

  const facts = cases.map((c) => describe(c, ours, peer.validate));

  // Warm-up: also sizes each (case, contender) batch to ≈ 2 ms.
  const batch = cases.map((c) =>
    runners.map((r) => {
      const ms = [];
      for (let i = 0; i < args.warmup; i++) ms.push(timeOnce(r.run, c));
      return batchSize(args.warmup ? median(ms) : 1);
    }),
  );

  const samples = cases.map(() => runners.map(() => []));
  for (let round = 0; round < args.rounds; round++) {
    const order = rotate([0, 1, 2], round);
    cases.forEach((c, ci) => {
      for (const k of order) {
        const n = batch[ci][k];
        const run = runners[k].run;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) run(c);
        samples[ci][k].push(((performance.now() - t0) * 1000) / n);
      }
    });
  }

  const results = cases.map((c, ci) => {
    const [ours_us, yaml_ajv_us, jsyaml_ajv_us] = samples[ci].map(median);
    return { c, f: facts[ci], ours_us, yaml_ajv_us, jsyaml_ajv_us };
  });

  const rows = results.map(({ c, f, ours_us, yaml_ajv_us, jsyaml_ajv_us }) => [
    c.name,
    `${c.services}×${c.environments}`,
    fmtUs(ours_us),
    fmtUs(yaml_ajv_us),
    fmtUs(jsyaml_ajv_us),
    fmtRatio(yaml_ajv_us / ours_us),
    fmtRatio(jsyaml_ajv_us / ours_us),
    f.reportBytes,
    f.errors,
    `${f.accepted}/${c.texts.length}`,
  ]);
  console.log("\nmedian time per call; ratio = peer ÷ ours (above 1: ours is faster)\n");
  console.log(
    table(rows, ["case", "svc×env", "ours", "yaml+ajv", "js-yaml+ajv", "yaml/ours", "js-yaml/ours", "report B", "our errors", "schema ok"]),
  );

  const corpusRows = results.filter((r) => r.c.group === "corpus");
  const gYaml = geomean(corpusRows.map((r) => r.yaml_ajv_us / r.ours_us));
  const gJs = geomean(corpusRows.map((r) => r.jsyaml_ajv_us / r.ours_us));
  const svcRows = corpusRows.filter((r) => r.c.services > 0);
  console.log(`\ncorpus (${corpusRows.length} manifests) geometric mean of peer ÷ ours: yaml+ajv ${fmtRatio(gYaml)}, js-yaml+ajv ${fmtRatio(gJs)}`);
  console.log(
    `  service manifests only (${svcRows.length}): yaml+ajv ${fmtRatio(geomean(svcRows.map((r) => r.yaml_ajv_us / r.ours_us)))}, js-yaml+ajv ${fmtRatio(geomean(svcRows.map((r) => r.jsyaml_ajv_us / r.ours_us)))}`,
  );
  const ws = results.find((r) => r.c.group === "workspace");
  const parseMs = median(Array.from({ length: 5 }, () => timeOnce(() => JSON.parse(ws.f.report))));
  console.log(
    `workspace ${ws.c.name} (${ws.c.texts.length} manifest texts for the peer): ours ${fmtUs(ws.ours_us)}, yaml+ajv ${fmtUs(ws.yaml_ajv_us)} (${fmtRatio(ws.yaml_ajv_us / ws.ours_us)}), js-yaml+ajv ${fmtUs(ws.jsyaml_ajv_us)} (${fmtRatio(ws.jsyaml_ajv_us / ws.ours_us)}); report ${ws.f.reportBytes} B (JSON.parse of it, not timed above: ${parseMs.toFixed(1)} ms)`,
  );

  const verdict = (ok) => (ok ? "PASS" : "FAIL");
  console.log("\ntargets (information only; the exit status does not depend on them):");
  console.log(`  ${verdict(gYaml >= GEOMEAN_TARGET)}  per-manifest geomean vs yaml+ajv ≥ ${GEOMEAN_TARGET}×: ${fmtRatio(gYaml)}`);
  console.log(`  ${verdict(ws.ours_us <= ws.yaml_ajv_us)}  100×3 not slower than yaml+ajv: ${fmtUs(ws.ours_us)} vs ${fmtUs(ws.yaml_ajv_us)}`);
  console.log(`  ${verdict(ws.f.reportBytes <= REPORT_BUDGET)}  100×3 report ≤ 500 KB (${REPORT_BUDGET} B): ${ws.f.reportBytes} B`);

  if (args.json) {
    const round2 = (x) => Math.round(x * 100) / 100;
    const out = {
      wasm_sha256: ours.sha256,
      cases: results.map(({ c, f, ours_us, yaml_ajv_us, jsyaml_ajv_us }) => ({
        name: c.name,
        group: c.group,
        services: c.services,
        environments: c.environments,
        ours_us: round2(ours_us),
        yaml_ajv_us: round2(yaml_ajv_us),
        jsyaml_ajv_us: round2(jsyaml_ajv_us),
        report_bytes: f.reportBytes,
      })),
    };
    writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nwrote ${args.json}`);
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`bench: error: ${e.message ?? e}`);
  process.exit(1);
});
