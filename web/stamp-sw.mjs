// node web/stamp-sw.mjs DIR: writes into DIR/sw.js the list of files the service worker
// precaches (every file under DIR except sw.js and dotfiles, as relative URLs, plus "./") and
// the build id (the first 16 hex digits of a SHA-256 over their names and contents). Run by
// Trunk's post_build hook on the staging directory; running it again on a changed DIR restamps.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node web/stamp-sw.mjs DIR");
  process.exit(2);
}

const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(relative(dir, p).split(sep).join("/"));
  }
})(dir);
const cached = files.filter((f) => f !== "sw.js").sort();

const hash = createHash("sha256");
for (const f of cached) hash.update(`${f}\0`).update(readFileSync(join(dir, f))).update("\0");
const build = hash.digest("hex").slice(0, 16);
const urls = ["./", ...cached.map((f) => f.split("/").map(encodeURIComponent).join("/"))];

const swPath = join(dir, "sw.js");
let sw = readFileSync(swPath, "utf8");
for (const [name, value] of [
  ["BUILD", JSON.stringify(build)],
  ["FILES", JSON.stringify(urls)],
]) {
  const line = new RegExp(`^const ${name} = .*;$`, "m");
  if (!line.test(sw)) {
    console.error(`stamp-sw: no \`const ${name} = …;\` line in ${swPath}`);
    process.exit(1);
  }
  sw = sw.replace(line, () => `const ${name} = ${value};`);
}
// Full-line comments are for readers of web/sw.js, not for every visitor.
writeFileSync(swPath, sw.replace(/^[ \t]*\/\/.*\n/gm, ""));
console.log(`stamp-sw: build ${build}, ${urls.length} URLs precached`);
