"""The ``copilot-playground`` fence: finding it in Markdown, reading it, writing the element.

Pure functions, no MkDocs import, so the tests exercise them directly.

A fence::

    ```copilot-playground pane="endpoints" env="test"
    # copilot/api/manifest.yml
    name: api
    type: Backend Service
    ---
    # copilot/environments/test/manifest.yml
    name: test
    type: Environment
    ```

The info string carries the web component's attributes; the body is one or more YAML documents
(separated by ``---`` lines), each starting with a comment naming its path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

LANGUAGE = "copilot-playground"

#: The web component's attributes a fence may set, in the order they are written.
ATTRIBUTES = ("pane", "env", "example", "app", "height")
PANES = ("endpoints", "problems", "cloudformation", "effective", "console")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
HEIGHT = re.compile(r"\d+(?:\.\d+)?(?:px|em|rem|vh|svh|lvh|dvh|ex|ch|lh)?\Z")
#: The files a Copilot workspace has: the workspace file, service and environment manifests.
PATH = re.compile(
    r"copilot/(?:\.workspace"
    r"|environments/[A-Za-z0-9][A-Za-z0-9_-]*/manifest\.ya?ml"
    r"|[A-Za-z0-9][A-Za-z0-9_-]*/manifest\.ya?ml)\Z"
)
PATH_FORMS = "copilot/<service>/manifest.yml, copilot/environments/<env>/manifest.yml or copilot/.workspace"

_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)\Z")
_OPTION = re.compile(
    r"""[ \t]*(?P<key>[A-Za-z][A-Za-z0-9_-]*)(?:=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=]+)))?(?=[ \t]|\Z)"""
)
_DOC_MARKER = re.compile(r"---[ \t]*\Z")
_PATH_COMMENT = re.compile(r"#[ \t]*(?P<path>\S.*?)[ \t]*\Z")


class FenceError(Exception):
    """A fence that cannot become a playground; ``line`` is 1-based within the page."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class File:
    path: str
    text: str
    #: 1-based line of the path comment in the page.
    line: int


@dataclass
class Fence:
    """One ``copilot-playground`` code block found in a page."""

    #: 0-based index of the opening and closing lines in the page's lines (end inclusive).
    start: int
    end: int
    indent: str
    info: str
    body: list[str]
    attrs: dict[str, str] = field(default_factory=dict)
    files: list[File] = field(default_factory=list)

    @property
    def line(self) -> int:
        """1-based line of the opening fence."""
        return self.start + 1


def find_fences(lines: list[str]) -> tuple[list[Fence], list[FenceError]]:
    """Every ``copilot-playground`` fence in ``lines`` (a page split on newlines).

    Other fenced code blocks are skipped whole, so a page that shows a fence inside a longer
    fence (as documentation does) is left alone. Fences may be indented (admonitions, content
    tabs, lists): the body lines lose the opening line's indentation.
    """
    fences: list[Fence] = []
    errors: list[FenceError] = []
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        indent, marker, info = m["indent"], m["fence"], m["info"].strip()
        end = _closing(lines, i + 1, marker)
        ours = info == LANGUAGE or info.startswith(LANGUAGE + " ") or info.startswith(LANGUAGE + "\t")
        if ours:
            if end is None:
                errors.append(FenceError(i + 1, f"the {LANGUAGE} fence is not closed (no {marker} line)"))
                return fences, errors
            body = [_dedent_line(line, indent) for line in lines[i + 1 : end]]
            fences.append(Fence(i, end, indent, info[len(LANGUAGE) :].strip(), body))
        i = len(lines) if end is None else end + 1
    return fences, errors


def _closing(lines: list[str], start: int, marker: str) -> int | None:
    for j in range(start, len(lines)):
        s = lines[j].strip()
        if len(s) >= len(marker) and s == marker[0] * len(s):
            return j
    return None


def _dedent_line(line: str, indent: str) -> str:
    if line.startswith(indent):
        return line[len(indent) :]
    return line.lstrip(" \t")


def parse(fence: Fence) -> Fence:
    """Fill ``fence.attrs`` and ``fence.files``; raises FenceError naming the page line."""
    fence.attrs = parse_info(fence.info, fence.line)
    fence.files = parse_body(fence.body, fence.line + 1)
    if not fence.files and "example" not in fence.attrs:
        raise FenceError(
            fence.line,
            f"the {LANGUAGE} fence has no file: start each file with a comment naming its path "
            "(# copilot/api/manifest.yml), or name one of the playground's examples (example=\"kudos\")",
        )
    if "app" in fence.attrs and any(f.path == "copilot/.workspace" for f in fence.files):
        raise FenceError(fence.line, "give the application either as app=… or as copilot/.workspace, not both")
    return fence


def parse_info(info: str, line: int) -> dict[str, str]:
    """The attributes of the info string (after the language); every value is checked."""
    attrs: dict[str, str] = {}
    pos = 0
    while pos < len(info):
        m = _OPTION.match(info, pos)
        if not m or m.end() == pos:
            raise FenceError(line, f"cannot read the fence's attributes at `{info[pos:]}`")
        pos = m.end()
        key = m["key"]
        value = next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), None)
        if key not in ATTRIBUTES:
            raise FenceError(line, f"unknown attribute `{key}` (a fence takes {', '.join(ATTRIBUTES)})")
        if value is None:
            raise FenceError(line, f'attribute `{key}` needs a value ({key}="…")')
        if key in attrs:
            raise FenceError(line, f"attribute `{key}` is given twice")
        attrs[key] = _check_value(key, value.strip(), line)
    return attrs


