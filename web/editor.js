// The CodeMirror 6 facade of the playground.
//
// esbuild bundles this file into web/dist/editor.bundle.js as a classic script that defines the
// global `CopilotEditor` (--format=iife --global-name=CopilotEditor); the Yew app binds it with
// `#[wasm_bindgen(js_namespace = CopilotEditor)]`.
//
// The editor is uncontrolled: Rust never rewrites a document. It opens files (`open`), receives
// every edit (`onChange(path, text)`), pushes the Report's diagnostics (`setDiagnostics`) and
// moves the selection to a problem (`reveal`). There is one EditorView; each file keeps its own
// EditorState, so switching tabs keeps undo history, selection and scroll per file.
//
// Size: the whole dist/ has a gzip budget, so this facade uses only @codemirror/view, state,
// lint and the history/cursor parts of commands. YAML highlighting, indentation, Backspace by
// indent unit and comment toggling are small local implementations below; they replace
// @codemirror/language + @lezer/* + @codemirror/lang-yaml (about 18 KB gzip).

import {
  EditorView,
  ViewPlugin,
  Decoration,
  hoverTooltip,
  showTooltip,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
} from "@codemirror/view";
import {
  EditorState,
  EditorSelection,
  RangeSetBuilder,
  StateEffect,
  StateField,
  Prec,
  findClusterBreak,
} from "@codemirror/state";
import {
  history,
  historyKeymap,
  cursorCharLeft,
  selectCharLeft,
  cursorCharRight,
  selectCharRight,
  cursorGroupLeft,
  selectGroupLeft,
  cursorGroupRight,
  selectGroupRight,
  cursorLineBoundaryLeft,
  selectLineBoundaryLeft,
  cursorLineBoundaryRight,
  selectLineBoundaryRight,
  cursorLineUp,
  selectLineUp,
  cursorLineDown,
  selectLineDown,
  cursorPageUp,
  selectPageUp,
  cursorPageDown,
  selectPageDown,
  cursorDocStart,
  selectDocStart,
  cursorDocEnd,
  selectDocEnd,
  cursorLineBoundaryBackward,
  selectLineBoundaryBackward,
  cursorLineBoundaryForward,
  selectLineBoundaryForward,
  selectAll,
  deleteGroupBackward,
  deleteGroupForward,
  deleteLineBoundaryBackward,
  deleteLineBoundaryForward,
} from "@codemirror/commands";
import { lintGutter, lintKeymap, setDiagnostics as cmSetDiagnostics } from "@codemirror/lint";
import { createCfn } from "./cfn.js";
import { completionsAt, contextAt } from "./context.js";

const INDENT = 2; // Copilot's manifests indent by two spaces

// ---------------------------------------------------------------------------------------------
// YAML highlighting: a line tokenizer (manifests are block YAML) → mark decorations. State that
// crosses lines: block scalars (`|`, `>`) and flow collections.

const KEY =
  /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:,[\]{}&*!|>'"%@`-][^#:]*?|-[^\s#:][^#:]*?)(?=\s*:(?:\s|$))/;
