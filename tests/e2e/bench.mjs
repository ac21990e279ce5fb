// Browser benchmark: keystroke in the editor → updated Endpoints pane, measured inside the page.
//
//   node tests/e2e/bench.mjs [DIST_DIR=dist] [EDITS=30]
//
// api's manifest gets `network.connect.alias` as its last line; each edit types one character at
// the end of the alias. t0 = performance.now() in a capturing keydown listener, t1 = the
// MutationObserver callback in which #endpoints first shows the new alias's URL. Warm-up edits
// are discarded. Prints min/median/p95/max and writes tests/e2e/artifacts/bench.json.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  TIMEOUT,
  artifactsDir,
  editorText,
  loadApp,
  openBrowser,
  openFile,
  serveDir,
  setEditorText,
  waitForText,
  withoutTopLevelKey,
} from "./lib.mjs";

const API = "copilot/api/manifest.yml";
const WARMUP = 3;
const EDITS = Number(process.argv[3] ?? 30);
const PAUSE_MS = 150; // between edits, longer than the UI's ≈ 50 ms debounce

function distDir() {
  return process.argv[2] ?? "dist";
}

/** api's text with its `network:` block moved to the end as `network:\n  connect:\n    alias: <alias>`. */
function withAliasLast(text, alias) {
  return `${withoutTopLevelKey(text, "network").replace(/\n*$/, "")}\nnetwork:\n  connect:\n    alias: ${alias}`;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, min: s[0], median: q(0.5), p95: q(0.95), max: s[s.length - 1], mean };
}

const server = await serveDir(distDir());
const browser = await openBrowser();
const { page, errors } = browser;
let exitCode = 0;
try {
  await loadApp(page, server.url);
  await openFile(page, API);
  await waitForText(page, "#editor .cm-content", "name: api");
  let alias = "b";
  await setEditorText(page, withAliasLast(await editorText(page), alias));
  await waitForText(page, "#endpoints", `http://${alias}`);
  await page.keyboard.press("Control+End");

  const samples = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    alias += "a";
    const pattern = `//${alias}(?![a-z0-9-])`;
    await page.evaluate((pat) => {
      const re = new RegExp(pat);
      window.__benchResult = new Promise((resolve) => {
        let t0 = null;
        document.addEventListener("keydown", () => (t0 = performance.now()), { capture: true, once: true });
        const check = () => {
          const el = document.querySelector("#endpoints");
          // Per element: a container's textContent glues adjacent cells together.
          if (t0 !== null && el && Array.from(el.querySelectorAll("*"), (n) => n.textContent).some((t) => re.test(t))) {
            const t1 = performance.now();
            obs.disconnect();
            resolve(t1 - t0);
          }
        };
        // Observe the whole body: the pane may be re-created rather than patched.
        const obs = new MutationObserver(check);
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }, pattern);
    await page.keyboard.press("a");
    const ms = await page.evaluate(
      (timeout) =>
        Promise.race([window.__benchResult, new Promise((_, fail) => setTimeout(() => fail(new Error("no update")), timeout))]),
      TIMEOUT.wait,
    );
    if (i >= WARMUP) samples.push(ms);
    await page.waitForTimeout(PAUSE_MS);
  }
  if (errors.length) throw new Error(`browser reported errors:\n  ${errors.join("\n  ")}`);

  const s = stats(samples);
  const f = (x) => `${x.toFixed(1)} ms`;
  console.log(`edit → #endpoints updated, ${s.n} edits (after ${WARMUP} warm-up):`);
  console.log(`  min ${f(s.min)}  median ${f(s.median)}  p95 ${f(s.p95)}  max ${f(s.max)}  mean ${f(s.mean)}`);
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, "bench.json"), JSON.stringify({ edit_to_endpoints_ms: s, samples }, null, 2));
} catch (e) {
  console.error(`bench failed: ${e?.message ?? e}`);
  exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
