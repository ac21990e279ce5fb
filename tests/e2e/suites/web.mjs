// Docs embedding, share links and offline: the <copilot-playground> web component on
// web/docs-demo.html, the service worker (web/sw.js), and the share/zip helpers that the editor
// bundle exposes on CopilotEditor. Loaded by ../run.mjs.
//
// Embed contract relied on (the app's side): index.html?embed=1&pane=P&example=X&env=E, a
// #v1.… hash overriding the example's files, #endpoints, a#open-in-playground.

import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync, deflateRawSync } from "node:zlib";

import { decodeHash } from "../../../web/share.js";
import { TIMEOUT, loadApp, repoRoot, screenshot, serveDir, waitFor, waitForText } from "../lib.mjs";

/** The directory run.mjs serves (its first argument). */
const distDir = resolve(process.argv[2] ?? "dist");
const COMPONENT_GZIP_BUDGET = 5 * 1024;

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** The iframe the i-th <copilot-playground> created in its shadow root, as { src, frame }. */
async function embedFrame(page, i) {
  const handle = await page.waitForFunction(
    (i) => document.querySelectorAll("copilot-playground")[i]?.shadowRoot?.querySelector("iframe"),
    i,
    { timeout: TIMEOUT.wait },
  );
  const el = handle.asElement();
  const frame = await el.contentFrame();
  check(frame, `component ${i}: its iframe has no frame`);
  return { el, frame, src: await el.getAttribute("src") };
}

function iframeCount(page) {
  return page.evaluate(
    () =>
      document.querySelectorAll("iframe").length +
      Array.from(document.querySelectorAll("copilot-playground"), (e) => e.shadowRoot?.querySelectorAll("iframe").length ?? 0).reduce((a, b) => a + b, 0),
  );
}

/** Wait until a service worker controls the page (reloading once if it activated too late). */
async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 5000 });
  } catch {
    await page.reload({ waitUntil: "load" });
    await waitFor(page, "a service worker controlling the page", () => navigator.serviceWorker.controller);
  }
}

function buildOf(dir) {
  const m = /^const BUILD = "([0-9a-f]{16})";$/m.exec(readFileSync(join(dir, "sw.js"), "utf8"));
  check(m, `${dir}/sw.js is not stamped with a build id`);
  return m[1];
}

async function cacheKeys(page) {
  return page.evaluate(() => caches.keys());
}

