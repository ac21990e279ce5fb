// Share links (web/share.js): round trips and every way a link can be refused.
//   node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateRawSync } from "node:zlib";

import { MAX_HASH_CHARS, MAX_PAYLOAD_BYTES, decodeHash, encodeHash } from "../../web/share.js";

const payload = (text) =>
  JSON.stringify({
    files: [
      { path: "copilot/api/manifest.yml", text },
      { path: "copilot/.workspace", text: "application: kudos\n" },
    ],
    env: "test",
    variables: { NAME: "välue" },
    legacy: ["test"],
  });

/** A hash carrying these raw deflate-raw bytes. */
const hashOf = (bytes) => `#v1.${Buffer.from(bytes).toString("base64url")}`;

async function refused(hash, message) {
  await assert.rejects(decodeHash(hash), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, message);
    assert.match(e.message, /^[A-Z][^\n]*\.$/, "one sentence");
    return true;
  });
}

test("limits are the documented ones", () => {
  assert.equal(MAX_HASH_CHARS, 2_000_000);
  assert.equal(MAX_PAYLOAD_BYTES, 4_194_304);
});

test("round trip: ASCII, non-ASCII, emoji, newlines, with and without '#'", async () => {
  for (const text of [
    "name: api\ntype: Backend Service\n",
    "# Grüße, 你好, عربي, ñ\nname: api\n",
    "emoji: 🚀👩🏽‍💻 \u{1F600}\r\n\ttabs and \u0000 nul\n",
    "",
  ]) {
    const json = payload(text);
    const hash = await encodeHash(json);
    assert.match(hash, /^#v1\.[A-Za-z0-9_-]+$/, "base64url without padding");
    assert.equal(await decodeHash(hash), json);
    assert.equal(await decodeHash(hash.slice(1)), json);
  }
});

test("the encoding is deflate-raw + base64url, readable by zlib", async () => {
  const json = payload("name: api\n".repeat(50));
  const hash = await encodeHash(json);
  const bytes = Buffer.from(hash.slice(4), "base64url");
  assert.equal((await import("node:zlib")).inflateRawSync(bytes).toString("utf8"), json);
  assert.ok(hash.length < json.length / 3, "repetitive text compresses");
  // and a hash made by zlib decodes
  assert.equal(await decodeHash(hashOf(deflateRawSync(Buffer.from(json)))), json);
});

test("every base64url length remainder and byte value round trips", async () => {
  for (let n = 0; n < 40; n++) {
    const json = JSON.stringify({ files: [{ path: "a", text: "x".repeat(n) + String.fromCodePoint(0x10000 + n * 997) }] });
    assert.equal(await decodeHash(await encodeHash(json)), json);
  }
});

test("a large workspace round trips", async () => {
  const big = Array.from({ length: 20_000 }, (_, i) => `key_${i}: value ${i * 7919}`).join("\n");
  const json = payload(big);
  assert.equal(await decodeHash(await encodeHash(json)), json);
});

test("a newer version's link is refused and named", async () => {
  await refused("#v2.AAAA", /newer version of the playground \(v2\)/);
  await refused("v17.whatever", /newer version of the playground \(v17\)/);
});

test("things that are not playground links", async () => {
  for (const h of ["", "#", "#v1", "v1", "#hello", "#V1.AAAA", "#v0.AAAA", "#v01.AAAA", "#v2", " #v1.AAAA", "#v1-AAAA"])
    await refused(h, /not a playground link/);
});

test("bad base64url characters or length", async () => {
  await refused("#v1.", /holds no data/);
  for (const h of ["#v1.ab+c", "#v1.ab/c", "#v1.abc=", "#v1.ab c", "#v1.ab%2B", "#v1.ab.c", "#v1.é"])
    await refused(h, /characters a link cannot have/);
  await refused("#v1.A", /cut short/);
  await refused("#v1.AAAAA", /cut short/);
});

test("a hash longer than MAX_HASH_CHARS is refused before decoding", async () => {
  const started = performance.now();
  await refused(`#v1.${"A".repeat(MAX_HASH_CHARS)}`, /too long \(over 2,000,000 characters\)/);
  assert.ok(performance.now() - started < 200);
  // just under the limit is decoded (and here found corrupt, not too long)
  await refused(`#v1.${"A".repeat(MAX_HASH_CHARS - 4)}`, /cannot be unpacked/);
});

test("corrupt deflate data", async () => {
  await refused(hashOf([0xff, 0xff, 0xff, 0xff]), /damaged: its data cannot be unpacked/);
  const good = deflateRawSync(Buffer.from(payload("name: api\n".repeat(20))));
  await refused(hashOf(good.subarray(0, good.length - 4)), /cannot be unpacked/); // truncated
  const flipped = Buffer.from(good);
  flipped[3] ^= 0xff;
  flipped[4] ^= 0xff;
  await assert.rejects(decodeHash(hashOf(flipped)), /damaged/);
});

test("invalid UTF-8 inside valid deflate data", async () => {
  await refused(hashOf(deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))), /not valid UTF-8/);
  await refused(hashOf(deflateRawSync(Buffer.from([0x7b, 0xe2, 0x82]))), /not valid UTF-8/); // cut sequence
  await refused(hashOf(deflateRawSync(Buffer.from([0xed, 0xa0, 0x80]))), /not valid UTF-8/); // a surrogate
});

test("exactly MAX_PAYLOAD_BYTES is accepted, one byte more is refused", async () => {
  const exact = "a".repeat(MAX_PAYLOAD_BYTES);
  assert.equal((await decodeHash(hashOf(deflateRawSync(Buffer.from(exact))))).length, MAX_PAYLOAD_BYTES);
  await refused(hashOf(deflateRawSync(Buffer.from(exact + "a"))), /more than 4 MiB/);
  await assert.rejects(encodeHash(exact + "a"), /too large to share/);
});

test("a decompression bomb (64 MiB of zeros) is refused quickly, without inflating it all", async () => {
  const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const hash = hashOf(bomb);
  assert.ok(hash.length < MAX_HASH_CHARS, "the bomb fits in a link");

  // Count what reaches the decompressor: it must stop after about the limit's worth of input
  // (deflate expands at most ~1032:1), not swallow the whole bomb.
  const Real = globalThis.DecompressionStream;
  let fed = 0;
  let produced = 0;
  globalThis.DecompressionStream = class {
    constructor(format) {
      const inner = new Real(format);
      const into = inner.writable.getWriter();
      this.writable = new WritableStream({
        async write(chunk) {
          fed += chunk.length;
          await into.write(chunk);
        },
        close: () => into.close(),
        abort: (reason) => into.abort(reason),
      });
      this.readable = inner.readable.pipeThrough(
        new TransformStream({
          transform(chunk, ctl) {
            produced += chunk.length;
            ctl.enqueue(chunk);
          },
        }),
      );
    }
  };
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  try {
    const started = performance.now();
    await refused(hash, /more than 4 MiB/);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `refused in ${ms.toFixed(0)} ms`);
  } finally {
    clearInterval(sampler);
    globalThis.DecompressionStream = Real;
  }
  // 4 MiB of output needs ~4 KiB of this input; the rest is the decompressor's own input buffer.
  assert.ok(fed <= 32 * 1024, `fed ${fed} of ${bomb.length} compressed bytes`);
  assert.ok(produced <= MAX_PAYLOAD_BYTES + 1024 * 1024, `read ${produced} inflated bytes`);
  const grew = peak - before;
  assert.ok(grew < 32 * 1024 * 1024, `buffers grew by ${grew} bytes while refusing a 64 MiB bomb`);
});