const FLOW_KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:,[\]{}&*!|>'"%@`][^#:,[\]{}]*?)(?=\s*:(?:\s|$|[,\]}]))/;
const NUMBER =
  /^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|\.inf|\.nan)(?=\s*(?:#|$|[,\]}]))/i;
const ATOM = /^(?:true|false|yes|no|on|off|null|~)(?=\s*(?:#|$|[,\]}]))/i;

const stickyCache = new Map();
function at(re, text, pos) {
  // Each pattern starts with `^`; the sticky copy anchors it at `pos` instead.
  // Keyed by text: a regex literal in a function is a new object on every call.
  const key = re.source + "/" + re.flags;
  let sticky = stickyCache.get(key);
  if (!sticky) stickyCache.set(key, (sticky = new RegExp(re.source.slice(1), re.flags + "y")));
  sticky.lastIndex = pos;
  const m = sticky.exec(text);
  return m ? m[0].length : 0;
}

/** Tokens of one line as [start, end, class]; `state` carries {block, flow} to the next line. */
function tokenizeLine(text, state, out) {
  let pos = 0;
  const indent = /^\s*/.exec(text)[0].length;
  if (state.block >= 0) {
    if (indent === text.length || indent > state.block) {
      if (text.length) out.push([0, text.length, "tok-block"]);
      return;
    }
    state.block = -1;
  }
  let value = false;
  let n;
  if ((n = at(/^(?:---|\.\.\.)(?=\s|$)/, text, 0))) {
    out.push([0, n, "tok-meta"]);
    pos = n;
  }
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === " " || ch === "\t") {
      pos++;
      continue;
    }
    const start = pos;
    let cls = null;
    if (ch === "#" && (pos === 0 || /\s/.test(text[pos - 1]))) {
      pos = text.length;
      cls = "tok-comment";
    } else if ((n = at(/^-(?=\s|$)/, text, pos))) {
      pos += n;
      cls = "tok-punct";
    } else if ((n = at(/^[&*][^\s,[\]{}]+/, text, pos))) {
      pos += n;
      cls = "tok-anchor";
    } else if ((n = at(/^![^\s,[\]{}]*/, text, pos))) {
      pos += n;
      cls = "tok-tag";
    } else if (!value && (n = at(state.flow ? FLOW_KEY : KEY, text, pos))) {
      pos += n;
      cls = "tok-key";
    } else if ((n = at(state.flow ? /^:(?=\s|$|[,\]}])/ : /^:(?=\s|$)/, text, pos))) {
      pos += n;
      value = true;
      cls = "tok-punct";
    } else if (ch === "[" || ch === "{") {
      pos++;
      state.flow++;
      value = false;
      cls = "tok-punct";
    } else if (ch === "]" || ch === "}") {
      pos++;
      state.flow = Math.max(0, state.flow - 1);
      cls = "tok-punct";
    } else if (ch === ",") {
      pos++;
      if (state.flow) value = false;
      cls = "tok-punct";
    } else if ((n = at(/^"(?:[^"\\]|\\.)*"?/, text, pos) || at(/^'(?:[^']|'')*'?/, text, pos))) {
      pos += n;
      cls = "tok-string";
    } else if ((n = at(/^[|>][-+0-9]*(?=\s*(?:#|$))/, text, pos))) {
      pos += n;
      state.block = indent;
      cls = "tok-meta";
    } else if ((n = at(NUMBER, text, pos) || at(ATOM, text, pos))) {
      pos += n;
      cls = "tok-atom";
    } else if ((n = at(/^\$\{[^}]*\}?/, text, pos))) {
      pos += n;
      cls = "tok-var";
    } else {
      // A plain scalar runs to a comment, an interpolation, or (in flow) a flow indicator.
      const stop = state.flow ? /\s#|\$\{|[,\]}]/g : /\s#|\$\{/g;
      stop.lastIndex = pos + 1;
      const m = stop.exec(text);
      pos = m ? m.index : text.length;
      while (pos > start + 1 && /\s/.test(text[pos - 1])) pos--;
      cls = "tok-value";
    }
    out.push([start, pos, cls]);
  }
}

const marks = new Map();
const mark = (cls) => marks.get(cls) ?? (marks.set(cls, Decoration.mark({ class: cls })), marks.get(cls));

function highlightDoc(view) {
  const builder = new RangeSetBuilder();
  const doc = view.state.doc;
  const end = view.viewport.to;
  const state = { block: -1, flow: 0 };
  const tokens = [];
  // Manifests are short: tokenize from the top so block scalars above the viewport are known.
  for (let i = 1; i <= doc.lines; i++) {
    const line = doc.line(i);
    if (line.from > end) break;
    tokens.length = 0;
    tokenizeLine(line.text, state, tokens);
    for (const [from, to, cls] of tokens) if (to > from) builder.add(line.from + from, line.from + to, mark(cls));
  }
  return builder.finish();
}

const yamlHighlighter = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = highlightDoc(view);
    }
    update(update) {
      if (update.docChanged || update.viewportChanged) this.decorations = highlightDoc(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

// ---------------------------------------------------------------------------------------------
// Editing commands that know YAML indentation.

const indentOf = (text) => /^\s*/.exec(text)[0].length;

/** Enter: keep the line's indentation, one level deeper after `key:` / `key: |`, and after `- `. */
function insertNewline(view) {
  const { state } = view;
  const tr = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from);
    const before = line.text.slice(0, range.from - line.from);
    const code = before.replace(/\s+#.*$/, "").replace(/\s+$/, "");
    let indent = indentOf(before.trim() ? before : line.text);
    if (/^\s*- /.test(code) || code.trim() === "-") indent += INDENT;
    if (/:(?:\s*[|>][-+0-9]*)?$/.test(code)) indent += INDENT;
    const insert = "\n" + " ".repeat(indent);
    // Drop trailing spaces left behind on the line being split.
    const from = line.from + before.replace(/\s+$/, "").length;
    const cut = before.trim() ? from : range.from;
    return {
      changes: { from: cut, to: range.to, insert },
      range: EditorSelection.cursor(cut + insert.length),
    };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input" }));
  return true;
}

/** Backspace: in leading whitespace remove back to the previous indent stop, else one character. */
function deleteBackward(view) {
  const { state } = view;
  if (state.readOnly) return false;
  const tr = state.changeByRange((range) => {
    if (!range.empty) return { changes: { from: range.from, to: range.to }, range: EditorSelection.cursor(range.from) };
    const pos = range.head;
    if (pos === 0) return { range };
    const line = state.doc.lineAt(pos);
    const before = line.text.slice(0, pos - line.from);
    let target;
    if (pos === line.from) target = pos - 1;
    else if (/^ +$/.test(before)) target = pos - (before.length % INDENT || INDENT);
    else target = line.from + findClusterBreak(line.text, pos - line.from, false);
    return { changes: { from: target, to: pos }, range: EditorSelection.cursor(target) };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: "delete.backward" }));
  return true;
}

/** Delete: the selection or the next character. */
function deleteForward(view) {
  const { state } = view;
  if (state.readOnly) return false;
  const tr = state.changeByRange((range) => {
    if (!range.empty) return { changes: { from: range.from, to: range.to }, range: EditorSelection.cursor(range.from) };
    const pos = range.head;
    if (pos === state.doc.length) return { range };
    const line = state.doc.lineAt(pos);
    const target = pos === line.to ? pos + 1 : line.from + findClusterBreak(line.text, pos - line.from, true);
    return { changes: { from: pos, to: target }, range: EditorSelection.cursor(pos) };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: "delete.forward" }));
  return true;
}

function selectedLines(state) {
  const lines = new Set();
  for (const r of state.selection.ranges) {
    const last = state.doc.lineAt(r.to > r.from && state.doc.lineAt(r.to).from === r.to ? r.to - 1 : r.to).number;
    for (let n = state.doc.lineAt(r.from).number; n <= last; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b).map((n) => state.doc.line(n));
}

/** Tab: indent the selected lines, or insert spaces to the next indent stop. */
function indentMore(view) {
  const { state } = view;
  if (state.selection.ranges.every((r) => r.empty)) {
    const tr = state.changeByRange((range) => {
      const col = range.head - state.doc.lineAt(range.head).from;
      const insert = " ".repeat(INDENT - (col % INDENT));
      return { changes: { from: range.head, insert }, range: EditorSelection.cursor(range.head + insert.length) };
    });
    view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input" }));
    return true;
  }
  const changes = selectedLines(state).map((l) => ({ from: l.from, insert: " ".repeat(INDENT) }));
  view.dispatch({ changes, userEvent: "input.indent" });
  return true;
}

/** Shift-Tab: unindent the selected lines by one level. */
function indentLess(view) {
  const changes = selectedLines(view.state)
    .map((l) => ({ from: l.from, to: l.from + Math.min(INDENT, indentOf(l.text)) }))
    .filter((c) => c.to > c.from);
  if (changes.length) view.dispatch({ changes, userEvent: "delete.dedent" });
  return true;
}

/** Mod-/: comment or uncomment the selected lines with `#`. */
function toggleComment(view) {
  const lines = selectedLines(view.state).filter((l) => l.text.trim());
  if (!lines.length) return false;
  const commented = lines.every((l) => /^\s*#/.test(l.text));
  const col = Math.min(...lines.map((l) => indentOf(l.text)));
  const changes = lines.map((l) => {
    if (!commented) return { from: l.from + col, insert: "# " };
    const i = indentOf(l.text);
    return { from: l.from + i, to: l.from + i + (l.text.slice(i, i + 2) === "# " ? 2 : 1) };
  });
  view.dispatch({ changes, userEvent: commented ? "delete.uncomment" : "input.comment" });
  return true;
}

const editingKeymap = [
  { key: "ArrowLeft", run: cursorCharLeft, shift: selectCharLeft, preventDefault: true },
  { key: "Mod-ArrowLeft", mac: "Alt-ArrowLeft", run: cursorGroupLeft, shift: selectGroupLeft, preventDefault: true },
  { mac: "Cmd-ArrowLeft", run: cursorLineBoundaryLeft, shift: selectLineBoundaryLeft, preventDefault: true },
  { key: "ArrowRight", run: cursorCharRight, shift: selectCharRight, preventDefault: true },
  { key: "Mod-ArrowRight", mac: "Alt-ArrowRight", run: cursorGroupRight, shift: selectGroupRight, preventDefault: true },
  { mac: "Cmd-ArrowRight", run: cursorLineBoundaryRight, shift: selectLineBoundaryRight, preventDefault: true },
  { key: "ArrowUp", run: cursorLineUp, shift: selectLineUp, preventDefault: true },
  { mac: "Cmd-ArrowUp", run: cursorDocStart, shift: selectDocStart },
  { key: "ArrowDown", run: cursorLineDown, shift: selectLineDown, preventDefault: true },
  { mac: "Cmd-ArrowDown", run: cursorDocEnd, shift: selectDocEnd },
  { key: "PageUp", run: cursorPageUp, shift: selectPageUp },
  { key: "PageDown", run: cursorPageDown, shift: selectPageDown },
  { key: "Home", run: cursorLineBoundaryBackward, shift: selectLineBoundaryBackward, preventDefault: true },
  { key: "Mod-Home", run: cursorDocStart, shift: selectDocStart },
  { key: "End", run: cursorLineBoundaryForward, shift: selectLineBoundaryForward, preventDefault: true },
  { key: "Mod-End", run: cursorDocEnd, shift: selectDocEnd },
  { key: "Enter", run: insertNewline, shift: insertNewline },
  { key: "Mod-a", run: selectAll },
  { key: "Backspace", run: deleteBackward, shift: deleteBackward, preventDefault: true },
  { key: "Delete", run: deleteForward, preventDefault: true },
  { key: "Mod-Backspace", mac: "Alt-Backspace", run: deleteGroupBackward, preventDefault: true },
  { key: "Mod-Delete", mac: "Alt-Delete", run: deleteGroupForward, preventDefault: true },
  { mac: "Mod-Backspace", run: deleteLineBoundaryBackward, preventDefault: true },
  { mac: "Mod-Delete", run: deleteLineBoundaryForward, preventDefault: true },
  { key: "Tab", run: indentMore, shift: indentLess },
  { key: "Mod-/", run: toggleComment },
];


// ---------------------------------------------------------------------------------------------
// Keys: the worker's schema answer (`setSchema`) carries the core's key tables (every key per
// workload type and for environment manifests: kind, doc, what Copilot enforces, values) and
// every rule's title and explanation. web/context.js finds what is under the cursor; nothing
// here knows a key.

let keys = null; // the core's `schema::schema_json()`
let rules = null; // {code: [title, explanation]}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; // always text, never markup
  return e;
}

/** Append `text` to `parent`, its backtick spans as <code>. */
function codeSpans(parent, text) {
  String(text).split("`").forEach((part, i) => parent.append(i % 2 ? el("code", null, part) : part));
  return parent;
}

/** Hover on a key: its path, how Copilot decodes it, and whether this workload type has it. */
const keyHover = hoverTooltip((view, pos) => {
  if (!keys || current === null) return null;
  const cx = contextAt(keys, current, view.state.doc.toString(), pos);
  if (cx.position !== "key") return null;
  const manifests = cx.document ? `${cx.document} manifests` : "every workload type's manifests";
  return {
    pos: cx.span[0],
    end: cx.span[1],
    above: true,
    create() {
      const dom = el("div", "cm-key-info");
      dom.append(el("code", "cm-key-path", cx.path));
      if (cx.status === "known") {
        // The doc says more than the kind's words when there is one (`string or list of strings`).
        dom.append(codeSpans(el("div", null), `${cx.doc || cx.kind_words || cx.kind}: a key of ${manifests}`));
        if (cx.required) dom.append(el("div", "cm-key-required", `required: ${cx.required}`));
        // What Copilot enforces on it (the key tables' rules column), `code` spans kept as code.
        if (cx.note && cx.note !== cx.doc) dom.append(codeSpans(el("div", "cm-key-note"), cx.note));
      } else if (cx.status === "user") {
        dom.append(el("div", null, cx.kind_words ? `A name you choose: ${cx.kind_words}` : "A name you choose"));
      } else if (cx.status === "unknown") {
        const text = cx.document
          ? `Not a key of ${cx.document} manifests: Copilot ignores it.`
          : "Not a key every workload type has: which keys exist depends on `type:`.";
        dom.append(el("div", "cm-key-unknown", text));
      }
      return { dom };
    },
  };
});

/** What a diagnostic's tooltip shows: message, Copilot's error, help, and the rule's explanation. */
function renderDiagnostic(d) {
  return () => {
    const dom = el("div", "cm-diagnostic-body");
    dom.append(el("div", "cm-diagnostic-message", String(d.message ?? "")));
    if (d.copilot_error) dom.append(el("div", "cm-diagnostic-copilot", `Copilot: ${d.copilot_error}`));
    if (d.help) dom.append(el("div", "cm-diagnostic-help", `help: ${d.help}`));
    const rule = rules?.[d.code];
    if (rule) {
      const r = el("div", "cm-diagnostic-rule");
      r.append(el("strong", null, `${d.code}: ${rule[0]}. `), el("span", null, rule[1]));
      dom.append(r);
    }
    return dom;
  };
}

// Completion: a small listbox tooltip (@codemirror/autocomplete would pull @codemirror/language
// and lezer: 14 KB gzip). Keys valid where a key is being typed, for the document's workload
// type; values the core's tables list for the key whose value is being typed.
const setCompletion = StateEffect.define();

function complete(doc, head, explicit) {
  if (!keys || current === null) return null;
  const c = completionsAt(keys, current, doc.toString(), head, explicit);
  return c ? { ...c, selected: 0 } : null;
}

const completionField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setCompletion)) return e.value;
    if (tr.docChanged && tr.isUserEvent("input.type"))
      return complete(tr.newDoc, tr.newSelection.main.head, false);
    if (tr.docChanged || tr.selection) return null;
    return value;
  },
  provide: (f) =>
    showTooltip.from(f, (v) =>
      v
        ? {
            pos: v.from,
            create(view) {
              const dom = el("ul", "cm-completions");
              dom.setAttribute("role", "listbox");
              dom.setAttribute("aria-label", "Completions");
              v.options.forEach((o, i) => {
                const li = el("li", "cm-completion");
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", String(i === v.selected));
                li.append(el("span", "cm-completion-label", o.label));
                if (o.detail) li.append(el("span", "cm-completion-detail", o.detail));
                li.addEventListener("mousedown", (e) => {
                  e.preventDefault();
                  accept(view, i);
                });
                dom.append(li);
              });
              return { dom };
            },
          }
        : null,
    ),
});

