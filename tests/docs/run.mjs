// Browser test of the MkDocs plugin (integrations/mkdocs) on the sample site (docs/site/).
//
//   node tests/docs/run.mjs DIST_DIR MKDOCS [NAME_FILTER]
//
// Serves DIST_DIR (the playground, 127.0.0.1) and builds the sample site with MKDOCS (the
// virtual environment's `mkdocs`, `cargo xtask docs` makes it) against that origin's
// copilot-playground.js, then serves the site from a second loopback origin (127.0.0.2), as a
// documentation site and its playground usually live apart. Each test gets a fresh browser and
// fails on any page error, console error or failed request (lib.mjs). Last line: `N passed, M failed`.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { TIMEOUT, distDirFromArgs, readmeShot, repoRoot, runTests, screenshot, serveDir, waitFor, waitForText } from "../e2e/lib.mjs";

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** Each page of the sample site, and per playground on it what its Endpoints pane must show. */
const PAGES = {
  "service-connect/": [
    { from: "front-end", to: "api", via: "service-connect", url: "http://api:8080", sd: "api.test.shop.local" },
  ],
  "custom-alias/": [{ from: "front-end", to: "api", via: "service-connect", url: "http://api-v2:8080", sd: "api.test.shop.local" }],
  "fallback/": [{ from: "worker", to: "api", via: "service-discovery", url: "http://api.test.shop.local:8080", sd: "api.test.shop.local" }],
  "upgrade/": [{ from: "front-end", to: "api", via: "service-connect", url: "http://api.test.shop.local:8080", sd: "api.test.shop.local" }],
};

/** The frame of the i-th <copilot-playground> (scrolled into view, so it loads). */
async function playground(page, i) {
  await page.locator("copilot-playground").nth(i).scrollIntoViewIfNeeded();
  const handle = await page.waitForFunction(
    (i) => document.querySelectorAll("copilot-playground")[i]?.shadowRoot?.querySelector("iframe"),
    i,
    { timeout: TIMEOUT.wait },
  );
  const el = handle.asElement();
  const frame = await el.contentFrame();
  check(frame, `playground ${i}: its iframe has no frame`);
  return { el, frame };
}

const reach = (e) => `#reachability li[data-from="${e.from}"][data-to="${e.to}"][data-via="${e.via}"]`;

/** The iframe's theme: its <html data-theme> and the computed colour scheme. */
const themeOf = (frame) =>
  frame.evaluate(() => `${document.documentElement.dataset.theme ?? "system"}/${getComputedStyle(document.documentElement).colorScheme}`);

