// <copilot-playground example="kudos" env="test" pane="endpoints" height="420px">: the playground
// in embed mode, in an iframe created only when the element comes near the viewport. Inline YAML
// (<script type="text/yaml" data-path="copilot/api/manifest.yml">, or bare text for one service
// manifest) travels as a #v1. share hash. `theme="light|dark"` sets the playground's theme (a
// change is posted to the iframe, which switches without reloading); `app` names the application
// when the YAML has no copilot/.workspace. The scripts may be wrapped in a <template>. Other
// children (a fallback for readers without JavaScript) are hidden once the element starts, and
// shown again when the page is printed. Bundled by esbuild (Trunk's pre_build hook) into
// dist/copilot-playground.js; the playground is looked up beside this script unless `src` says
// where it is. Attributes are only ever used as text, URL parameters or CSS lengths.

import { inlinePayload, unescapeYaml } from "./inline.js";
import { encodeHash } from "./share.js";

const me = document.currentScript || document.querySelector('script[src*="copilot-playground"]');
const BASE = new URL(".", me?.src || location.href).href;
const PANES = ["endpoints", "problems", "cloudformation", "effective", "console"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const THEMES = ["light", "dark"];

class CopilotPlayground extends HTMLElement {
  static get observedAttributes() {
    return ["theme"];
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const style = document.createElement("style");
      style.textContent =
        ":host{display:block;margin:1em 0}div,iframe{display:block;box-sizing:border-box;width:100%;border:1px solid #c8d1dc;border-radius:6px}" +
        "div{display:grid;place-items:center;color:#5b6675;font:14px system-ui,sans-serif}" +
        ":host([theme=dark]) div,:host([theme=dark]) iframe{border-color:#3b4557;color:#a9b4c4}" +
        "slot{display:none}@media print{div,iframe{display:none}slot{display:contents}}";
      const box = document.createElement("div");
      box.textContent = "Copilot manifest playground";
      box.style.height = this.height();
      // The light-DOM children (scripts, a fallback) show only in print, where an iframe cannot.
      this.attachShadow({ mode: "open" }).append(style, document.createElement("slot"), box);
    }
    if (this.loaded) return;
    this.io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.disconnectedCallback();
        this.load();
      },
      { rootMargin: "200px" },
    );
    this.io.observe(this);
  }

  disconnectedCallback() {
    this.io?.disconnect();
    this.io = null;
  }

  attributeChangedCallback() {
    const frame = this.shadowRoot?.querySelector("iframe");
    if (frame) this.postTheme(frame);
  }

  /** Tell the playground in `frame` the current theme (index.html listens; no reload). */
  postTheme(frame) {
    const theme = this.attr("theme");
    const target = new URL(frame.src).origin;
    frame.contentWindow?.postMessage({ copilotPlaygroundTheme: THEMES.includes(theme) ? theme : "system" }, target);
  }

  attr(name) {
    return (this.getAttribute(name) || "").trim();
  }

  height() {
    const h = this.attr("height");
    return /^\d+(\.\d+)?$/.test(h) ? h + "px" : h && CSS.supports("height", h) ? h : "420px";
  }

  async load() {
    this.loaded = true;
    // The children (the inline YAML) are all there once the document is parsed.
    if (document.readyState === "loading")
      await new Promise((ok) => document.addEventListener("DOMContentLoaded", ok, { once: true }));
    const example = this.attr("example");
    const env = NAME.test(this.attr("env")) ? this.attr("env") : "";
    const pane = this.attr("pane");
    const url = new URL(this.attr("src") || BASE + "index.html", document.baseURI);
    const q = url.searchParams;
    q.set("embed", "1");
    q.set("pane", PANES.includes(pane) ? pane : "endpoints");
    if (NAME.test(example)) q.set("example", example);
    if (env) q.set("env", env);
    const theme = this.attr("theme");
    if (THEMES.includes(theme)) q.set("theme", theme);

    const parts = [];
    let bare = "";
    // Scripts may sit in a <template> (as the MkDocs plugin writes them): Material's instant
    // navigation re-creates every <script> of the page without its type, running the YAML as
    // JavaScript; it cannot see into a template's content.
    const nodes = [...this.childNodes].flatMap((n) => (n.localName === "template" ? [...n.content.childNodes] : [n]));
    for (const node of nodes) {
      if (node.nodeType === Node.TEXT_NODE) bare += node.data;
      else if (node.matches?.('script[type="text/yaml"]')) {
        const path = node.dataset.path?.trim();
        const text = unescapeYaml(node.textContent, node.hasAttribute("data-escaped"));
        if (path) parts.push({ path, text });
        else bare += text;
      }
    }
    parts.push({ path: null, text: bare });
    const app = this.attr("app");
    const payload = inlinePayload(parts, env || "test", NAME.test(app) ? app : "docs");
    if (payload) {
      try {
        url.hash = await encodeHash(JSON.stringify(payload));
      } catch {
        // Too large for a link: the example (or the default one) opens instead.
      }
    }

    const frame = document.createElement("iframe");
    frame.title = payload
      ? "Copilot manifest playground: this page's example"
      : `Copilot manifest playground: the ${example || "default"} example`;
    frame.allow = "clipboard-write";
    frame.style.height = this.height();
    frame.src = url.href;
    // The theme may have changed while the playground loaded (its listener is there by `load`).
    frame.addEventListener("load", () => this.hasAttribute("theme") && this.postTheme(frame));
    this.shadowRoot.lastChild.replaceWith(frame);
  }
}

if (!customElements.get("copilot-playground")) customElements.define("copilot-playground", CopilotPlayground);
