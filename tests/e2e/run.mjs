// End-to-end tests of the built playground (dist/) in Debian's headless Chromium.
//
//   node tests/e2e/run.mjs [DIST_DIR=dist] [NAME_FILTER]
//
// Each test gets a fresh browser profile and a fresh page load; a test fails on any page error,
// console error or failed request. Screenshots go to tests/e2e/artifacts/ (gitignored).
// The last line is `N passed, M failed`; the exit code is non-zero when anything failed.
//
// DOM contract of the app: #editor (CodeMirror host), .file-tab[data-path], #env-select,
// #endpoints tr[data-service], #reachability li[data-from][data-to],
// #problems li.problem[data-severity], #problem-summary (live region), #filter-{error,warning,info},
// #problems-all-envs, #app-name, #settings-toggle, #variables, #legacy-<env>, #theme-toggle,
// #add-service/#add-environment → #new-name, #new-type, #add-submit; #rename-file → #rename-name,
// #rename-submit; #delete-file → #delete-confirm; #notice; window.playgroundTest (?testhooks).

import { readdirSync } from "node:fs";

import { encodeHash } from "../../web/share.js";

import {
  allowErrors,
  distDirFromArgs,
  pasteText,
  readmeShot,
  editorText,
  loadApp,
  openFile,
  runTests,
  screenshot,
  serveDir,
  setEditorText,
  waitFor,
  waitForText,
  withNetworkConnect,
  withoutTopLevelKey,
} from "./lib.mjs";

const API = "copilot/api/manifest.yml";
const reachApi = '#reachability li[data-from="front-end"][data-to="api"]';

