// Pure helpers of the peer benchmark (bench.mjs): argument parsing, statistics, the inputs.
// No npm dependency, so `node --test tests/js/` can check them without installing anything.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const USAGE = "usage: node tests/bench/peer/bench.mjs [DIST_DIR=dist] [--json FILE] [--rounds N] [--warmup N]";

/** Defaults: enough rounds for stable medians, well under two minutes on a loaded 2-core box. */
export const DEFAULTS = { dist: "dist", json: null, rounds: 50, warmup: 20 };

/** `argv` without node and the script: `[DIST_DIR] [--json FILE] [--rounds N] [--warmup N]`. */
export function parseArgs(argv) {
  const out = { ...DEFAULTS };
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json" || a === "--rounds" || a === "--warmup") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value\n${USAGE}`);
      if (a === "--json") out.json = v;
      else {
        const n = Number(v);
        if (!Number.isInteger(n) || n < (a === "--rounds" ? 1 : 0)) throw new Error(`bad ${a} \`${v}\`\n${USAGE}`);
        out[a.slice(2)] = n;
      }
    } else if (a.startsWith("--")) {
      throw new Error(`unknown option \`${a}\`\n${USAGE}`);
    } else if (positional++ === 0) {
      out.dist = a;
    } else {
      throw new Error(`unexpected argument \`${a}\`\n${USAGE}`);
    }
  }
  return out;
}

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Geometric mean of positive numbers (the right mean for ratios). */
export function geomean(xs) {
  if (xs.length === 0) return NaN;
  return Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
}

/** `list` rotated left by `k`: round r of the bench runs the contenders in `rotate(all, r)`. */
export function rotate(list, k) {
  const n = list.length;
  if (n === 0) return [];
  const s = ((k % n) + n) % n;
  return [...list.slice(s), ...list.slice(0, s)];
}

/** Calls per timed batch so one batch lasts about `targetMs` (at least 1). */
export function batchSize(msPerCall, targetMs = 2) {
  if (!(msPerCall > 0)) return 1;
  return Math.max(1, Math.min(1000, Math.round(targetMs / msPerCall)));
}

// ---- inputs -------------------------------------------------------------------------------

const WORKSPACE_SUMMARY = { path: "copilot/.workspace", text: "application: kudos\n" };
const TEST_ENV = { path: "copilot/environments/test/manifest.yml", text: "name: test\ntype: Environment\n" };

/** The `name:` of a manifest (the directory Copilot would keep it in), or `fallback`. */
export function manifestName(text, fallback) {
  const m = /^name:[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return m ? m[1] : fallback;
}

/**
 * One corpus manifest wrapped in a minimal workspace (app `kudos`, environment `test`), in the
 * shape the playground sends its worker (`column_unit: "utf16"`, `variables` for `${VAR}`).
 */
export function wrapManifest(c) {
  const files =
    c.kind === "environment"
      ? [WORKSPACE_SUMMARY, { path: `copilot/environments/${manifestName(c.text, "test")}/manifest.yml`, text: c.text }]
      : [WORKSPACE_SUMMARY, { path: `copilot/${manifestName(c.text, "svc")}/manifest.yml`, text: c.text }, TEST_ENV];
  return { files, variables: c.variables ?? {}, column_unit: "utf16" };
}

/** The e2e manifests crates/manifest/tests/conformance.rs checks (with DOMAINNAME set). */
const E2E_SERVICES = [
  "e2e/multi-svc-app/copilot/front-end/manifest.yml",
  "e2e/isolated/copilot/backend/manifest.yml",
  "e2e/static-site/copilot/svc/manifest.yml",
];
/** The e2e environment manifests conformance.rs checks (besides the writer's goldens). */
const E2E_ENVIRONMENTS = [
  "e2e/cloudfront/copilot/environments/test/manifest.yml",
  "e2e/import-certs/copilot/environments/test/manifest.yml",
];

/**
 * Every manifest the conformance tests (crates/manifest/tests/conformance.rs) treat as valid,
 * once each, in their order: the input manifests of `cases.json` (with the case's shell
 * variables), the manifest writer's goldens, the e2e manifests; then the environment manifests.
 * Returns `[{ name, kind: "service" | "environment", text, variables }]`.
 */
export function corpusCases(dir) {
  const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8"));
  const out = [];
  const seen = new Set();
  const add = (name, kind, variables) => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, kind, text: readFileSync(join(dir, name), "utf8"), variables });
  };
  for (const c of cases.cases) if (c.manifest) add(c.manifest, "service", c.shell_env ?? {});
  const goldens = cases.generated_manifest_goldens.files;
  for (const g of goldens) if (!g.includes("environment-")) add(g, "service", {});
  for (const e of E2E_SERVICES) add(e, "service", { DOMAINNAME: "example.com" });
  for (const g of goldens) if (g.includes("environment-")) add(g, "environment", {});
  for (const e of E2E_ENVIRONMENTS) add(e, "environment", {});
  return out;
}

/** Where the corpus is: `$COPILOT_CONFORMANCE_DIR`, else `shared/conformance/copilot` beside the repository. */
export function corpusDir(repoRoot, env = process.env) {
  return env.COPILOT_CONFORMANCE_DIR || join(repoRoot, "../shared/conformance/copilot");
}

export function hasCorpus(dir) {
  return existsSync(join(dir, "cases.json"));
}

export const GENERATED_ENVIRONMENTS = ["test", "staging", "prod"];

/**
 * Service `i` of the generated workspace, deterministic. Mixed types, all on Service Connect:
 * i % 4 = 0, 1 Backend Service (crates/manifest/benches/analyze.rs's text: port 8000 + i, alias
 * svc-i-alias), 2 Load Balanced Web Service (the same plus `http.path: '/svc-i'`), 3 Worker Service (a
 * client, no port). Overrides: i % 3 = 0 turns Service Connect off in prod (as every service
 * of the Rust bench does), i % 3 = 1 runs 2 tasks in staging.
 */
export function generatedService(i) {
  const head = `name: svc-${i}\n`;
  const image = `image:\n  build: Dockerfile\n  port: ${8000 + i}\n`;
  const connect = `network:\n  connect:\n    alias: svc-${i}-alias\n`;
  let text;
  switch (i % 4) {
    case 2:
      text = `${head}type: Load Balanced Web Service\n${image}http:\n  path: '/svc-${i}'\n${connect}`;
      break;
    case 3:
      text = `${head}type: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n`;
      break;
    default:
      text = `${head}type: Backend Service\n${image}${connect}`;
  }
  if (i % 3 === 0) text += "environments:\n  prod:\n    network:\n      connect: false\n";
  else if (i % 3 === 1) text += "environments:\n  staging:\n    count: 2\n";
  return text;
}

/**
 * The generated workspace: `copilot/.workspace`, the environments `test`, `staging`, `prod`,
 * then `services` services (the order of the Rust bench's generator). Returns the Workspace
 * object and the texts the peer validates (every manifest: the environments, then the services).
 */
export function generatedWorkspace(services = 100) {
  const envFiles = GENERATED_ENVIRONMENTS.map((env) => ({
    path: `copilot/environments/${env}/manifest.yml`,
    text: `name: ${env}\ntype: Environment\n`,
  }));
  const svcFiles = [];
  for (let i = 0; i < services; i++) svcFiles.push({ path: `copilot/svc-${i}/manifest.yml`, text: generatedService(i) });
  const files = [WORKSPACE_SUMMARY, ...envFiles, ...svcFiles];
  return {
    workspace: { files, variables: {}, column_unit: "utf16" },
    texts: [...envFiles, ...svcFiles].map((f) => f.text),
  };
}
