// node web/stamp-worker.mjs DIR: writes into DIR/worker_loader.js the hashed names Trunk gave the
// app's glue and wasm (app-<hash>.js, app-<hash>_bg.wasm), so the worker loads the very files the
// page loaded (from the HTTP cache or the service worker). Run by Trunk's post_build hook on the
// staging directory, before web/stamp-sw.mjs hashes the build.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node web/stamp-worker.mjs DIR");
  process.exit(2);
}

const names = readdirSync(dir);
function one(re, what) {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) {
    console.error(`stamp-worker: expected one ${what} in ${dir}, found ${JSON.stringify(found)}`);
    process.exit(1);
  }
  return found[0];
}
const glue = one(/^app-[0-9a-f]+\.js$/, "app-<hash>.js");
const wasm = one(/^app-[0-9a-f]+_bg\.wasm$/, "app-<hash>_bg.wasm");

const path = join(dir, "worker_loader.js");
let text = readFileSync(path, "utf8");
for (const [name, value] of [
  ["GLUE", `./${glue}`],
  ["WASM", `./${wasm}`],
]) {
  const line = new RegExp(`^const ${name} = .*;$`, "m");
  if (!line.test(text)) {
    console.error(`stamp-worker: no \`const ${name} = …;\` line in ${path}`);
    process.exit(1);
  }
  text = text.replace(line, () => `const ${name} = ${JSON.stringify(value)};`);
}
writeFileSync(path, text.replace(/^[ \t]*\/\/.*\n/gm, ""));
console.log(`stamp-worker: ${glue}, ${wasm}`);
