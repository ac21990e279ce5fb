// The ZIP writer (web/zip.js), checked by an independent reader (Python's zipfile), and the
// clipboard helper's fallback with stand-ins for the browser objects.
//   node --test tests/js/

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { crc32 as zlibCrc32 } from "node:zlib";

import { copyText, zipFiles } from "../../web/zip.js";

const files = [
  { path: "copilot/.workspace", text: "application: kudos\n" },
  { path: "copilot/api/manifest.yml", text: "name: api\ntype: Backend Service\n# Grüße 🚀\n" },
  { path: "copilot/environments/test/manifest.yml", text: "name: test\ntype: Environment\n" },
  { path: "copilot/ünïcødé-😀/manifest.yml", text: "" },
  { path: "big.txt", text: "0123456789abcdef\n".repeat(10_000) },
];

/** Python's zipfile reads the archive: testzip() checks every CRC; returns what it found. */
function readWithPython(bytes) {
  const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
  try {
    const path = join(dir, "w.zip");
    writeFileSync(path, bytes);
    const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = {"bad": bad, "files": [
        {"name": i.filename, "text": z.read(i).decode("utf-8"), "crc": i.CRC, "method": i.compress_type,
         "utf8": bool(i.flag_bits & 0x800), "date": list(i.date_time), "size": i.file_size}
        for i in z.infolist()]}
print(json.dumps(out))
`;
    return JSON.parse(execFileSync("python3", ["-c", script, path], { encoding: "utf8" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("python's zipfile reads every name, text and CRC back", () => {
  const zip = zipFiles(files);
  assert.ok(zip instanceof Uint8Array);
  const got = readWithPython(zip);
  assert.equal(got.bad, null, "testzip() found a bad CRC");
  assert.deepEqual(
    got.files.map((f) => [f.name, f.text]),
    files.map((f) => [f.path, f.text]),
  );
  for (const [i, f] of got.files.entries()) {
    const data = Buffer.from(files[i].text, "utf8");
    assert.equal(f.crc, zlibCrc32(data), `CRC of ${f.name}`);
    assert.equal(f.size, data.length);
    assert.equal(f.method, 0, "stored");
    assert.equal(f.utf8, true, "UTF-8 name flag");
    assert.deepEqual(f.date, [1980, 1, 1, 0, 0, 0]);
  }
});

test("an empty list is a valid, empty archive", () => {
  const zip = zipFiles([]);
  assert.equal(zip.length, 22);
  assert.deepEqual(readWithPython(zip), { bad: null, files: [] });
});

test("the layout: local headers, then the central directory, then the end record", () => {
  const zip = zipFiles(files.slice(0, 2));
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  assert.equal(v.getUint32(0, true), 0x04034b50);
  const end = zip.length - 22;
  assert.equal(v.getUint32(end, true), 0x06054b50);
  assert.equal(v.getUint16(end + 10, true), 2, "entries");
  const dir = v.getUint32(end + 16, true);
  assert.equal(v.getUint32(dir, true), 0x02014b50);
  assert.equal(dir + v.getUint32(end + 12, true), end, "directory size");
});

test("copyText uses navigator.clipboard when it works", async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  let copied;
  Object.defineProperty(globalThis, "navigator", {
    configurable: true,
    value: { clipboard: { writeText: async (t) => void (copied = t) } },
  });
  try {
    assert.equal(await copyText("héllo"), true);
    assert.equal(copied, "héllo");
  } finally {
    if (saved) Object.defineProperty(globalThis, "navigator", saved);
    else delete globalThis.navigator;
  }
});

test("copyText falls back to a hidden textarea and execCommand, and reports failure", async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  const log = [];
  let works = true;
  const focused = { focus: () => log.push("refocus") };
  globalThis.document = {
    activeElement: focused,
    body: { append: (el) => log.push(`append ${el.value}`) },
    createElement: (tag) => ({
      tag,
      style: {},
      setAttribute() {},
      select: () => log.push("select"),
      remove: () => log.push("remove"),
    }),
    execCommand: (cmd) => {
      log.push(cmd);
      if (works === "throws") throw new Error("nope");
      return works;
    },
  };
  Object.defineProperty(globalThis, "navigator", {
    configurable: true,
    value: { clipboard: { writeText: async () => Promise.reject(new Error("denied")) } },
  });
  try {
    assert.equal(await copyText("x"), true);
    assert.deepEqual(log, ["append x", "select", "copy", "remove", "refocus"]);
    works = false;
    assert.equal(await copyText("y"), false);
    works = "throws";
    assert.equal(await copyText("z"), false);
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: {} }); // no clipboard API
    works = true;
    assert.equal(await copyText("w"), true);
  } finally {
    delete globalThis.document;
    if (saved) Object.defineProperty(globalThis, "navigator", saved);
    else delete globalThis.navigator;
  }
});