function accept(view, index) {
  const v = view.state.field(completionField, false);
  if (!v) return false;
  const o = v.options[index ?? v.selected];
  const head = view.state.selection.main.head;
  view.dispatch({
    changes: { from: v.from, to: head, insert: o.insert },
    selection: { anchor: v.from + o.insert.length },
    effects: setCompletion.of(null),
    userEvent: "input.complete",
  });
  return true;
}

function move(by) {
  return (view) => {
    const v = view.state.field(completionField, false);
    if (!v) return false;
    const n = v.options.length;
    view.dispatch({ effects: setCompletion.of({ ...v, selected: (v.selected + by + n) % n }) });
    return true;
  };
}

const completionKeymap = Prec.highest(
  keymap.of([
    { key: "ArrowDown", run: move(1) },
    { key: "ArrowUp", run: move(-1) },
    { key: "Enter", run: (view) => accept(view) },
    { key: "Tab", run: (view) => accept(view) },
    {
      key: "Escape",
      run: (view) => {
        if (!view.state.field(completionField, false)) return false;
        view.dispatch({ effects: setCompletion.of(null) });
        return true;
      },
    },
    {
      key: "Ctrl-Space",
      run: (view) => {
        const v = complete(view.state.doc, view.state.selection.main.head, true);
        view.dispatch({ effects: setCompletion.of(v) });
        return true;
      },
    },
  ]),
);

