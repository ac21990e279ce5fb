// Share links: the workspace (a JSON payload produced and read by the Rust app) travels in the
// URL's hash as "#v1." + base64url(deflate-raw(UTF-8)). Native CompressionStream, no libraries.
// A link is untrusted input: every way it can be wrong ends in an Error whose message is one
// English sentence for the user; decompression stops as soon as the output passes the limit.

/** The longest hash accepted, in characters (without the '#'). */
export const MAX_HASH_CHARS = 2_000_000;
/** The most bytes a link may unpack to (4 MiB of UTF-8). */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

const PREFIX = "v1.";
// Deflate expands at most ~1032:1, so feeding 1 KiB at a time bounds what one step can produce.
const FEED = 1024;

const fail = (message) => {
  throw new Error(message);
};

/** The payload JSON (a string) → "#v1.<base64url of its deflate-raw compressed UTF-8>". */
export async function encodeHash(payloadJson) {
  const bytes = new TextEncoder().encode(payloadJson);
  if (bytes.length > MAX_PAYLOAD_BYTES) fail("The workspace is too large to share as a link.");
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = "";
  for (let i = 0; i < packed.length; i += 0x8000) bin += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  const out = btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  if (out.length + PREFIX.length > MAX_HASH_CHARS) fail("The workspace is too large to share as a link.");
  return "#" + PREFIX + out;
}

/** "#v1.…" (the '#' is optional) → the payload JSON string; throws Error on any bad link. */
export async function decodeHash(hash) {
  const h = String(hash).replace(/^#/, "");
  if (h.length > MAX_HASH_CHARS) fail("This playground link is too long (over 2,000,000 characters).");
  if (!h.startsWith(PREFIX)) {
    const v = /^v([1-9]\d{0,8})\./.exec(h);
    fail(
      v && +v[1] > 1
        ? `This link was made by a newer version of the playground (v${v[1]}).`
        : "This is not a playground link.",
    );
  }
  const bytes = fromBase64url(h.slice(PREFIX.length));
  const text = await inflate(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(text);
  } catch {
    return fail("This playground link is damaged: its text is not valid UTF-8.");
  }
}

function fromBase64url(s) {
  if (!s) fail("This playground link is damaged: it holds no data.");
  if (!/^[A-Za-z0-9_-]+$/.test(s)) fail("This playground link is damaged: it contains characters a link cannot have.");
  if (s.length % 4 === 1) fail("This playground link is damaged: it has been cut short.");
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** deflate-raw → bytes, at most MAX_PAYLOAD_BYTES: input fed in small steps, output read as it comes. */
async function inflate(bytes) {
  const ds = new DecompressionStream("deflate-raw");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < bytes.length; i += FEED) await writer.write(bytes.subarray(i, i + FEED));
    await writer.close();
  })();
  feeding.catch(() => {}); // its failure also errors the readable side, reported below
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_PAYLOAD_BYTES) {
        reader.cancel().catch(() => {});
        writer.abort().catch(() => {});
        chunks.length = 0;
        total = -1;
        break;
      }
      chunks.push(value);
    }
  } catch {
    fail("This playground link is damaged: its data cannot be unpacked.");
  }
  if (total < 0) fail("This playground link holds more than 4 MiB of text, more than the playground opens.");
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
