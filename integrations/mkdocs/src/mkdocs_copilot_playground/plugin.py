"""The MkDocs plugin: ``copilot-playground`` fences become live playgrounds.

``on_page_markdown`` finds the fences (with their page lines, for error messages), checks them,
and puts in their place the files as ordinary ``yaml`` code blocks between two marker
paragraphs, so the site's own highlighter (Material's, with titles) renders the fallback.
``on_page_content`` wraps each marked fallback into ``<copilot-playground>`` with one
``<script type="text/yaml">`` per file, and adds the component's script (and the palette glue)
to pages that have a playground. Why this and not a superfences custom fence: see
docs/design-notes.md, "MkDocs plugin".
"""

from __future__ import annotations

import re
import secrets

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .fence import FenceError, fallback_markdown, find_fences, parse, render_element

log = get_plugin_logger("copilot-playground")

#: Follows Material's palette: the body's `data-md-color-scheme` (its computed `color-scheme`,
#: so custom schemes that declare one work too) becomes each playground's `theme` attribute.
#: Runs again after Material's instant navigation (it re-runs scripts in the content); one
#: observer per page life.
THEME_GLUE = (
    "(function(){var b=document.body;function sync(){if(!b.hasAttribute('data-md-color-scheme'))return;"
    "var t=/dark/.test(getComputedStyle(b).colorScheme||'')||b.getAttribute('data-md-color-scheme')==='slate'?'dark':'light';"
    "document.querySelectorAll('copilot-playground').forEach(function(e){e.setAttribute('theme',t)})}"
    "sync();if(!window.__copilotPlaygroundPalette){window.__copilotPlaygroundPalette=1;"
    "new MutationObserver(sync).observe(b,{attributes:true,attributeFilter:['data-md-color-scheme']})}})();"
)


class CopilotPlaygroundConfig(base.Config):
    #: Where the playground's dist/ is served: the URL of its copilot-playground.js.
    script = c.Type(str)


class CopilotPlaygroundPlugin(BasePlugin[CopilotPlaygroundConfig]):
    def __init__(self):
        super().__init__()
        self._nonce = secrets.token_hex(6)
        self._pending: dict[str, list] = {}
        self._titles = True

    def on_config(self, config):
        script = (self.config.script or "").strip()
        if not script:
            raise PluginError("copilot-playground: set `script` to the URL of copilot-playground.js")
        self.config.script = script
        self._titles = "pymdownx.superfences" in config.markdown_extensions
        return config

    def _token(self, n: int, which: str) -> str:
        return f"COPILOTPLAYGROUND{self._nonce}X{n}X{which}"

    def on_page_markdown(self, markdown, page, config, files):
        src = page.file.src_uri
        self._pending.pop(src, None)
        source = page.file.content_string if hasattr(page.file, "content_string") else markdown
        # Front matter is gone from `markdown`; count its lines so errors name the file's line.
        offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        lines = markdown.split("\n")
        fences, errors = find_fences(lines)
        good = []
        for fence in fences:
            try:
                good.append(parse(fence))
            except FenceError as e:
                errors.append(e)
        for e in errors:
            log.warning("%s:%d: %s", src, e.line + offset, e.message)
        if not good:
            return markdown
        for n, fence in reversed(list(enumerate(good))):
            body = [self._token(n, "START"), ""] + fallback_markdown(fence, self._titles) + [self._token(n, "END")]
            block = ["" if not t else fence.indent + t for t in body]
            lines[fence.start : fence.end + 1] = ["", *block, ""]
        self._pending[src] = good
        return "\n".join(lines)

    def on_page_content(self, html, page, config, files):
        fences = self._pending.pop(page.file.src_uri, [])
        for n, fence in enumerate(fences):
            start, end = self._token(n, "START"), self._token(n, "END")
            pattern = re.compile(rf"(?:<p>)?{start}(?:</p>)?(?P<inner>.*?)(?:<p>)?{end}(?:</p>)?", re.S)
            html, count = pattern.subn(lambda m, f=fence: render_element(f, m["inner"].strip()), html, count=1)
            if not count:
                log.warning("%s:%d: the copilot-playground fence was lost in rendering", page.file.src_uri, fence.line)
        if "<copilot-playground" not in html:
            return html
        script = self.config.script.replace("&", "&amp;").replace('"', "&quot;")
        return f'{html}\n<script src="{script}" defer></script>\n<script>{THEME_GLUE}</script>\n'