// ---------------------------------------------------------------------------------------------
// The view.

// Colours come from CSS variables (web/style.css), so light and dark themes need no second bundle.
const theme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--editor-bg)", color: "var(--fg)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)" },
  ".cm-gutters": {
    backgroundColor: "var(--editor-gutter)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-key-info, .cm-diagnostic-body": { padding: "4px 8px", maxWidth: "36rem", fontFamily: "var(--sans)" },
  ".cm-key-path": { fontWeight: "600" },
  ".cm-key-unknown": { color: "var(--warning)" },
  ".cm-key-note, .cm-key-required": { marginTop: "4px", color: "var(--muted)" },
  ".cm-diagnostic-copilot": { fontFamily: "var(--mono)", fontSize: "0.85em", color: "var(--muted)" },
  ".cm-diagnostic-help, .cm-diagnostic-rule": { marginTop: "4px", color: "var(--muted)" },
  ".cm-completions": { listStyle: "none", margin: 0, padding: "2px 0", maxHeight: "14rem", overflowY: "auto", fontFamily: "var(--mono)" },
  ".cm-completion": { padding: "1px 8px", display: "flex", gap: "1rem", justifyContent: "space-between", cursor: "pointer" },
  ".cm-completion[aria-selected=true]": { background: "var(--accent-soft)" },
  ".cm-completion-detail": { color: "var(--muted)", fontFamily: "var(--sans)", fontSize: "0.85em" },
  ".tok-key": { color: "var(--syn-key)" },
  ".tok-value, .tok-block": { color: "var(--syn-string)" },
  ".tok-string": { color: "var(--syn-string)" },
  ".tok-atom": { color: "var(--syn-atom)" },
  ".tok-comment": { color: "var(--syn-comment)", fontStyle: "italic" },
  ".tok-meta, .tok-anchor, .tok-tag": { color: "var(--syn-meta)" },
  ".tok-var": { color: "var(--syn-meta)", fontWeight: "600" },
  ".tok-punct": { color: "var(--syn-punct)" },
  ".cm-prov-source, .cm-prov-target": { backgroundColor: "var(--accent-soft)", boxShadow: "inset 3px 0 var(--accent)" },
});