const tests = {
  /** The kudos example renders its endpoints on load. */
  async loads_kudos_endpoints({ page, url, name }) {
    await loadApp(page, url);
    await waitForText(page, "#endpoints", "http://api");
    await waitForText(page, "#endpoints", "api.test.kudos.local");
    await screenshot(page, name);
    await readmeShot(page, "playground.png");
  },

  /** Giving api a Service Connect alias changes how front-end reaches it. */
  async alias_edit_updates_reachability({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const edited = withNetworkConnect(await editorText(page), "{alias: api-v2}");
    await setEditorText(page, edited);
    await waitForText(page, reachApi, "http://api-v2");
    await screenshot(page, name);
  },

  /** A quoted port is a type error that Copilot would refuse: squiggle and Problems entry on its line. */
  async quoted_port_is_an_error_on_its_line({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    let text = withNetworkConnect(await editorText(page), "{alias: api-v2}");
    const lines = text.split("\n");
    const idx = lines.findIndex((l) => /^\s+port:\s*\d+\s*$/.test(l));
    if (idx < 0) throw new Error(`no numeric \`port:\` line in ${API}:\n${text}`);
    lines[idx] = lines[idx].replace(/port:\s*(\d+)/, 'port: "$1"');
    text = lines.join("\n");
    const line = idx + 1;
    await setEditorText(page, text);

    await waitFor(
      page,
      `a .cm-lintRange-error squiggle on line ${line} (${lines[idx].trim()})`,
      (want) =>
        Array.from(document.querySelectorAll("#editor .cm-lintRange-error")).some(
          (m) => m.closest(".cm-line")?.textContent === want,
        ),
      lines[idx],
    );
    const where = new RegExp(`${API.replace(/[.]/g, "\\.")}:${line}(?!\\d)`);
    await waitFor(
      page,
      `an error in #problems naming ${API}:${line}`,
      ({ re }) =>
        Array.from(document.querySelectorAll('#problems li.problem[data-severity="error"]')).some((li) =>
          new RegExp(re).test(li.textContent ?? ""),
        ),
      { re: where.source },
      "#problems",
    );
    await screenshot(page, name);
  },

  /** An environment manifest is analysed too: Copilot's refusal squiggled in its own editor and
   *  listed in Problems under its path, while the services' endpoints still show (`svc deploy`
   *  never reads it). */
  async environment_manifest_error_in_its_editor({ page, url, name }) {
    const ENV = "copilot/environments/test/manifest.yml";
    await loadApp(page, url);
    await waitForText(page, "#endpoints", "http://api");
    await openFile(page, ENV);
    await waitForText(page, "#editor .cm-content", "type: Environment");
    const text = `${withoutTopLevelKey(await editorText(page), "network").replace(/\n*$/, "")}\nnetwork:\n  vpc:\n    id: vpc-0123456789\n    cidr: 10.0.0.0/16\n`;
    await setEditorText(page, text);
    await waitFor(
      page,
      "a .cm-lintRange-error squiggle in the environment manifest",
      () => document.querySelectorAll("#editor .cm-lintRange-error").length > 0,
    );
    await waitFor(
      page,
      `an error in #problems naming ${ENV}`,
      (path) =>
        Array.from(document.querySelectorAll('#problems li.problem[data-severity="error"]')).some((li) =>
          (li.textContent ?? "").includes(path),
        ),
      ENV,
      "#problems",
    );
    await waitForText(page, "#endpoints", "http://api");
    await screenshot(page, name);
  },

  /** Problems: most severe first, counted, filtered by severity and environment; Enter jumps. */
  async problems_sort_filter_and_keyboard_jump({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    // An unknown key (a warning) above a quoted port (an error).
    let text = (await editorText(page)).replace("cpu: 256", "cpu: 256\nbogus_key: 1");
    text = text.replace(/port: 80/, 'port: "80"');
    await setEditorText(page, text);
    await waitFor(page, "an error and a warning", () =>
      document.querySelector('#problems li.problem[data-severity="error"]') &&
      document.querySelector('#problems li.problem[data-severity="warning"]'),
    );
    const order = await page.$$eval("#problems li.problem", (lis) => lis.map((li) => li.dataset.severity));
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < order.length; i++)
      if (rank[order[i - 1]] > rank[order[i]]) throw new Error(`not sorted by severity: ${order}`);
    const summary = await page.locator("#problem-summary").textContent();
    if (!/\d+ errors?, \d+ warnings?/.test(summary) || !summary.includes("in test"))
      throw new Error(`summary: ${summary}`);
    if ((await page.locator("#problem-summary").getAttribute("aria-live")) !== "polite")
      throw new Error("the summary is not a polite live region");
    const errors = await page.locator('#problems li.problem[data-severity="error"]').count();
    if (!(await page.locator("#filter-error").textContent()).includes(`Errors ${errors}`))
      throw new Error("the error filter does not show the count");

    await page.locator("#filter-error").click();
    await waitFor(page, "errors hidden", () => !document.querySelector('#problems li.problem[data-severity="error"]'));
    if ((await page.locator("#filter-error").getAttribute("aria-pressed")) !== "false")
      throw new Error("aria-pressed not false");
    await waitForText(page, "#problem-summary", "hidden by the filter");
    await page.locator("#filter-error").click();
    await waitFor(page, "errors back", () => document.querySelector('#problems li.problem[data-severity="error"]'));

    // Keyboard: focus the error's button, press Enter: the editor selects the quoted port.
    await openFile(page, "copilot/.workspace");
    await page.locator('#problems li.problem[data-severity="error"] button').first().focus();
    await page.keyboard.press("Enter");
    await waitFor(page, "the editor to show api with the range selected", () => {
      const sel = window.getSelection()?.toString() ?? "";
      return document.activeElement?.closest("#editor") && sel.includes('"80"');
    });
    await waitForText(page, "#editor-path", API);

    // The environment scope: a second environment's findings appear with "All environments".
    await page.locator("#problems-all-envs").check();
    await waitFor(page, "summary without env scope", () =>
      !document.querySelector("#problem-summary").textContent.includes(" in test"),
    );
    await screenshot(page, name);
  },

  /** Add a service of a chosen type, rename it, delete it; a bad name is refused with a message. */
  async workspace_add_rename_delete_service({ page, url, name }) {
    await loadApp(page, url);
    await page.locator("#add-service").click();
    await page.locator("#new-name").fill("Bad Name");
    await page.locator("#add-submit").click();
    await waitForText(page, "#add-form .form-problem", "not a valid name");
    await page.locator("#new-name").fill("orders");
    await page.locator("#new-type").selectOption("Load Balanced Web Service");
    await page.locator("#new-name").press("Enter");
    await page.locator('.file-tab[data-path="copilot/orders/manifest.yml"]').waitFor();
    await waitForText(page, "#editor .cm-content", "type: Load Balanced Web Service");
    await waitFor(page, "orders in the endpoints", () => document.querySelector('#endpoints tr[data-service="orders"]'));
    await waitForText(page, "#problem-summary", "No problems");
    const services = await page.$$eval('[aria-label="Services"] .file-tab', (b) => b.map((x) => x.dataset.path));
    if (services.join() !== "copilot/api/manifest.yml,copilot/front-end/manifest.yml,copilot/orders/manifest.yml")
      throw new Error(`services group: ${services}`);

    await page.locator("#rename-file").click();
    await page.locator("#rename-name").fill("billing");
    await page.locator("#rename-submit").click();
    await page.locator('.file-tab[data-path="copilot/billing/manifest.yml"]').waitFor();
    if (await page.locator('.file-tab[data-path="copilot/orders/manifest.yml"]').count())
      throw new Error("the old path is still listed");
    await waitForText(page, "#editor .cm-content", "name: billing");
    await waitFor(page, "billing in the endpoints", () => document.querySelector('#endpoints tr[data-service="billing"]'));

    await page.locator("#delete-file").click();
    await page.locator("#delete-confirm").click();
    await waitFor(page, "billing gone", () =>
      !document.querySelector('.file-tab[data-path="copilot/billing/manifest.yml"]') &&
      !document.querySelector('#endpoints tr[data-service="billing"]'),
    );
    await screenshot(page, name);
  },

  /** Add an environment, switch to it; rename it; the app name is editable and rewrites .workspace. */
  async environments_switcher_and_app_name({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, "copilot/.workspace"); // so it has an editor state (and undo history)
    await openFile(page, API);
    await page.locator("#add-environment").click();
    await page.locator("#new-name").fill("prod");
    await page.locator("#new-name").press("Enter");
    await page.locator('.file-tab[data-path="copilot/environments/prod/manifest.yml"]').waitFor();
    await waitForText(page, "#endpoints", "api.prod.kudos.local");
    await page.locator("#env-select").selectOption("test");
    await waitForText(page, "#endpoints", "api.test.kudos.local");
    await page.locator("#env-select").selectOption("prod");
    await waitForText(page, "#endpoints", "api.prod.kudos.local");

    await page.locator("#app-name").fill("shop");
    await page.locator("#app-name").press("Enter");
    await waitForText(page, "#endpoints", "api.prod.shop.local");
    await openFile(page, "copilot/.workspace");
    await waitForText(page, "#editor .cm-content", "application: shop");
    // The change is one undoable edit of .workspace.
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+z");
    await waitForText(page, "#editor .cm-content", "application: kudos");
    await waitForText(page, "#endpoints", "api.prod.kudos.local");
    if ((await page.locator("#app-name").inputValue()) !== "kudos") throw new Error("app name field not updated");
    await screenshot(page, name);
  },

  /** Settings: shell variables feed ${VAR}; a legacy environment uses {app}.local. */
  async settings_variables_and_legacy_namespace({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, withNetworkConnect(await editorText(page), '{alias: "${ALIAS}"}'));
    await page.locator("#settings-toggle").click();
    if ((await page.locator("#settings-toggle").getAttribute("aria-expanded")) !== "true")
      throw new Error("aria-expanded");
    await page.locator("#variables").fill("ALIAS=api-v2");
    await waitForText(page, reachApi, "http://api-v2");
    await page.locator("#variables").fill("ALIAS=api-v3\nnot a variable");
    await waitForText(page, reachApi, "http://api-v3");
    await waitForText(page, "#settings .form-problem", "line 2");
    await page.locator("#legacy-test").check();
    await waitForText(page, "#endpoints", "api.kudos.local");
    await waitForText(page, "#endpoints .pane-meta", "(legacy)");
    await page.locator("#legacy-test").uncheck();
    await waitForText(page, "#endpoints", "api.test.kudos.local");
    await screenshot(page, name);
  },

  /** Dark when the system is dark; the toggle cycles light → dark → system and is remembered. */
  async theme_follows_system_and_toggles({ page, url, name }) {
    await page.emulateMedia({ colorScheme: "dark" });
    await loadApp(page, url);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await bg();
    if (dark !== "rgb(14, 19, 26)") throw new Error(`system dark: body is ${dark}`);
    await screenshot(page, `${name}-dark`);
    await readmeShot(page, "playground-dark.png");
    await page.locator("#theme-toggle").click(); // system → light
    await waitFor(page, "light", () => getComputedStyle(document.body).backgroundColor === "rgb(244, 246, 249)");
    await page.locator("#theme-toggle").click(); // light → dark
    await waitFor(page, "dark", () => getComputedStyle(document.body).backgroundColor === "rgb(14, 19, 26)");
    await page.emulateMedia({ colorScheme: "light" });
    await waitForText(page, "#endpoints", "http://api"); // nothing loading while the page reloads
    await page.reload();
    await loadApp(page, url);
    if ((await bg()) !== "rgb(14, 19, 26)") throw new Error("the dark choice was not remembered");
    await page.locator("#theme-toggle").click(); // dark → system (light now)
    await waitFor(page, "system light", () => getComputedStyle(document.body).backgroundColor === "rgb(244, 246, 249)");
    await screenshot(page, name);
  },

  /** A 360 px phone: one column, nothing wider than the screen, endpoints readable. */
  async phone_360_layout({ page, url, name }) {
    await page.setViewportSize({ width: 360, height: 780 });
    await loadApp(page, url);
    await waitForText(page, "#endpoints", "http://api");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    if (overflow > 360) throw new Error(`the page is ${overflow} px wide at 360 px`);
    const cols = await page.evaluate(() => getComputedStyle(document.querySelector(".workbench")).gridTemplateColumns);
    if (cols.split(" ").length !== 1) throw new Error(`workbench columns: ${cols}`);
    await screenshot(page, name);
    await readmeShot(page, "playground-360.png", true);
  },

  /** Keyboard only: Tab reaches every control with a visible focus ring; Enter opens a file. */
  async keyboard_only_navigation({ page, url, name }) {
    await loadApp(page, url);
    await waitForText(page, "#endpoints", "http://api"); // the environment select is enabled
    const seen = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el.closest(".cm-editor") ?? el);
        const ring = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
        return { id: el.id || el.dataset?.path || el.className || el.tagName, ring, editor: !!el.closest("#editor") };
      });
      if (!f) continue;
      if (!f.ring) throw new Error(`no visible focus on ${f.id}`);
      seen.push(f.id);
      if (f.editor) break;
    }
    for (const want of ["app-name", "env-select", "settings-toggle", "theme-toggle", "add-service", "copilot/front-end/manifest.yml", "add-environment", "copilot/.workspace"])
      if (!seen.includes(want)) throw new Error(`Tab never reached ${want}; reached ${seen.join(", ")}`);
    // Back to the file list with Shift+Tab… or straight: focus front-end's entry and press Enter.
    await page.locator('.file-tab[data-path="copilot/front-end/manifest.yml"]').focus();
    await page.keyboard.press("Enter");
    await waitForText(page, "#editor .cm-content", "name: front-end");
    // Escape then Tab leaves the editor (CodeMirror's tab-focus mode) instead of indenting.
    await page.locator("#editor .cm-content").focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    const out = await page.evaluate(() => !document.activeElement?.closest("#editor"));
    if (!out) throw new Error("Escape, Tab did not leave the editor");
    await screenshot(page, name);
  },

  /** The worker traps (test hook): it is replaced, a notice says so, no text is lost. */
  async worker_trap_is_recovered({ page, errors, url, name }) {
    allowErrors(errors, /unreachable|RuntimeError|abort/i);
    await loadApp(page, `${url}?testhooks`);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await page.evaluate(() => window.playgroundTest("trap"));
    // Typed while the worker is dead: analysed by the new worker.
    const edited = withNetworkConnect(await editorText(page), "{alias: api-v9}");
    await setEditorText(page, edited);
    await waitForText(page, "#notice", "restarted");
    await waitForText(page, reachApi, "http://api-v9");
    if (!(await editorText(page)).includes("alias: api-v9")) throw new Error("the text was lost");
    await screenshot(page, name);
  },

  /** A worker that runs past 2 s is replaced too. */
  async worker_hang_is_replaced({ page, url, name }) {
    await loadApp(page, `${url}?testhooks`);
    await page.evaluate(() => window.playgroundTest("hang"));
    await waitForText(page, "#notice", "ran past 2 s");
    await openFile(page, API);
    await setEditorText(page, withNetworkConnect(await editorText(page), "{alias: api-v7}"));
    await waitForText(page, reachApi, "http://api-v7");
    await screenshot(page, name);
  },

  /** A paste is analysed without waiting for the debounce; 1 MB keeps the page responsive. */
  async paste_immediate_and_large_paste_responsive({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const text = withNetworkConnect(await editorText(page), "{alias: pasted}");
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+A");
    await pasteText(page, text);
    await waitForText(page, reachApi, "http://pasted");

    const big = `${text}\nvariables:\n${Array.from({ length: 40000 }, (_, i) => `  VAR_${i}: value-${i}-xxxxxx`).join("\n")}\n`;
    await page.keyboard.press("Control+A");
    const t0 = Date.now();
    await pasteText(page, big);
    // The UI thread answers while the worker analyses.
    const echo = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok(performance.now()), 0)));
    if (!echo) throw new Error("no answer");
    await page.locator("#theme-toggle").click({ timeout: 5000 });
    console.log(`        1 MB paste (${big.length} chars): UI answered after ${Date.now() - t0} ms`);
    await waitForText(page, "#problem-summary", /problem|error|warning|note|No problems/);
    await screenshot(page, name);
  },

  /** Names and values are text: markup in a manifest runs nothing and renders as characters. */
  async markup_in_manifests_is_text({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    let text = withNetworkConnect(await editorText(page), `{alias: '${evil}'}`);
    text = text.replace("cpu: 256", `cpu: 256\n'<b onmouseover=alert(1)>k</b>': 1`);
    await setEditorText(page, text);
    await waitFor(page, "the markup shown as text", (e) => document.body.textContent.includes(e), evil);
    await page.locator("#console-toggle").click();
    await waitFor(page, "the console shows the markup as text", (e) => document.querySelector("#console-text")?.textContent.includes(e), evil);
    await page.locator("#app-name").fill('<svg onload="window.__pwned=3">');
    await page.locator("#app-name").press("Enter");
    await page.waitForTimeout(300);
    const bad = await page.evaluate(() => ({
      pwned: window.__pwned,
      tags: document.querySelectorAll(".panes img, .panes script, .panes b, .panes svg:not(#reach-graph), #reach-graph svg, #editor img, #editor script").length,
    }));
    if (bad.pwned !== undefined || bad.tags) throw new Error(`markup was interpreted: ${JSON.stringify(bad)}`);
    await screenshot(page, name);
  },

  /** Hover: a problem shows message, help and the rule's explanation; a key its path and type. */
  async hovers_on_problems_and_keys({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, (await editorText(page)).replace("cpu: 256", "cpu: 256\nbogus_key: 1"));
    await waitFor(page, "a warning squiggle", () => document.querySelector("#editor .cm-lintRange-warning"));
    await page.locator("#editor .cm-line", { hasText: "bogus_key" }).locator(".cm-lintRange-warning").hover();
    await waitForText(page, ".cm-tooltip", "unknown-key");
    await waitForText(page, ".cm-tooltip", "not a key of a Backend Service");
    await waitForText(page, ".cm-tooltip", "help:");
    await waitForText(page, ".cm-tooltip", "Not a key of Backend Service manifests");
    await screenshot(page, `${name}-problem`);
    await page.mouse.move(5, 5);
    await waitFor(page, "tooltips closed", () => !document.querySelector(".cm-tooltip-hover"));
    await page.locator("#editor .cm-line", { hasText: "port: 80" }).getByText("port").hover();
    await waitForText(page, ".cm-tooltip .cm-key-info", "image.port");
    await waitForText(page, ".cm-tooltip .cm-key-info", "0 to 65535");
    // What Copilot enforces on the key, from the key tables' rules column.
    await page.mouse.move(5, 5);
    await waitFor(page, "tooltips closed", () => !document.querySelector(".cm-tooltip-hover"));
    await page.locator("#editor .cm-line", { hasText: "connect: true" }).getByText("connect").hover();
    await waitForText(page, ".cm-tooltip .cm-key-info", "network.connect");
    await waitForText(page, ".cm-tooltip .cm-key-note", "rejected on Windows");
    await screenshot(page, name);
  },

  /** Completion: keys valid here for the workload type, then a boolean's values; keyboard only. */
  async completion_of_keys_and_values({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\nexe");
    await waitForText(page, ".cm-completions", "exec");
    const roles = await page.$$eval(".cm-completions [role=option]", (o) => o.map((x) => x.textContent));
    if (!roles.length || !roles.every((r) => r.startsWith("exe"))) throw new Error(`options: ${roles}`);
    await page.keyboard.press("Enter");
    await page.keyboard.type("t");
    await waitForText(page, ".cm-completions", "true");
    await page.keyboard.press("Enter");
    if (!(await editorText(page)).includes("\nexec: true")) throw new Error(await editorText(page));
    // Nested: under image:, the keys of image for a Backend Service.
    await page.keyboard.type("\nimage:\n  hea");
    await waitForText(page, ".cm-completions", "healthcheck");
    await page.keyboard.press("Escape");
    await waitFor(page, "closed", () => !document.querySelector(".cm-completions"));
    // An enumerated value: deployment.rolling is `default` or `recreate`.
    await setEditorText(page, `${await editorText(page)}\ndeployment:\n  rolling: r`);
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("e");
    await waitForText(page, ".cm-completions", "recreate");
    await page.keyboard.press("Escape");
    // An environment manifest completes environment keys.
    await openFile(page, "copilot/environments/test/manifest.yml");
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\nhtt");
    await waitForText(page, ".cm-completions", "http");
    await screenshot(page, name);
  },

  /** The graph: one arrow per pair labelled with its URL; a pair without a path is dashed with its reason. */
  async reachability_graph_edges({ page, url, name }) {
    await loadApp(page, url);
    const edge = (from, to) => `#reach-graph g.edge[data-from="${from}"][data-to="${to}"]`;
    await waitForText(page, `${edge("front-end", "api")}.ok`, "http://api");
    await waitForText(page, `${edge("api", "front-end")}.ok`, "http://front-end");
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, (await editorText(page)).replace(/\n\s+port: 80/, ""));
    await waitFor(page, "front-end → api drawn as no path", (sel) => document.querySelector(sel), `${edge("front-end", "api")}.none`);
    const title = await page.locator(`${edge("front-end", "api")} title`).textContent();
    if (!title.includes("no path")) throw new Error(`edge title: ${title}`);
    await screenshot(page, name);
  },

  /** Past 12 services the graph centers the open service and draws its pairs only. */
  async reachability_graph_of_many_services({ page, url, name }) {
    const files = [
      { path: "copilot/.workspace", text: "application: many\n" },
      { path: "copilot/environments/test/manifest.yml", text: "name: test\ntype: Environment\n" },
    ];
    for (let i = 1; i <= 14; i++)
      files.push({
        path: `copilot/svc-${i}/manifest.yml`,
        text: `name: svc-${i}\ntype: Backend Service\nimage:\n  build: x/Dockerfile\n  port: 80\nnetwork:\n  connect: true\n`,
      });
    await page.goto(url + (await encodeHash(JSON.stringify({ files }))));
    await waitForText(page, "#graph-focus", "svc-1's pairs");
    await openFile(page, "copilot/svc-3/manifest.yml");
    await waitForText(page, "#graph-focus", "svc-3's pairs");
    const edges = await page.$$eval("#reach-graph g.edge", (g) => g.map((e) => [e.dataset.from, e.dataset.to]));
    if (edges.length !== 26 || !edges.every(([f, t]) => f === "svc-3" || t === "svc-3")) throw new Error(`edges: ${JSON.stringify(edges)}`);
    await waitForText(page, '#reach-graph g.edge[data-from="svc-3"][data-to="svc-9"] title', "http://svc-9");
    if ((await page.locator("#reachability li[data-from]").count()) !== 14 * 13) throw new Error("the list lost pairs");
    await page.locator("#reach-graph").scrollIntoViewIfNeeded();
    await screenshot(page, name);
  },

  /** Console: the CLI's human output (snippet with carets, endpoint tables, totals). */
  async console_shows_cli_output({ page, url, name }) {
    await loadApp(page, url);
    await waitForText(page, "#endpoints", "http://api");
    await page.locator("#console-toggle").click();
    await waitForText(page, "#console-text", "environment test: namespace test.kudos.local");
    await waitForText(page, "#console-text", "0 errors, 0 warnings");
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, (await editorText(page)).replace("port: 80", 'port: "80"'));
    await waitForText(page, "#console-text", "error[wrong-type]");
    await waitForText(page, "#console-text", /\|\s+\^\^\^\^ image\.port/);
    await waitForText(page, "#console-text", "1 error, 0 warnings");
    await page.locator("#console-text").scrollIntoViewIfNeeded();
    await screenshot(page, name);
  },

  /** Effective manifest: the environment's override and interpolation as a diff against the text. */
  async effective_manifest_diff({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const text = `${await editorText(page)}\nvariables:\n  WHERE: \${COPILOT_ENVIRONMENT_NAME}\nenvironments:\n  test:\n    count: 2\n`;
    await setEditorText(page, text);
    await page.locator("#effective-toggle").click();
    await waitForText(page, "#effective-text", "count: 2");
    const lines = await page.$$eval("#effective-text span", (s) => s.map((x) => `${x.className}|${x.textContent.trim()}`));
    for (const want of ["del|- count: 1", "add|+ count: 2", "del|- WHERE: ${COPILOT_ENVIRONMENT_NAME}", "same|name: api"])
      if (!lines.some((l) => l.replace(/\s+/g, " ").startsWith(want.replace(/\s+/g, " ")))) throw new Error(`no ${want} in ${lines.join(" / ")}`);
    if (!lines.some((l) => l.startsWith("add|") && l.includes("test"))) throw new Error(`interpolated value missing: ${lines.join(" / ")}`);
    await openFile(page, "copilot/.workspace");
    await waitForText(page, "#effective", "Open a service's manifest");
    await screenshot(page, name);
  },

  /** An answer for text that has changed since is dropped; the panes show the latest text's. */
  async stale_answers_are_dropped({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const base = withoutTopLevelKey(await editorText(page), "network");
    await page.locator("#editor .cm-content").click();
    await page.keyboard.press("Control+A");
    // Two pastes in one task: the first is analysed at once, the second waits for it, so the
    // first answer arrives for text that is no longer there.
    await page.evaluate(
      ([a, b]) => {
        const paste = (t) => {
          const dt = new DataTransfer();
          dt.setData("text/plain", t);
          document.querySelector("#editor .cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
        };
        paste(a);
        paste(b);
      },
      [base, "\nnetwork:\n  connect:\n    alias: b2\n"],
    );
    await waitForText(page, reachApi, "http://b2");
    const stale = Number(await page.locator(".shell").getAttribute("data-stale"));
    if (!(stale >= 1)) throw new Error(`no answer was dropped (data-stale=${stale})`);
    if (!(await editorText(page)).endsWith("alias: b2\n")) throw new Error("the editor lost the second paste");
    await screenshot(page, name);
  },

  /** The CloudFormation fragments of the open service and its environment, in YAML and JSON, follow edits. */
  async cloudformation_fragments({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await page.locator("#cloudformation-toggle").click();
    const cfn = (pattern) => waitFor(page, `CloudFormation text matching ${pattern}`, (p) => CopilotEditor.cfnText().includes(p), pattern);
    await cfn("ServiceConnectConfiguration");
    await cfn("DnsName: !Ref WorkloadName");
    await cfn("AWS::ServiceDiscovery::PrivateDnsNamespace");
    await waitForText(page, "#cfn-editor .cm-content", "ServiceConnectConfiguration");
    await setEditorText(page, withNetworkConnect(await editorText(page), "{alias: api-v2}"));
    await cfn("DnsName: api-v2");
    await page.locator("#cfn-json").click();
    await cfn('"DnsName": "api-v2"');
    await screenshot(page, name);
  },

  /** Provenance both ways: a generated line marks its manifest lines, a manifest line its generated lines. */
  async cloudformation_provenance_both_ways({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await page.locator("#cloudformation-toggle").click();
    await waitForText(page, "#cfn-editor .cm-content", "ContainerPort");
    // Generated → manifest: the cursor on `ContainerPort: 80` marks `port: 80` in the editor.
    await page.locator("#cfn-editor .cm-line", { hasText: "ContainerPort: 80" }).first().click();
    await waitForText(page, "#editor .cm-prov-source", "port: 80");
    await waitForText(page, "#cfn-editor .cm-cfn-sources", "copilot/api/manifest.yml:");
    // Manifest → generated: the cursor on `port: 80` marks the generated lines it produced.
    await page.locator("#editor .cm-line", { hasText: "port: 80" }).first().click();
    await waitFor(page, "a marked ContainerPort line", () =>
      [...document.querySelectorAll("#cfn-editor .cm-prov-target")].some((l) => l.textContent.includes("ContainerPort: 80")),
    );
    // The source button under the pane moves the manifest cursor to the line behind it.
    await page.locator("#cfn-editor .cm-line", { hasText: "ContainerPort: 80" }).first().click();
    await page.locator("#cfn-editor .cm-cfn-source").first().click();
    await waitForText(page, "#editor .cm-activeLine", "port: 80");
    await screenshot(page, name);
    await readmeShot(page, "cloudformation.png");
  },
};

// Further suites live in tests/e2e/suites/*.mjs, each exporting `tests` (same shape as above).
const suitesDir = new URL("./suites/", import.meta.url);
for (const file of readdirSync(suitesDir).filter((f) => f.endsWith(".mjs")).sort())
  Object.assign(tests, (await import(new URL(file, suitesDir))).tests);

const dist = distDirFromArgs();
const server = await serveDir(dist);
console.log(`e2e: serving ${dist} at ${server.url}`);
let result;
try {
  result = await runTests(tests, { url: server.url }, process.argv[3]);
} finally {
  await server.close();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
