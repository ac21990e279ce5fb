// Download the workspace as a .zip and copy text to the clipboard. The ZIP writer is hand-written
// (stored entries, CRC-32, UTF-8 names): a library would cost more than the dist budget allows.

let table;
function crc32(bytes) {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return ~c >>> 0;
}

/** [{path, text}] → the bytes of a ZIP archive (method 0, stored) holding those files. */
export function zipFiles(files) {
  const enc = new TextEncoder();
  const entries = files.map((f) => {
    const name = enc.encode(String(f.path));
    const data = enc.encode(String(f.text));
    return { name, data, crc: crc32(data) };
  });
  if (entries.length > 0xffff) throw new Error("Too many files for a ZIP archive.");
  let size = 22;
  for (const e of entries) size += 30 + 46 + 2 * e.name.length + e.data.length;
  if (size > 0xffffffff) throw new Error("The files are too large for a ZIP archive.");
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const bytes = (b) => {
    out.set(b, at);
    at += b.length;
  };
  // The fields a local header and a central directory entry share, from "version needed" on.
  const common = (e) => {
    u16(20); // version needed: 2.0
    u16(0x0800); // flags: bit 11, names are UTF-8
    u16(0); // method: stored
    u16(0); // time 00:00:00
    u16(0x21); // date 1980-01-01
    u32(e.crc);
    u32(e.data.length); // compressed size
    u32(e.data.length); // uncompressed size
    u16(e.name.length);
    u16(0); // extra field length
  };
  for (const e of entries) {
    e.offset = at;
    u32(0x04034b50);
    common(e);
    bytes(e.name);
    bytes(e.data);
  }
  const dir = at;
  for (const e of entries) {
    u32(0x02014b50);
    u16(0x031e); // made by: Unix, 3.0 (so the external attributes are Unix modes)
    common(e);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0o100644 << 16); // external attributes: a regular file, rw-r--r--
    u32(e.offset);
    bytes(e.name);
  }
  const dirSize = at - dir;
  u32(0x06054b50);
  u16(0); // this disk
  u16(0); // the disk with the directory
  u16(entries.length);
  u16(entries.length);
  u32(dirSize);
  u32(dir);
  u16(0); // comment length
  return out;
}

/** Save [{path, text}] as `filename` (a .zip) through the browser's download. */
export function downloadZip(filename, files) {
  const url = URL.createObjectURL(new Blob([zipFiles(files)], { type: "application/zip" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copy `text` to the clipboard: true when it worked. Falls back to execCommand("copy"). */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure context) or permission refused: the old way.
  }
  const focused = document.activeElement;
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0";
  document.body.append(ta);
  let ok;
  try {
    ta.select();
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  ta.remove();
  focused?.focus?.();
  return ok;
}
