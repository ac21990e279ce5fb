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
// #problems li.problem[data-severity].

import {
  distDirFromArgs,
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
};

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