const tests = {
  /** Every example of every page loads from the other origin and shows its endpoints; the fallback is hidden, and back in print. */
  async docs_examples_show_their_endpoints({ page, url, dist, name }) {
    for (const [path, expected] of Object.entries(PAGES)) {
      await page.goto(url + path, { waitUntil: "load" });
      check((await page.locator("copilot-playground").count()) === expected.length, `${path}: ${expected.length} playgrounds expected`);
      const scripts = await page.$$eval("script[src]", (s) => s.map((x) => x.src).filter((u) => u.includes("copilot-playground")));
      check(JSON.stringify(scripts) === JSON.stringify([`${dist}copilot-playground.js`]), `${path}: component scripts ${scripts}`);
      for (const [i, e] of expected.entries()) {
        const { el, frame } = await playground(page, i);
        const src = new URL(await el.getAttribute("src"));
        check(src.origin === new URL(dist).origin && src.origin !== new URL(url).origin, `${path}: iframe from ${src.origin}`);
        check(src.searchParams.get("env") === "test" && src.searchParams.get("pane") === "endpoints", `${path}: iframe ${src}`);
        await waitForText(frame, reach(e), e.url);
        await waitForText(frame, `#endpoints tr[data-service="${e.to}"] .sd`, e.sd);
        // The app attribute named the application (shop), hence the namespace test.shop.local.
        await waitForText(frame, `#endpoints tr[data-service="${e.to}"] .env-var`, "test.shop.local");
        const width = await page.evaluate((i) => {
          const el = document.querySelectorAll("copilot-playground")[i];
          const box = getComputedStyle(el.parentElement);
          const inner = el.parentElement.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
          return [el.getBoundingClientRect().width, inner];
        }, i);
        check(Math.abs(width[0] - width[1]) < 1, `${path}: playground ${width[0]} px wide in content ${width[1]} px`);
      }
      const fallback = page.locator(".copilot-playground-fallback").first();
      check(!(await fallback.isVisible()), `${path}: the fallback shows beside the running playground`);
      await page.emulateMedia({ media: "print" });
      check(await fallback.isVisible(), `${path}: the fallback does not show in print`);
      check(await fallback.locator(".filename").first().textContent() === "copilot/api/manifest.yml", `${path}: fallback title`);
      await page.emulateMedia({ media: "screen" });
    }
    await page.goto(url, { waitUntil: "load" });
    check(!(await page.content()).includes("copilot-playground.js"), "the overview page (no playground) loads the component");
    await screenshot(page, name);
  },

  /** Editing a manifest inside one playground updates its panes. */
  async docs_edit_inside_an_example({ page, url, name }) {
    await page.goto(url + "custom-alias/", { waitUntil: "load" });
    const { frame } = await playground(page, 0);
    const e = PAGES["custom-alias/"][0];
    await waitForText(frame, reach(e), e.url);
    await frame.locator('.file-tab[data-path="copilot/api/manifest.yml"]').click();
    await waitForText(frame, "#editor .cm-content", "alias: api-v2");
    await frame.locator("#editor .cm-line", { hasText: "alias: api-v2" }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.insertText("3");
    await waitForText(frame, reach(e), "http://api-v3:8080");
    await waitForText(frame, '#endpoints tr[data-service="api"] .sc', "api-v3");
    await screenshot(page, name);
  },

  /** Material's palette toggle switches every playground's theme, without reloading it. */
  async docs_palette_switches_theme({ page, url, name }) {
    await page.goto(url + "service-connect/", { waitUntil: "load" });
    const { el, frame } = await playground(page, 0);
    await waitForText(frame, reach(PAGES["service-connect/"][0]), "http://api:8080");
    check((await el.getAttribute("src")).includes("theme=light"), "the iframe did not start in the light theme");
    check((await themeOf(frame)) === "light/light", `light page, playground ${await themeOf(frame)}`);
    await frame.evaluate(() => (window.__sameDocument = true));

    await page.locator('label[title="Switch to dark mode"]').click();
    await waitFor(page, "Material's dark palette", () => document.body.dataset.mdColorScheme === "slate");
    await waitFor(frame, "the playground's dark theme", () => document.documentElement.dataset.theme === "dark");
    check((await themeOf(frame)) === "dark/dark", `dark page, playground ${await themeOf(frame)}`);
    const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(/^rgb\((\d+), (\d+), (\d+)\)$/.test(bg) && bg.match(/\d+/g).every((v) => Number(v) < 64), `dark background is ${bg}`);
    check(await frame.evaluate(() => window.__sameDocument === true), "the playground reloaded to switch theme");
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, name);
    await readmeShot(page, "mkdocs-site-dark.png");

    await page.locator('label[title="Switch to light mode"]').click();
    await waitFor(frame, "the playground's light theme again", () => document.documentElement.dataset.theme === "light");
  },

  /** Material's instant navigation (no page load) from a page without a playground to one with it. */
  async docs_instant_navigation({ page, url, name }) {
    await page.goto(url, { waitUntil: "load" });
    check((await page.locator("copilot-playground").count()) === 0, "the overview has a playground");
    await page.evaluate(() => (window.__samePage = true));
    await page.locator('.md-nav__link[href$="service-connect/"]').first().click();
    await waitFor(page, "the Service Connect page", () => location.pathname.endsWith("/service-connect/"));
    check(await page.evaluate(() => window.__samePage === true), "the navigation was a page load, not instant");
    const { frame } = await playground(page, 0);
    await waitForText(frame, reach(PAGES["service-connect/"][0]), "http://api:8080");
    // The palette still reaches the playground after the content was swapped.
    await page.locator('label[title="Switch to dark mode"]').click();
    await waitFor(frame, "the playground's dark theme", () => document.documentElement.dataset.theme === "dark");
    await screenshot(page, name);
  },

  /** The README's picture: the sample site in light mode with a running playground. */
  async docs_screenshot({ page, url, name }) {
    await page.goto(url + "service-connect/", { waitUntil: "load" });
    const { frame } = await playground(page, 0);
    await waitForText(frame, reach(PAGES["service-connect/"][0]), "http://api:8080");
    await page.evaluate(() => scrollTo(0, 0)); // the heading, the text and the playground fit
    await screenshot(page, name);
    await readmeShot(page, "mkdocs-site.png");
  },
};

const dist = distDirFromArgs();
const mkdocs = process.argv[3];
if (!mkdocs) {
  console.error("usage: node tests/docs/run.mjs DIST_DIR MKDOCS [NAME_FILTER]");
  console.log("0 passed, 1 failed");
  process.exit(2);
}
const playgroundServer = await serveDir(dist, "127.0.0.1");
const siteDir = mkdtempSync(join(tmpdir(), "copilot-docs-site-"));
// Served before it is built: the site's own address (site_url) goes into the build.
const docsServer = await serveDir(siteDir, "127.0.0.2");
let result = { passed: 0, failed: 1 };
try {
  const script = `${playgroundServer.url}copilot-playground.js`;
  console.log(`docs: mkdocs build --strict (script: ${script})`);
  const built = spawnSync(mkdocs, ["build", "--strict", "-q", "-f", join(repoRoot, "docs/site/mkdocs.yml"), "-d", siteDir], {
    stdio: "inherit",
    env: { ...process.env, COPILOT_PLAYGROUND_SCRIPT: script, COPILOT_DOCS_SITE_URL: docsServer.url, NO_MKDOCS_2_WARNING: "1" },
  });
  if (built.status !== 0) throw new Error(`mkdocs build failed (${built.error ?? built.status})`);
  console.log(`docs: playground at ${playgroundServer.url}, site at ${docsServer.url}`);
  result = await runTests(tests, { url: docsServer.url, dist: playgroundServer.url }, process.argv[4]);
} catch (e) {
  console.log(`FAILED  docs: ${e.message}`);
} finally {
  await docsServer.close();
  await playgroundServer.close();
  rmSync(siteDir, { recursive: true, force: true });
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