let view = null;
let onChange = null;
let current = null; // path of the file the view shows

// The CloudFormation pane, linked to this editor through provenance (web/cfn.js).
const cfn = createCfn(() => (view && current !== null ? { view, path: current } : null), [yamlHighlighter, theme, highlightSpecialChars()]);
const states = new Map(); // path -> EditorState of files not currently shown
const diagnostics = new Map(); // path -> Report diagnostics (raw, 1-based UTF-16 positions)

function extensions() {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    highlightActiveLine(),
    EditorState.tabSize.of(INDENT),
    keymap.of([...historyKeymap, ...lintKeymap, ...editingKeymap]),
    yamlHighlighter,
    lintGutter(),
    keyHover,
    completionField,
    completionKeymap,
    theme,
    // The path is read when needed, not captured: a renamed file keeps its state.
    EditorView.contentAttributes.of(() => ({ "aria-label": `Contents of ${current}`, spellcheck: "false" })),
    cfn.sourceLines,
    EditorView.updateListener.of((update) => {
      if (update.selectionSet || update.docChanged) cfn.mainMoved();
      if (!update.docChanged || !onChange || current === null) return;
      // A paste is analysed at once; typing is debounced by the app.
      const paste = update.transactions.some((tr) => tr.isUserEvent("input.paste") || tr.isUserEvent("input.drop"));
      onChange(current, update.state.doc.toString(), paste);
    }),
  ];
}

