// Training mode: an exercise solved in the editor and checked against the Report.

import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

import { editorText, openFile, readmeShot, repoRoot, screenshot, setEditorText, waitFor, waitForText } from "../lib.mjs";

const trainingDir = join(repoRoot, "web/training");

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? d.path, d.name));
}

export const tests = {
  /** The first exercise: failing checks, a hint, the solution typed in, solved, progress kept. */
  async training_exercise_solved_and_checked({ page, url, name }) {
    const slug = readdirSync(trainingDir).sort()[0];
    const exercise = JSON.parse(readFileSync(join(trainingDir, slug, "exercise.json"), "utf8"));
    await page.goto(`${url}?train=${slug}`);
    await waitForText(page, "#training", exercise.title);
    await waitFor(page, "the checks to run", () => document.querySelectorAll("#checks li").length > 0);
    if (!(await page.locator('#checks li[data-passed="false"]').count())) throw new Error("the starting workspace already passes");
    await page.locator("#hint").click();
    await waitForText(page, "#hints", exercise.hints[0].replaceAll("`", ""));

    // Type the solution: every file that differs from the start.
    const start = join(trainingDir, slug, "start");
    const solution = join(trainingDir, slug, "solution");
    for (const file of filesUnder(solution)) {
      const path = relative(solution, file);
      const text = readFileSync(file, "utf8");
      if (readFileSync(join(start, path), "utf8") === text) continue;
      await openFile(page, path);
      await setEditorText(page, text);
    }
    await waitForText(page, "#solved", "Solved");
    if (await page.locator('#checks li[data-passed="false"]').count()) throw new Error("a check still fails");
    await readmeShot(page, "training.png");
    await screenshot(page, name);

    // Progress and the work survive a reload.
    await page.waitForTimeout(900);
    await page.reload();
    await waitForText(page, "#exercise-select", `✓ 1. ${exercise.title}`);
    await waitFor(page, "the checks", () => document.querySelectorAll("#checks li").length > 0);
    await waitForText(page, "#solved", "Solved");
    const next = page.locator("#next-exercise");
    if (await next.count()) {
      await next.click();
      await waitFor(page, "the next exercise", () => /Exercise 2 of/.test(document.querySelector("#training-title")?.textContent ?? ""));
      await waitFor(page, "its checks", () => document.querySelectorAll("#checks li").length > 0);
    }
    // Start over brings the starting text back.
    await page.goto(`${url}?train=${slug}`);
    await waitFor(page, "the checks", () => document.querySelectorAll("#checks li").length > 0);
    await page.locator("#restart-exercise").click();
    await waitFor(page, "the failing checks again", () => document.querySelectorAll('#checks li[data-passed="false"]').length > 0);
    const first = filesUnder(solution).map((f) => relative(solution, f)).find((p) => p.endsWith("manifest.yml") && !p.includes("environments"));
    await openFile(page, first);
    if ((await editorText(page)) !== readFileSync(join(start, first), "utf8")) throw new Error("Start over kept the edited text");
  },
};