async function waitForCaches(page, want) {
  const until = Date.now() + TIMEOUT.wait;
  let keys;
  while (Date.now() < until) {
    keys = await cacheKeys(page);
    if (JSON.stringify(keys) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`caches are ${JSON.stringify(keys)}, want ${JSON.stringify(want)}`);
}

/** Python's zipfile reads `path`: testzip() checks the CRCs; returns [[name, text]]. */
function readZip(path) {
  const out = execFileSync(
    "python3",
    ["-c", "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps([[i.filename, z.read(i).decode()] for i in z.infolist()]))", path],
    { encoding: "utf8" },
  );
  return JSON.parse(out);
}

export const tests = {
  /** Before scrolling, docs-demo.html fetches only the ≤ 5 KB component; each embed loads near the viewport. */
  async docs_demo_lazy_embeds({ page, url, name }) {
    const requests = [];
    const bodies = new Map();
    page.on("request", (r) => requests.push(r.url()));
    page.on("response", async (r) => bodies.set(r.url(), await r.body().catch(() => null)));
    await page.goto(`${url}docs-demo.html`, { waitUntil: "load" });
    await page.waitForTimeout(1000); // time for an IntersectionObserver that should not fire
    const paths = requests.map((u) => new URL(u).pathname);
    check(
      JSON.stringify(paths) === JSON.stringify(["/docs-demo.html", "/copilot-playground.js"]),
      `before scrolling the page requested ${JSON.stringify(paths)}`,
    );
    const body = bodies.get(`${url}copilot-playground.js`);
    check(body, "copilot-playground.js was not served");
    const gz = gzipSync(body, { level: 9 }).length;
    check(gz <= COMPONENT_GZIP_BUDGET, `copilot-playground.js is ${gz} B gzip, over ${COMPONENT_GZIP_BUDGET} B`);
    console.log(`        copilot-playground.js: ${body.length} B, ${gz} B gzip -9`);
    check((await iframeCount(page)) === 0, "an iframe exists before scrolling");
    check(page.frames().length === 1, "a frame exists before scrolling");
    const top = await page.evaluate(() => document.querySelector("copilot-playground").getBoundingClientRect().top - innerHeight);
    check(top > 200, `the first component is only ${top} px below the fold (the demo must start below it)`);

    // The kudos example, by name.
    await page.locator("copilot-playground").nth(0).scrollIntoViewIfNeeded();
    const one = await embedFrame(page, 0);
    const u1 = new URL(one.src);
    check(u1.pathname === "/index.html", `iframe 1 is ${one.src}`);
    for (const [k, v] of [["embed", "1"], ["pane", "endpoints"], ["example", "kudos"]])
      check(u1.searchParams.get(k) === v, `iframe 1 ${k}=${u1.searchParams.get(k)}`);
    check(!u1.hash, "iframe 1 has a hash");
    check((await one.el.getAttribute("title"))?.includes("kudos"), "iframe 1 has no title naming the example");
    const h1 = await one.el.evaluate((f) => f.getBoundingClientRect().height);
    check(Math.round(h1) === 420, `iframe 1 is ${h1} px high`);
    await waitForText(one.frame, "#endpoints", "http://api");
    await waitForText(one.frame, "#endpoints", "api.test.kudos.local");
    await one.frame.locator("a#open-in-playground").waitFor({ state: "attached" });

    // Inline YAML, carried by a #v1. hash.
    await page.locator("copilot-playground").nth(1).scrollIntoViewIfNeeded();
    const two = await embedFrame(page, 1);
    const u2 = new URL(two.src);
    check(u2.searchParams.get("embed") === "1" && !u2.searchParams.has("example"), `iframe 2 is ${two.src}`);
    const payload = JSON.parse(await decodeHash(u2.hash));
    const paths2 = payload.files.map((f) => f.path);
    check(
      JSON.stringify(paths2) ===
        JSON.stringify(["copilot/api/manifest.yml", "copilot/front-end/manifest.yml", "copilot/.workspace", "copilot/environments/test/manifest.yml"]),
      `inline files: ${paths2}`,
    );
    check(payload.files[0].text.startsWith("name: api\ntype: Backend Service\n"), "inline YAML not dedented");
    check(payload.env === "test", `payload env ${payload.env}`);
    await waitForText(two.frame, "#endpoints", "http://api-v2");
    await waitForText(two.frame, "#endpoints", "api.test.docs.local");

    // Independent: each frame keeps its own workspace.
    const e1 = await one.frame.locator("#endpoints").textContent();
    check(!e1.includes("api-v2") && !e1.includes("docs.local"), "the kudos frame shows the inline example");
    check(page.frames().length === 3, `${page.frames().length - 1} frames, want 2`);
    await screenshot(page, name);
  },

  /** Bare YAML in the element, a src attribute, a numeric height and an unknown pane. */
  async web_component_bare_yaml({ page, url, name }) {
    await page.goto(`${url}docs-demo.html`, { waitUntil: "load" });
    await page.evaluate(() => {
      const el = document.createElement("copilot-playground");
      el.setAttribute("src", "./index.html?from=docs");
      el.setAttribute("height", "300");
      el.setAttribute("pane", "bogus");
      el.setAttribute("env", "dev");
      el.append("\n    type: Backend Service\n    name: orders\n    image:\n      build: ./Dockerfile\n      port: 8080\n    network:\n      connect: true\n  ");
      document.querySelector("main").prepend(el);
    });
    const { el, frame, src } = await embedFrame(page, 0);
    const u = new URL(src);
    check(u.searchParams.get("from") === "docs" && u.searchParams.get("pane") === "endpoints", `iframe is ${src}`);
    check(u.searchParams.get("env") === "dev", `env ${u.searchParams.get("env")}`);
    const h = await el.evaluate((f) => f.getBoundingClientRect().height);
    check(Math.round(h) === 300, `iframe is ${h} px high`);
    const payload = JSON.parse(await decodeHash(u.hash));
    check(
      JSON.stringify(payload.files.map((f) => f.path)) ===
        JSON.stringify(["copilot/orders/manifest.yml", "copilot/.workspace", "copilot/environments/dev/manifest.yml"]),
      `files: ${payload.files.map((f) => f.path)}`,
    );
    check(payload.files[0].text === "type: Backend Service\nname: orders\nimage:\n  build: ./Dockerfile\n  port: 8080\nnetwork:\n  connect: true\n", "bare YAML text");
    await waitForText(frame, "#endpoints", "http://orders:8080");
    await waitForText(frame, "#endpoints", "orders.dev.docs.local");
    await screenshot(page, name);
  },

  /** CopilotEditor's share and zip helpers in Chromium: round trip, refusals, a bomb, a download, the clipboard. */
  async share_and_zip_helpers_in_chromium({ page, context, url, name }) {
    await loadApp(page, url);
    const json = JSON.stringify({
      files: [{ path: "copilot/api/manifest.yml", text: "name: api\n# Grüße 🚀 你好\n" }],
      env: "test",
      variables: { NAME: "välue" },
      legacy: ["test"],
    });
    const r = await page.evaluate(async (json) => {
      const E = window.CopilotEditor;
      const hash = await E.encodeHash(json);
      const refusal = async (h) => E.decodeHash(h).then(() => "accepted", (e) => e.message);
      return {
        hash,
        back: await E.decodeHash(hash),
        limits: [E.MAX_HASH_CHARS, E.MAX_PAYLOAD_BYTES],
        newer: await refusal("#v3.AAAA"),
        notLink: await refusal("#hello"),
        corrupt: await refusal("#v1.____"),
        // deflate data followed by junk: Chromium's DecompressionStream refuses it
        junk: await refusal(`${hash}AAAA`),
      };
    }, json);
    check(r.back === json, "round trip in Chromium");
    check(JSON.stringify(await decodeHash(r.hash)) === JSON.stringify(json), "Chromium's hash decodes in Node");
    check(r.limits[0] === 2_000_000 && r.limits[1] === 4_194_304, `limits ${r.limits}`);
    check(r.newer.includes("newer version of the playground (v3)"), r.newer);
    check(r.notLink.includes("not a playground link"), r.notLink);
    check(r.corrupt.includes("cannot be unpacked"), r.corrupt);
    check(r.junk.includes("damaged"), r.junk);

    // A decompression bomb: 64 MiB of zeros, refused by the 4 MiB limit, quickly.
    const bomb = `#v1.${deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString("base64url")}`;
    const b = await page.evaluate(async (h) => {
      const t = performance.now();
      const message = await window.CopilotEditor.decodeHash(h).then(() => "accepted", (e) => e.message);
      return { message, ms: performance.now() - t };
    }, bomb);
    check(b.message.includes("more than 4 MiB"), `bomb: ${b.message}`);
    check(b.ms < 2000, `the bomb took ${b.ms.toFixed(0)} ms to refuse`);

    // A download through <a download>, read back by Python's zipfile.
    const files = [
      { path: "copilot/.workspace", text: "application: kudos\n" },
      { path: "copilot/api/manifest.yml", text: "name: api\n# 🚀\n" },
    ];
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.evaluate((files) => window.CopilotEditor.downloadZip("workspace.zip", files), files),
    ]);
    check(download.suggestedFilename() === "workspace.zip", `download named ${download.suggestedFilename()}`);
    const got = readZip(await download.path());
    check(JSON.stringify(got) === JSON.stringify(files.map((f) => [f.path, f.text])), `zip holds ${JSON.stringify(got)}`);

    // The clipboard, with permission.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
    const copied = await page.evaluate(async () => {
      const ok = await window.CopilotEditor.copyText("copied ✓");
      return { ok, text: await navigator.clipboard.readText() };
    });
    check(copied.ok && copied.text === "copied ✓", `clipboard: ${JSON.stringify(copied)}`);
    await screenshot(page, name);
  },

  /** After one visit the app (and the embed URL) opens with no network at all. */
  async offline_after_one_visit({ page, context, name }) {
    const server = await serveDir(distDir); // our own server, so that offline can also mean "gone"
    let closed = false;
    try {
      await loadApp(page, server.url);
      await waitForText(page, "#endpoints", "http://api");
      await waitForServiceWorker(page);
      const keys = await cacheKeys(page);
      check(JSON.stringify(keys) === JSON.stringify([`copilot-playground-${buildOf(distDir)}`]), `caches: ${keys}`);

      await context.setOffline(true);
      await server.close();
      closed = true;
      await page.reload({ waitUntil: "load", timeout: TIMEOUT.goto });
      await waitForText(page, "#endpoints", "http://api");
      await waitForText(page, "#endpoints", "api.test.kudos.local");
      await screenshot(page, `${name}-app`);

      for (const path of ["?example=kudos&embed=1", "index.html?embed=1&pane=endpoints&example=kudos&env=test"]) {
        await page.goto(server.url + path, { waitUntil: "load", timeout: TIMEOUT.goto });
        await waitForText(page, "#endpoints", "http://api");
      }
      await screenshot(page, name);
    } finally {
      await context.setOffline(false);
      if (!closed) await server.close();
    }
  },

  /** A new build replaces the old one: one cache left, the new one, and the page works. */
  async new_version_replaces_old({ page, name }) {
    const dir = mkdtempSync(join(tmpdir(), "copilot-sw-"));
    cpSync(distDir, dir, { recursive: true });
    const server = await serveDir(dir);
    try {
      await loadApp(page, server.url);
      await waitForServiceWorker(page);
      const old = buildOf(dir);
      await waitForCaches(page, [`copilot-playground-${old}`]);

      // The next build: one file changed, restamped as Trunk's post_build hook does.
      appendFileSync(join(dir, "docs-demo.html"), "<!-- the next version -->\n");
      execFileSync("node", [join(repoRoot, "web", "stamp-sw.mjs"), dir]);
      const next = buildOf(dir);
      check(next !== old, "the build id did not change with the files");

      await page.reload({ waitUntil: "load", timeout: TIMEOUT.goto });
      await waitForText(page, "#endpoints", "http://api");
      await waitForCaches(page, [`copilot-playground-${next}`]);
      await waitFor(page, "an activated service worker in control", () => navigator.serviceWorker.controller?.state === "activated");
      const cached = await page.evaluate(async (next) => {
        const res = await (await caches.open(`copilot-playground-${next}`)).match("docs-demo.html");
        return res ? res.text() : "";
      }, next);
      check(cached.includes("the next version"), "the new cache holds the old docs-demo.html");
      await page.reload({ waitUntil: "load", timeout: TIMEOUT.goto });
      await waitForText(page, "#endpoints", "api.test.kudos.local");
      await screenshot(page, name);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
