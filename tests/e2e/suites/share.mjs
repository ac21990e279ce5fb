// Share links, autosave, Reset, the examples gallery, embed mode and "Run locally".

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";

import {
  editorText,
  loadApp,
  openFile,
  readmeShot,
  repoRoot,
  screenshot,
  setEditorText,
  waitFor,
  waitForText,
  withNetworkConnect,
} from "../lib.mjs";

const API = "copilot/api/manifest.yml";
const reach = (from, to) => `#reachability li[data-from="${from}"][data-to="${to}"]`;
const AUTOSAVE = "copilot-playground.workspace";
const fixture = readFileSync(join(repoRoot, "tests/e2e/fixtures/v1-link.txt"), "utf8").trim();

const hashOf = (page) => page.evaluate(() => location.hash);

/** A v1 hash whose payload inflates to `bytes` of spaces (small on the wire). */
function bombHash(bytes) {
  return `#v1.${deflateRawSync(Buffer.alloc(bytes, 0x20), { level: 9 }).toString("base64url")}`;
}

/** The notice, once it says something matching `pattern`. */
async function notice(page, pattern) {
  await waitForText(page, "#notice", pattern);
  return page.locator("#notice").textContent();
}

export const tests = {
  /** Edits reach the URL (a v1 hash) and the autosave; the link opens the same workspace elsewhere. */
  async share_link_round_trip({ page, context, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    const entries = await page.evaluate(() => history.length);
    await setEditorText(page, withNetworkConnect(await editorText(page), "{alias: api-v2}"));
    await waitForText(page, reach("front-end", "api"), "http://api-v2");
    await waitFor(page, "the URL's hash to hold the edit", () => location.hash.startsWith("#v1."));
    // replaceState: typing adds no history entries.
    if ((await page.evaluate(() => history.length)) !== entries) throw new Error("the hash update added history entries");
    await page.locator("#share").click();
    await waitForText(page, "#status", /Link copied|address bar/);
    const link = await page.evaluate(() => location.href);

    const other = await context.newPage();
    await other.goto(link);
    await waitForText(other, reach("front-end", "api"), "http://api-v2");
    await other.close();

    // The autosave: the same address without the hash opens the edited workspace.
    await page.goto(url);
    await waitForText(page, reach("front-end", "api"), "http://api-v2");
    await screenshot(page, name);
  },

  /** A workspace too large for a link: the URL drops its (older) hash and Share says why. */
  async too_large_for_a_link({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, withNetworkConnect(await editorText(page), "{alias: api-v2}"));
    await waitFor(page, "a hash", () => location.hash.startsWith("#v1."));
    // 2.4 MB of random base64: deflate cannot shrink it under the 2,000,000-character limit.
    await page.evaluate(() => {
      const bytes = new Uint8Array(1_800_000);
      for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const dt = new DataTransfer();
      dt.setData("text/plain", `\n# ${btoa(bin)}\n`);
      document.querySelector("#editor .cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitFor(page, "the hash removed", () => location.hash === "");
    await page.locator("#share").click();
    await waitForText(page, "#status", /too large.*zip/i);
    await screenshot(page, name);
  },

  /** A v1 link made once and kept in tests/e2e/fixtures must open forever. */
  async v1_link_fixture_opens({ page, url, name }) {
    await page.goto(url + fixture);
    await waitForText(page, reach("web", "orders"), "http://orders-v1:8080");
    await waitForText(page, "#endpoints", "orders.staging.fixture.local");
    if ((await page.locator("#env-select").inputValue()) !== "staging") throw new Error("environment not restored");
    await page.locator("#settings-toggle").click();
    if (!(await page.locator("#variables").inputValue()).includes("TAG=v1")) throw new Error("shell variables not restored");
    await openFile(page, "copilot/orders/manifest.yml");
    await page.locator("#effective-toggle").click();
    await waitForText(page, "#effective-text", 'TAG: "v1"');
    await screenshot(page, name);
  },

  /** A decompression bomb, bad base64 and a future version: a clear notice, the example, the autosave untouched. */
  async broken_links_open_the_example_and_keep_the_autosave({ page, url, name }) {
    const saved = JSON.stringify({ files: [{ path: "copilot/.workspace", text: "application: mine\n" }] });
    await loadApp(page, url);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [AUTOSAVE, saved]);
    const cases = [
      [bombHash(64 << 20), /larger than|too large|4 MiB/i],
      ["#v1.%%%not-base64%%%", /damaged|not a playground link|base64/i],
      ["#v1.AAAA", /damaged|corrupt|read/i],
      ["#v9.abc", /newer version/i],
    ];
    for (const [hash, says] of cases) {
      await page.goto("about:blank");
      await page.goto(url + hash);
      const text = await notice(page, says);
      if (!/kept/.test(text)) throw new Error(`the notice does not say the saved work is kept: ${text}`);
      await waitForText(page, reach("front-end", "api"), "http://api");
      if ((await hashOf(page)) !== "") throw new Error("the broken hash stayed in the URL");
      // Editing the example must not overwrite the work saved before the broken link.
      await openFile(page, API);
      await setEditorText(page, (await editorText(page)) + "\n# edited\n");
      await page.waitForTimeout(900);
      const now = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE);
      if (now !== saved) throw new Error(`the autosave changed after ${hash.slice(0, 12)}…: ${now?.slice(0, 80)}`);
    }
    await screenshot(page, name);
    // The saved work is what the plain address opens.
    await page.goto("about:blank");
    await page.goto(url);
    if ((await page.locator("#app-name").inputValue()) !== "mine") throw new Error("the autosave did not open");
  },

  /** Reset asks, then returns to the example. */
  async reset_returns_to_the_example({ page, url, name }) {
    await loadApp(page, url);
    await openFile(page, API);
    await waitForText(page, "#editor .cm-content", "name: api");
    await setEditorText(page, withNetworkConnect(await editorText(page), "{alias: gone}"));
    await waitForText(page, reach("front-end", "api"), "http://gone");
    // Keyboard: the question takes the focus, Escape keeps the work, Enter on Reset confirms.
    await page.locator("#reset").click();
    await waitFor(page, "the focus on the confirmation", () => document.activeElement?.id === "reset-confirm");
    await page.keyboard.press("Escape");
    await waitFor(page, "the question closed", () => !document.querySelector("#reset-confirm"));
    await waitForText(page, reach("front-end", "api"), "http://gone");
    await page.locator("#reset").click();
    await waitFor(page, "the focus on the confirmation", () => document.activeElement?.id === "reset-confirm");
    await page.keyboard.press("Enter");
    await waitForText(page, reach("front-end", "api"), "http://api");
    await openFile(page, API);
    if ((await editorText(page)).includes("gone")) throw new Error("the editor kept the old text");
    await screenshot(page, name);
  },

  /** Every example of the gallery opens clean (no errors) with its explanation beside it. */
  async every_example_opens_clean({ page, url, name }) {
    const list = JSON.parse(readFileSync(join(repoRoot, "web/examples/examples.json"), "utf8"));
    if (list.length < 8) throw new Error(`only ${list.length} examples`);
    for (const { name: example, title } of list) {
      await page.goto(`${url}?example=${example}`);
      await waitForText(page, "#about", title);
      await waitFor(page, `${example}: a report`, () => !/Analyzing/.test(document.querySelector("#problem-summary")?.textContent ?? "Analyzing"));
      if (example === "custom-alias") await readmeShot(page, "example.png");
      // The legacy example opens with its environment's legacy namespace switched on.
      if (example === "legacy-env") await waitForText(page, "#endpoints", "api.kudos.local");
      await page.locator("#problems-all-envs").check();
      const errors = await page.locator("#filter-error").textContent();
      if (!/\b0\b/.test(errors)) throw new Error(`${example}: ${errors}`);
    }
    await page.goto(`${url}?example=kudos`);
    await waitForText(page, reach("front-end", "api"), "http://api");
    await page.locator("#example-select").selectOption("custom-alias");
    await page.waitForURL(/example=custom-alias/);
    await waitForText(page, "#about", list.find((e) => e.name === "custom-alias").title);
    await screenshot(page, name);
  },

  /** ?embed=1: no chrome, the editor and the chosen pane, and a link to the full playground. */
  async embed_mode_shows_one_pane({ page, url, name }) {
    await page.goto(`${url}?embed=1&example=kudos&pane=problems`);
    await waitForText(page, "#problem-summary", /\S/);
    if (await page.locator("#endpoints").count()) throw new Error("embed shows more than the chosen pane");
    if (await page.locator("#settings-toggle").count()) throw new Error("embed shows the full top bar");
    await waitFor(page, "the link out to carry the workspace", () =>
      document.querySelector("#open-in-playground")?.getAttribute("href")?.includes("#v1."),
    );
    const out = await page.locator("#open-in-playground").getAttribute("href");
    if (out.includes("embed")) throw new Error(`the link out stays embedded: ${out}`);
    await page.goto(`${url}?embed=1&example=kudos&pane=endpoints&env=test`);
    await waitForText(page, "#endpoints", "http://api");
    // The CloudFormation pane, when it is the embed's pane, shows its read-only editor.
    await page.goto(`${url}?embed=1&example=kudos&pane=cloudformation`);
    await waitForText(page, "#cfn-editor .cm-content", "ServiceConnectConfiguration");
    // An embed never writes the visitor's autosave.
    if (await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE)) throw new Error("an embed autosaved");
    await screenshot(page, name);
  },

  /** Run locally: the equivalent CLI command and a zip of a real copilot/ folder. */
  async run_locally_command_and_zip({ page, url, name }) {
    await loadApp(page, url);
    await page.locator("#settings-toggle").click();
    await page.locator("#variables").fill("TAG=v1.2\nMSG=it's here");
    await page.locator("#legacy-test").check();
    await page.locator("#local-toggle").click();
    await waitForText(page, "#check-command", "copilot-manifest check . --var 'MSG=it'\\''s here' --var TAG=v1.2 --legacy-namespace test");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-zip").click()]);
    const file = await download.path();
    const listing = execFileSync("python3", [
      "-c",
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print('\\n'.join(z.namelist())); print(z.read('copilot/api/manifest.yml').decode())",
      file,
    ]).toString();
    for (const want of ["copilot/.workspace", "copilot/api/manifest.yml", "copilot/environments/test/manifest.yml", "name: api"])
      if (!listing.includes(want)) throw new Error(`zip lacks ${want}:\n${listing}`);
    if (download.suggestedFilename() !== "copilot.zip") throw new Error(download.suggestedFilename());
    await screenshot(page, name);
  },
};
