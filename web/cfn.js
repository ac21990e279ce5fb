// The CloudFormation pane: a read-only CodeMirror view of the fragments Copilot would generate,
// linked to the manifest editor through the Report's provenance, both ways: a cursor on a
// generated line marks the manifest lines behind it (and lists them, also from other files), a
// cursor on a manifest line marks every generated line it produced.
//
// The app (Rust) builds the text and the line map; this module only shows and links them.

import { EditorView, Decoration, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { EditorState, StateEffect, StateField } from "@codemirror/state";

/** Replace a view's marked lines: an array of 1-based line numbers. */
const setLines = StateEffect.define();

function linesField(cls) {
  const mark = Decoration.line({ class: cls });
  return StateField.define({
    create: () => Decoration.none,
    update(deco, tr) {
      deco = deco.map(tr.changes);
      for (const e of tr.effects) {
        if (!e.is(setLines)) continue;
        const doc = tr.state.doc;
        const lines = [...new Set(e.value)].filter((n) => n >= 1 && n <= doc.lines).sort((a, b) => a - b);
        deco = Decoration.set(lines.map((n) => mark.range(doc.line(n).from)));
      }
      return deco;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}

/** The manifest editor's marks: lines behind the generated line under the pane's cursor. */
export const sourceLines = linesField("cm-prov-source");
const targetLines = linesField("cm-prov-target");

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; // always text, never markup
  return e;
}

/**
 * The pane's controller. `main()` returns `{ view, path }` of the manifest editor (or null);
 * `look` is the extensions shared with it (highlighting, theme).
 */
export function createCfn(main, look) {
  let view = null;
  let footer = null;
  let onSource = null;
  // [cfnLine, file, startLine, endLine] rows, 1-based.
  let map = [];

  const rowsAt = (line) => map.filter((r) => r[0] === line);

  function showSources(rows) {
    if (!footer) return;
    footer.replaceChildren();
    if (!rows) return;
    if (!rows.length) {
      footer.append(el("span", "cm-cfn-none", "No manifest line behind this line: Copilot writes it for every service."));
      return;
    }
    footer.append(el("span", null, "From "));
    for (const [, file, start, end] of rows) {
      const b = el("button", "cm-cfn-source link-button", end > start ? `${file}:${start}–${end}` : `${file}:${start}`);
      b.type = "button";
      b.addEventListener("click", () => onSource?.(file, start));
      footer.append(b, " ");
    }
  }

  /** The pane's cursor moved: mark the manifest lines behind the line it is on. */
  function paneMoved(state) {
    const line = state.doc.lineAt(state.selection.main.head).number;
    const rows = rowsAt(line);
    showSources(rows);
    const m = main();
    if (!m) return;
    const lines = [];
    for (const [, file, start, end] of rows) if (file === m.path) for (let n = start; n <= end; n++) lines.push(n);
    m.view.dispatch({ effects: setLines.of(lines) });
    if (lines.length) m.view.dispatch({ effects: EditorView.scrollIntoView(m.view.state.doc.line(Math.min(lines[0], m.view.state.doc.lines)).from, { y: "nearest" }) });
  }

  /** The manifest editor's cursor moved (or its file changed): mark what its line produced. */
  function mainMoved() {
    if (!view) return;
    const m = main();
    let lines = [];
    if (m) {
      const line = m.view.state.doc.lineAt(m.view.state.selection.main.head).number;
      lines = map.filter((r) => r[1] === m.path && r[2] <= line && line <= r[3]).map((r) => r[0]);
    }
    const effects = [setLines.of(lines)];
    if (lines.length) effects.push(EditorView.scrollIntoView(view.state.doc.line(Math.min(...lines)).from, { y: "nearest" }));
    view.dispatch({ effects });
  }

  function create(doc) {
    return EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        EditorState.readOnly.of(true),
        targetLines,
        ...look,
        EditorView.contentAttributes.of({ "aria-label": "Generated CloudFormation (read-only)" }),
        EditorView.updateListener.of((u) => {
          if (u.selectionSet) paneMoved(u.state);
        }),
      ],
    });
  }

  return {
    sourceLines,
    mainMoved,
    /** Show the pane's view inside `parent` (again after the pane was closed and reopened). */
    attach(parent, callback) {
      onSource = callback;
      if (!view) {
        view = new EditorView({ state: create("") });
        footer = el("div", "cm-cfn-sources");
        footer.setAttribute("aria-live", "polite");
      }
      if (view.dom.parentNode !== parent) parent.replaceChildren(view.dom, footer);
    },
    /** New text and line map (JSON `[[cfnLine, file, startLine, endLine], …]`). */
    set(text, mapJson) {
      try {
        const rows = JSON.parse(mapJson);
        map = Array.isArray(rows) ? rows.filter((r) => Array.isArray(r) && r.length === 4) : [];
      } catch {
        map = [];
      }
      if (!view) return;
      if (view.state.doc.toString() !== text) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
        showSources(null);
      }
      mainMoved();
    },
    text: () => (view ? view.state.doc.toString() : ""),
  };
}