function clamp(n, lo, hi) {
  return Math.min(Math.max(n, lo), hi);
}

// 1-based line and UTF-16 column → document offset, clamped into the document and the line.
function offset(doc, line, column) {
  const l = doc.line(clamp(Number.isFinite(line) ? Math.trunc(line) : 1, 1, doc.lines));
  const col = Number.isFinite(column) ? Math.trunc(column) : 1;
  return clamp(l.from + col - 1, l.from, l.to);
}

function range(doc, d) {
  let from = offset(doc, d.line, d.column);
  let to = offset(doc, d.end_line ?? d.line, d.end_column ?? d.column);
  if (to < from) [from, to] = [to, from];
  return { from, to };
}

function toCodeMirror(doc, list) {
  return list.map((d) => {
    let { from, to } = range(doc, d);
    // An empty range would only show as a point: underline the character there instead.
    if (from === to) {
      const line = doc.lineAt(from);
      if (to < line.to) to = from + 1;
      else if (from > line.from) from = to - 1;
    }
    const severity = d.severity === "warning" || d.severity === "info" ? d.severity : "error";
    let message = String(d.message ?? "");
    if (d.copilot_error) message += `\nCopilot: ${d.copilot_error}`;
    if (d.help) message += `\nhelp: ${d.help}`;
    return { from, to, severity, message, source: d.code || undefined, renderMessage: renderDiagnostic(d) };
  });
}

