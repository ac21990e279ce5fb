// What is under the editor's cursor, for hovers and completion.
//
// The facts about keys all come from the core: `schema` is the worker's schema answer (the
// core's `copilot_manifest::schema::schema_json()`: every key per workload type and for
// environment manifests, with kind, doc, note, values). This file only finds where the cursor
// is, from indentation, so hovers and completion stay synchronous while the worker analyses.
// It is the twin of the indentation reader in crates/manifest/src/schema.rs (`context_at`,
// which the language server and other Rust callers use, and which reads the parsed tree first
// when the document parses); tests/context/cases.json holds the cases both must pass
// (tests/js/context.test.mjs here, crates/manifest/tests/context.rs there).
//
// Offsets are UTF-16 units of `text` (CodeMirror's); the Rust twin counts bytes.

/** What a file is by its path, as Copilot lays out a repository (workspace::SourceFile::kind). */
export function fileKind(path) {
  const p = String(path ?? "").replace(/^\.\//, "");
  if (p === "copilot/.workspace") return "workspace";
  if (/^copilot\/environments\/[^/]+\/manifest\.ya?ml$/.test(p)) return "environment";
  if (/^copilot\/[^/]+\/manifest\.ya?ml$/.test(p) && !p.startsWith("copilot/environments/")) return "workload";
  return "other";
}

/** The top-level `type:` of a manifest: the first line starting with `type:`, unquoted. */
export function typeOf(text) {
  const m = /^type:(.*)$/m.exec(String(text));
  if (!m) return null;
  let v = m[1].replace(/\r$/, "");
  const c = v.search(/[ \t]#/);
  if (c >= 0) v = v.slice(0, c);
  v = v.trim();
  if (/^["']/.test(v)) v = v.slice(1).replace(/["']$/, "");
  return v || null;
}

const indexes = new WeakMap(); // key array -> Map(path -> key)

/** A table: its name, its keys (sorted by path) and a path index. */
function table(document, keys) {
  if (!Array.isArray(keys)) return null;
  let byPath = indexes.get(keys);
  if (!byPath) indexes.set(keys, (byPath = new Map(keys.map((k) => [k.path, k]))));
  return { document, keys, byPath };
}

/** The table for a file: environment manifests by path, others by `type:` (core: `table_for`). */
export function tableFor(schema, path, text) {
  if (!schema) return null;
  const kind = fileKind(path);
  if (kind === "environment") return table("Environment", schema.environment);
  if (kind === "workspace") return null;
  const type = typeOf(text);
  if (type && schema.types && Object.hasOwn(schema.types, type)) return table(type, schema.types[type]);
  return kind === "workload" ? table(null, schema.any_workload) : null;
}

function hasChildren(t, prefix) {
  const dotted = `${prefix}.`;
  return t.keys.some((k) => k.path.startsWith(dotted));
}

/** The keys directly under `prefix`, `<key>` patterns left out, as [name, key]. */
export function children(t, prefix) {
  const dotted = prefix ? `${prefix}.` : "";
  const out = [];
  for (const k of t.keys) {
    if (!k.path.startsWith(dotted)) continue;
    const rest = k.path.slice(dotted.length);
    if (!rest.includes(".") && !rest.startsWith("<")) out.push([rest, k]);
  }
  return out;
}

const join = (prefix, key) => (prefix ? `${prefix}.${key}` : key);
const ITEM = Symbol("[]");
const show = (segs) => segs.reduce((s, x) => (x === ITEM ? `${s}[]` : s ? `${s}.${x}` : x), "");
const OVERRIDE_EXCLUDED = ["name", "type", "environments"];

/** The table path of `segs`, as the core's `resolve` (and `model::keys::Checker`) walk it. */
function resolve(t, segs) {
  let pattern = "";
  let key = null;
  let status = "known";
  let entryValues = [];
  let container = null;
  let inOverride = false;
  const workload = t.byPath.has("environments");
  segs.forEach((seg, i) => {
    const last = i + 1 === segs.length;
    if (status === "unknown" || status === "opaque") {
      if (last) container = null;
      return;
    }
    if (seg === ITEM) {
      pattern += "[]";
      entryValues = [];
      return;
    }
    if (last) container = children(t, pattern).length ? pattern : null;
    const exact = join(pattern, seg);
    const user = join(pattern, "<key>");
    const parent = key;
    entryValues = [];
    if (t.byPath.has(exact)) {
      key = t.byPath.get(exact);
      status = "known";
      pattern = exact;
    } else if (t.byPath.has(user) || hasChildren(t, user)) {
      key = t.byPath.get(user) ?? null;
      status = "user";
      pattern = user;
    } else if (parent && parent.kind === "UserMap" && parent.path === pattern) {
      entryValues = parent.values ?? [];
      key = null;
      status = "user";
      pattern = user;
    } else if (hasChildren(t, pattern) || pattern === "") {
      key = null;
      status = "unknown";
    } else {
      key = null;
      status = "opaque";
    }
    if (workload && i === 1 && status === "user" && pattern === "environments.<key>") {
      pattern = "";
      inOverride = true;
    }
  });
  if (segs.length && segs[segs.length - 1] === ITEM) container = null;
  return { key, status, entryValues, container, inOverride };
}

/** `^([ \t]*)((?:- +)*)(KEY[ \t]*:(?=\s|$))?` taken apart (core: `parse_line`). */
export function parseLine(line) {
  let i = 0;
  while (line[i] === " " || line[i] === "\t") i++;
  const indent = i;
  while (line[i] === "-" && line[i + 1] === " ") {
    i++;
    while (line[i] === " ") i++;
  }
  const afterDashes = i;
  const start = i;
  const c = line[i];
  let end = null;
  if (c === '"' || c === "'") {
    const close = line.indexOf(c, i + 1);
    if (close >= 0) end = close + 1;
  } else if (c !== undefined && !" \t#:".includes(c)) {
    const next = line[i + 1];
    if (c !== "-" || !(next === undefined || " \t#:".includes(next))) {
      const m = /[:#]/.exec(line.slice(i));
      if (m && m[0] === ":") end = start + line.slice(start, i + m.index).replace(/[ \t]+$/, "").length;
    }
  }
  let key = null;
  if (end !== null && end > start) {
    let j = end;
    while (line[j] === " " || line[j] === "\t") j++;
    const after = line[j + 1];
    if (line[j] === ":" && (after === undefined || " \t\r\n".includes(after))) key = [start, end, j];
  }
  return { indent, afterDashes, key, dashed: afterDashes > indent };
}

const unquote = (token) => (/^(["']).*\1$/s.test(token) && token.length >= 2 ? token.slice(1, -1) : token);

/** The column of a comment's `#` (at the start or after a space, outside quotes), or -1. */
function commentAt(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const b = line[i];
    const spaced = i === 0 || line[i - 1] === " " || line[i - 1] === "\t";
    if (quote) {
      if (b === quote) quote = null;
    } else if ((b === '"' || b === "'") && spaced) quote = b;
    else if (b === "#" && spaced) return i;
  }
  return -1;
}

const isWord = (ch) => /[A-Za-z0-9_-]/.test(ch);

/** The container path of a key at column `col` of line `n` (core: `parents`). */
function parents(lines, n, col, dashed) {
  const parts = [];
  let c = col;
  if (dashed !== null) {
    parts.push(ITEM);
    c = dashed;
  }
  for (let i = n - 1; i >= 0 && c > 0; i--) {
    const text = lines[i];
    const trimmed = text.replace(/^[ \t]+/, "");
    if (!trimmed.trim() || trimmed.startsWith("#")) continue;
    const l = parseLine(text);
    const dash = l.dashed ? l.indent : null;
    if (l.key && l.afterDashes < c) {
      parts.push(unquote(text.slice(l.key[0], l.key[1])));
      c = l.afterDashes;
      if (dash !== null) {
        parts.push(ITEM);
        c = dash;
      }
    } else if (dash !== null && dash < c) {
      parts.push(ITEM);
      c = dash;
    } else if (l.indent < c && !l.key && dash === null) {
      break; // a less indented scalar line: not block YAML we understand
    }
  }
  return parts.reverse();
}

function lineHit(text, offset, t) {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  const line = text.slice(start, end).replace(/\r$/, "");
  const col = offset - start;
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const n = text.slice(0, start).split("\n").length - 1;
  const comment = commentAt(line);
  if (comment >= 0 && comment < col) return null;
  const l = line.trim() ? parseLine(line) : { indent: col, afterDashes: col, key: null, dashed: false };
  const dashed = l.dashed ? l.indent : null;
  const hit = (position, segs, span, prefix) => ({ position, segs, span: [start + span[0], start + span[1]], prefix });
  if (l.key) {
    const [ks, ke, colon] = l.key;
    const token = line.slice(ks, ke);
    const segs = [...parents(lines, n, l.afterDashes, dashed), unquote(token)];
    if (ks <= col && col <= ke) {
      const from = Math.min(ks + (/^["']/.test(token) ? 1 : 0), col);
      return hit("key", segs, [ks, ke], line.slice(from, col));
    }
    if (col <= colon) return null;
    const valueEnd = comment >= 0 ? comment : line.length;
    const value = line.slice(colon + 1, valueEnd);
    const vs = colon + 1 + (value.length - value.replace(/^[ \t]+/, "").length);
    const ve = Math.max(colon + 1 + value.replace(/[ \t]+$/, "").length, vs);
    if (col < vs) return hit("value", segs, [col, col], "");
    const from = Math.min(vs + (/^["']/.test(line.slice(vs)) ? 1 : 0), col);
    return hit("value", segs, [vs, Math.max(ve, col)], line.slice(from, col));
  }
  if (col < l.afterDashes) return null;
  const before = line.slice(l.afterDashes, col);
  const rest = line.slice(col);
  let wordAfter = 0;
  while (wordAfter < rest.length && isWord(rest[wordAfter])) wordAfter++;
  const loneWord = [...before].every(isWord) && !rest.slice(wordAfter).trim();
  const container = parents(lines, n, l.afterDashes, dashed);
  if (loneWord) {
    const r = resolve(t, container);
    const hasKeys = (r.status === "known" || r.status === "user") && resolve(t, [...container, ""]).container !== null;
    if (hasKeys || dashed === null) {
      const word = line.slice(l.afterDashes, col + wordAfter);
      return hit("new_key", [...container, word], [l.afterDashes, col + wordAfter], before);
    }
  }
  if (dashed !== null) {
    const value = line.slice(l.afterDashes, comment >= 0 ? comment : line.length);
    const ve = l.afterDashes + value.replace(/[ \t]+$/, "").length;
    const from = Math.min(l.afterDashes + (/^["']/.test(value) ? 1 : 0), col);
    return hit("value", container, [l.afterDashes, Math.max(ve, col)], line.slice(from, col));
  }
  return null;
}

/**
 * What is at `offset` of `text` (the file at `path`), the shape of the core's `Context`:
 * {document, position: "key"|"new_key"|"value"|"none", path, key, status, span, prefix, kind,
 * kind_words, doc, note, required, values, protocols, siblings: [{name, kind}]}.
 */
export function contextAt(schema, path, text, offset) {
  text = String(text);
  offset = Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, text.length));
  const t = tableFor(schema, path, text);
  const none = { document: t?.document ?? null, position: "none", path: "", status: "opaque", span: [offset, offset], prefix: "" };
  if (!t) return none;
  const h = lineHit(text, offset, t);
  if (!h) return none;
  const r = resolve(t, h.segs);
  const k = r.key;
  const cx = {
    document: t.document,
    position: h.position,
    path: show(h.segs),
    key: k?.path,
    status: r.status,
    span: h.span,
    prefix: h.prefix,
    kind: k?.kind,
    kind_words: k ? schema.kinds?.[k.kind] : undefined,
    doc: k?.doc ?? "",
    note: k?.note ?? "",
    required: k?.required ?? "",
    values: k ? (k.values ?? []) : r.entryValues,
    protocols: k?.protocols ?? [],
    siblings: [],
  };
  if (r.container !== null) {
    cx.siblings = children(t, r.container)
      .filter(([name]) => !(r.inOverride && OVERRIDE_EXCLUDED.includes(name)))
      .map(([name, key]) => ({ name, kind: key.kind }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return cx;
}

/**
 * Completion at `offset`: keys that may go where a key is being typed, values of the key whose
 * value is being typed (and `PORT/PROTOCOL` protocols). `explicit` (Ctrl-Space) also completes an
 * empty word. `{from, options: [{label, insert, detail}]}` or null.
 */
export function completionsAt(schema, path, text, offset, explicit) {
  const cx = contextAt(schema, path, text, offset);
  const prefix = cx.prefix;
  if (!prefix && !explicit) return null;
  const from = offset - prefix.length;
  if (cx.position === "new_key") {
    const options = cx.siblings
      .filter((s) => s.name.startsWith(prefix) && s.name !== prefix)
      .map((s) => ({ label: s.name, insert: `${s.name}: `, detail: schema.kinds?.[s.kind] ?? s.kind }));
    return options.length ? { from, options } : null;
  }
  if (cx.position !== "value") return null;
  const lower = prefix.toLowerCase();
  let words = cx.values.filter((w) => w.toLowerCase().startsWith(lower) && w !== prefix);
  const port = /^(\d+)\/([a-z]*)$/i.exec(prefix);
  if (port) words = cx.protocols.map((p) => `${port[1]}/${p}`).filter((w) => w.startsWith(prefix) && w !== prefix);
  const options = words.map((w) => ({ label: w, insert: w }));
  return options.length ? { from, options } : null;
}
