// Shared pieces of the browser tests: a static server for dist/, Chromium via playwright-core,
// and helpers that drive the CodeMirror editor. Node 20, ESM, no test framework.
//
// playwright-core lives in web/node_modules (one package.json for all JS tooling), so it is
// resolved from there rather than from this file's directory.

import { createServer } from "node:http";
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const artifactsDir = join(here, "artifacts");

const require = createRequire(join(repoRoot, "web", "package.json"));
const { chromium } = require("playwright-core");

/** Generous but bounded waits (ms). A cold wasm start on a loaded 2-core CI box takes seconds. */
export const TIMEOUT = { goto: 30_000, wait: 20_000, test: 90_000 };

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Serve `dir` on `host` (a loopback address; ephemeral port). Resolves to { url, close }. */
export async function serveDir(dir, host = "127.0.0.1") {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(root, "." + path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const { size } = statSync(file);
      res.writeHead(200, {
        "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": size,
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, host, ok);
  });
  const { port } = server.address();
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** Flags measured in toolchain.md §5 for Debian's chromium as root, headless, offline. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A fresh browser (own user-data-dir, so no localStorage carries over between tests) with one
 * page whose page errors, console errors and failed requests are collected in `errors`.
 */
export async function openBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), "copilot-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    timeout: TIMEOUT.goto,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT.wait);
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  // A request the page itself dropped by navigating away (net::ERR_ABORTED: the worker's wasm
  // still loading when a test opens the next URL) is not a failure of the app or the server.
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "";
    if (why !== "net::ERR_ABORTED") errors.push(`request failed: ${r.url()} ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { page, context, errors, close };
}

export function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  return page.screenshot({ path, fullPage: true }).then(() => path);
}

/**
 * Errors a test expects (a worker made to trap logs one): drop matching entries from `errors`
 * as they arrive, so the harness's "no console errors" rule still holds for everything else.
 */
export function allowErrors(errors, pattern) {
  const push = errors.push.bind(errors);
  errors.push = (...items) => push(...items.filter((e) => !pattern.test(e)));
}

/** Paste `text` into the focused editor the way the clipboard does (a `paste` event). */
export async function pasteText(page, text) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document
      .querySelector("#editor .cm-content")
      .dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** With UPDATE_SCREENSHOTS=1, also save a screenshot for the README in docs/images/. */
export function readmeShot(page, file, fullPage = false) {
  if (!process.env.UPDATE_SCREENSHOTS) return null;
  return page.screenshot({ path: join(repoRoot, "docs", "images", file), fullPage });
}

/** Load the app and wait until the Endpoints pane has content (the core has answered). */
export async function loadApp(page, url) {
  await page.goto(url, { timeout: TIMEOUT.goto, waitUntil: "load" });
  await page.locator("#endpoints").waitFor({ state: "attached" });
  await waitForText(page, "#endpoints", /\S/);
}

/**
 * Wait until `pageFn(arg)` (run in the page) is truthy; on timeout the error says `what` and,
 * when `selector` is given, what that element holds instead.
 */
export async function waitFor(page, what, pageFn, arg, selector) {
  try {
    await page.waitForFunction(pageFn, arg, { timeout: TIMEOUT.wait, polling: 50 });
  } catch (e) {
    let holds = "";
    if (selector) {
      const now = await page
        .locator(selector)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => null);
      holds = `; ${selector} holds: ${now === null ? "<missing>" : JSON.stringify(now.slice(0, 500))}`;
    }
    throw new Error(`timed out after ${TIMEOUT.wait} ms waiting for ${what}${holds}`);
  }
}

/** Wait until the first element matching `selector` has text containing `pattern` (string or RegExp). */
export function waitForText(page, selector, pattern) {
  const pat = pattern instanceof RegExp ? { re: pattern.source, flags: pattern.flags } : { s: String(pattern) };
  return waitFor(
    page,
    `${selector} to contain ${pattern instanceof RegExp ? pattern : JSON.stringify(pattern)}`,
    ([sel, p]) => {
      const t = document.querySelector(sel)?.textContent;
      if (t == null) return false;
      return p.re !== undefined ? new RegExp(p.re, p.flags).test(t) : t.includes(p.s);
    },
    [selector, pat],
    selector,
  );
}

/** Open a file of the workspace in the editor by its tab. */
export async function openFile(page, path) {
  await page.locator(`.file-tab[data-path="${path}"]`).click();
  await page.locator("#editor .cm-content").waitFor();
}

/** The editor's text, read from CodeMirror's rendered lines (the example files are short enough
 * to be fully rendered). */
export function editorText(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("#editor .cm-content .cm-line"), (l) => l.textContent).join("\n"),
  );
}

/** Replace the whole document like a user would: select all, then insert the new text. */
export async function setEditorText(page, text) {
  const content = page.locator("#editor .cm-content");
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
  const want = text.replace(/\n$/, "");
  await page.waitForFunction(
    (w) =>
      Array.from(document.querySelectorAll("#editor .cm-content .cm-line"), (l) => l.textContent)
        .join("\n")
        .replace(/\n$/, "") === w,
    want,
    { timeout: TIMEOUT.wait },
  );
  // Back to the top-left (insertText leaves the view scrolled to the end): nicer screenshots.
  await page.keyboard.press("Control+Home");
}

/**
 * Replace the `network.connect` value of a manifest's text (the `connect:` line under a top-level
 * `network:` and its more-indented continuation lines) with `connect: <value>`; add the block if
 * there is none.
 */
export function withNetworkConnect(text, value) {
  const lines = text.split("\n");
  const net = lines.findIndex((l) => /^network:\s*(#.*)?$/.test(l));
  if (net < 0) return `${text.replace(/\n*$/, "")}\nnetwork:\n  connect: ${value}\n`;
  let end = net + 1;
  while (end < lines.length && (/^\s/.test(lines[end]) || lines[end] === "")) end++;
  const block = lines.slice(net + 1, end);
  const i = block.findIndex((l) => /^\s+connect:/.test(l));
  if (i < 0) {
    block.unshift(`  connect: ${value}`);
  } else {
    const indent = block[i].match(/^\s*/)[0];
    let j = i + 1;
    while (j < block.length && (block[j].match(/^\s*/)[0].length > indent.length || block[j].trim() === "")) j++;
    block.splice(i, j - i, `${indent}connect: ${value}`);
  }
  return [...lines.slice(0, net + 1), ...block, ...lines.slice(end)].join("\n");
}

/** The text without the top-level `key:` line and its indented (or blank) continuation lines. */
export function withoutTopLevelKey(text, key) {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at < 0) return text;
  let end = at + 1;
  while (end < lines.length && (/^\s/.test(lines[end]) || lines[end] === "")) end++;
  return [...lines.slice(0, at), ...lines.slice(end)].join("\n");
}

/** Run named async tests in order; print one line each and the `N passed, M failed` summary. */
export async function runTests(tests, ctx, filter) {
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of Object.entries(tests)) {
    if (filter && !name.includes(filter)) continue;
    const started = performance.now();
    const browser = await openBrowser();
    let timer;
    try {
      await Promise.race([
        fn({ ...browser, ...ctx, name }),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error(`test timed out after ${TIMEOUT.test} ms`)), TIMEOUT.test);
        }),
      ]);
      if (browser.errors.length) throw new Error(`browser reported errors:\n    ${browser.errors.join("\n    ")}`);
      passed++;
      console.log(`ok      ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      const shot = await screenshot(browser.page, `${name}-failure`).catch(() => null);
      console.log(`FAILED  ${name} (${((performance.now() - started) / 1000).toFixed(1)} s): ${e?.message ?? e}`);
      if (shot) console.log(`        screenshot: ${shot}`);
      if (browser.errors.length && !String(e?.message).startsWith("browser reported errors"))
        console.log(`        browser errors:\n          ${browser.errors.join("\n          ")}`);
    } finally {
      clearTimeout(timer);
      await browser.close();
    }
  }
  return { passed, failed };
}

/** Check that argv[2] is a directory with an index.html; exit 2 with a message otherwise. */
export function distDirFromArgs() {
  const dir = resolve(process.argv[2] ?? "dist");
  try {
    statSync(join(dir, "index.html"));
  } catch {
    console.error(`${dir}/index.html not found: build it first (cargo xtask dist)`);
    console.log("0 passed, 1 failed");
    process.exit(2);
  }
  return dir;
}