def _check_value(key: str, value: str, line: int) -> str:
    if key == "pane" and value not in PANES:
        raise FenceError(line, f"pane=\"{value}\" is not a pane (one of {', '.join(PANES)})")
    if key in ("env", "example", "app") and not NAME.match(value):
        raise FenceError(line, f"{key}=\"{value}\" is not a name (letters, digits, - and _)")
    if key == "height" and not HEIGHT.match(value):
        raise FenceError(line, f"height=\"{value}\" is not a number of pixels or a CSS length such as 480px or 30em")
    return value


def parse_body(body: list[str], first_line: int) -> list[File]:
    """Split the body into files at ``---`` lines; each starts with ``# <path>``."""
    files: list[File] = []
    docs: list[tuple[int, list[str]]] = [(first_line, [])]
    for n, text in enumerate(body):
        if _DOC_MARKER.match(text):
            docs.append((first_line + n + 1, []))
        else:
            docs[-1][1].append(text)
    for k, (start, lines) in enumerate(docs):
        first = next((n for n, t in enumerate(lines) if t.strip()), None)
        if first is None:
            if k == 0 and len(docs) > 1:
                continue  # the body starts with `---`
            if k == 0:
                break  # an empty fence (an example by name)
            raise FenceError(start, "an empty document between `---` lines: every file needs a path comment and YAML")
        m = _PATH_COMMENT.match(lines[first].strip())
        where = start + first
        if not m:
            raise FenceError(
                where,
                f"this file does not start with a comment naming its path (# copilot/api/manifest.yml); found `{lines[first].strip()}`",
            )
        path = m["path"]
        if not PATH.match(path):
            raise FenceError(where, f"`{path}` is not a Copilot manifest path ({PATH_FORMS})")
        if any(f.path == path for f in files):
            raise FenceError(where, f"`{path}` is given twice")
        rest = lines[first + 1 :]
        while rest and not rest[-1].strip():
            rest.pop()
        while rest and not rest[0].strip():
            rest.pop(0)
        files.append(File(path, "".join(t + "\n" for t in rest), where))
    return files


def escape_script_text(text: str) -> tuple[str, bool]:
    """Text safe inside ``<script type="text/yaml">``, and whether it had to be escaped.

    The HTML parser ends a script at ``</script`` and changes state at ``<!--``/``<script``;
    all of them start with ``<``. YAML without ``<`` is written as it is (readable page source).
    Otherwise ``\\`` becomes ``\\\\`` and ``<`` becomes ``\\x3c``, and the script gets
    ``data-escaped``; the web component (``unescapeYaml`` in ``web/inline.js``) reverses it.
    """
    if "<" not in text:
        return text, False
    return text.replace("\\", "\\\\").replace("<", "\\x3c"), True


def render_element(fence: Fence, fallback_html: str) -> str:
    """The ``<copilot-playground>`` element: one script per file, then the fallback.

    The scripts are wrapped in a ``<template>``: Material's instant navigation re-creates every
    ``<script>`` of the new page's content without its attributes, so a bare ``text/yaml``
    script would run as JavaScript; a template's content is out of its reach.
    """
    attrs = "".join(f' {k}="{html.escape(fence.attrs[k])}"' for k in ATTRIBUTES if k in fence.attrs)
    out = [f"<copilot-playground{attrs}>"]
    if fence.files:
        out.append("<template>")
    for f in fence.files:
        text, escaped = escape_script_text(f.text)
        flag = " data-escaped" if escaped else ""
        out.append(f'<script type="text/yaml" data-path="{html.escape(f.path)}"{flag}>\n{text}</script>')
    if fence.files:
        out.append("</template>")
    out.append(f'<div class="copilot-playground-fallback">\n{fallback_html}\n</div>')
    out.append("</copilot-playground>")
    return "\n".join(out)


def fallback_markdown(fence: Fence, titles: bool) -> list[str]:
    """The files as ``yaml`` code blocks (Markdown lines, without indentation).

    With ``titles`` (pymdownx.superfences/highlight) each block carries the path as its title;
    otherwise the path is a paragraph above it. The fence is longer than any backtick run in
    the file, so no line of YAML can close it. A fence with only an example names it.
    """
    out: list[str] = []
    if not fence.files and "example" in fence.attrs:
        return [f"*A live example in the Copilot manifest playground: `{fence.attrs['example']}`.*", ""]
    for f in fence.files:
        longest = max((len(m) for m in re.findall(r"`+", f.text)), default=0)
        marker = "`" * max(3, longest + 1)
        if titles:
            out += [f'{marker}yaml title="{f.path}"']
        else:
            out += [f"`{f.path}`", "", f"{marker}yaml"]
        out += f.text.splitlines()
        out += [marker, ""]
    return out