function applyDiagnostics() {
  if (!view || current === null) return;
  const list = diagnostics.get(current) ?? [];
  view.dispatch(cmSetDiagnostics(view.state, toCodeMirror(view.state.doc, list)));
}

/** Create the single EditorView inside `parent`. `callback(path, text, paste)` gets every edit. */
export function mount(parent, callback) {
  onChange = callback;
  if (view) return;
  view = new EditorView({ parent, state: EditorState.create({ doc: "" }) });
}

/** Show `path`; `text` is its initial content, used only the first time the file is opened. */
export function open(path, text) {
  if (!view) return;
  if (path === current) return;
  if (current !== null) states.set(current, view.state);
  let state = states.get(path);
  if (!state) state = EditorState.create({ doc: text, extensions: extensions() });
  states.delete(path);
  current = path;
  view.setState(state);
  applyDiagnostics();
  cfn.mainMoved();
}

/**
 * Replace all diagnostics. `json` is an array of Report diagnostics: {file, line, column,
 * end_line, end_column (1-based, UTF-16), severity, message, code, copilot_error, help}.
 */
export function setDiagnostics(json) {
  let list = [];
  try {
    list = JSON.parse(json);
  } catch {
    list = [];
  }
  diagnostics.clear();
  for (const d of Array.isArray(list) ? list : []) {
    if (!d || typeof d.file !== "string") continue;
    if (!diagnostics.has(d.file)) diagnostics.set(d.file, []);
    diagnostics.get(d.file).push(d);
  }
  applyDiagnostics();
}

/** Select a 1-based UTF-16 range in the file shown, scroll to it and focus the editor. */
export function reveal(line, column, endLine, endColumn) {
  if (!view) return;
  const { from, to } = range(view.state.doc, { line, column, end_line: endLine, end_column: endColumn });
  view.dispatch({
    selection: { anchor: from, head: to },
    effects: EditorView.scrollIntoView(from, { y: "center" }),
  });
  view.focus();
}

/** Replace the whole text of `path` as one undoable change (a rename of `name:`, the app name). */
export function replace(path, text) {
  const state = path === current ? view?.state : states.get(path);
  if (!state || state.doc.toString() === text) return;
  const spec = { changes: { from: 0, to: state.doc.length, insert: text }, userEvent: "input.replace" };
  if (path === current) view.dispatch(spec);
  else states.set(path, state.update(spec).state);
}

/** The file at `from` is now at `to`: it keeps its state, undo history included. */
export function rename(from, to) {
  if (from === current) current = to;
  else if (states.has(from)) {
    states.set(to, states.get(from));
    states.delete(from);
  }
  if (diagnostics.has(from)) {
    diagnostics.set(to, diagnostics.get(from));
    diagnostics.delete(from);
  }
}

/** Forget `path` (deleted). If it is shown, the app opens another file next. */
export function close(path) {
  states.delete(path);
  diagnostics.delete(path);
  if (path === current) current = null;
}

/** The key and rule tables (the worker's schema answer, JSON `{schema, rules}`). */
export function setSchema(json) {
  try {
    const data = JSON.parse(json);
    keys = data?.schema ?? null;
    rules = data?.rules ?? null;
  } catch {
    keys = null;
    rules = null;
  }
}

export function focus() {
  view?.focus();
}

/** The text of the file shown (for tests and debugging). */
export function text() {
  return view ? view.state.doc.toString() : "";
}

/** Show the CloudFormation pane's read-only view in `parent`; `onSource(file, line)` opens a source. */
export function mountCfn(parent, onSource) {
  cfn.attach(parent, onSource);
}

/** The pane's text and its provenance map, JSON `[[generatedLine, file, startLine, endLine], …]`. */
export function setCfn(text, map) {
  cfn.set(text, map);
}

/** The CloudFormation pane's text (for tests). */
export function cfnText() {
  return cfn.text();
}
export { encodeHash, decodeHash, MAX_HASH_CHARS, MAX_PAYLOAD_BYTES } from "./share.js";
export { zipFiles, downloadZip, copyText } from "./zip.js";
