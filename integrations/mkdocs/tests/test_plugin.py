"""The plugin inside real `mkdocs build` runs (in process, so the source under test is used)."""

import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

SCRIPT = "https://playground.example.com/copilot-playground.js"

GOOD = """# Live

```copilot-playground pane="endpoints" env="test"
# copilot/api/manifest.yml
name: api
type: Backend Service
image:
  port: 8080
network:
  connect: true
---
# copilot/environments/test/manifest.yml
name: test
type: Environment
```

- a list item with a second playground:

    ```copilot-playground example="kudos"
    ```

````markdown
```copilot-playground pane="endpoints"
# copilot/shown/manifest.yml
name: shown
```
````
"""


def site(tmp_path: Path, pages: dict, superfences=True, script=SCRIPT, theme="material"):
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    exts = "\n  - pymdownx.highlight\n  - pymdownx.superfences" if superfences else "\n  - fenced_code"
    plugin = f"\n  - copilot-playground:\n      script: {script}" if script is not None else "\n  - copilot-playground"
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: {theme}\nmarkdown_extensions:{exts}\nplugins:{plugin}\n", encoding="utf-8"
    )
    cfg = load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    build(cfg)
    return {name: (tmp_path / "site" / name.replace(".md", ".html" if name == "index.md" else "/index.html")).read_text() for name in pages}


def test_fences_become_elements_with_scripts_and_a_titled_fallback(tmp_path):
    out = site(tmp_path, {"index.md": GOOD, "plain.md": "# Plain\n\nNo playground here.\n"})
    page = out["index.md"]
    assert page.count("<copilot-playground") == 2
    assert '<copilot-playground pane="endpoints" env="test">\n<template>\n<script type="text/yaml" data-path="copilot/api/manifest.yml">\nname: api\n' in page
    assert '<script type="text/yaml" data-path="copilot/environments/test/manifest.yml">\nname: test\ntype: Environment\n</script>\n</template>' in page
    assert '<copilot-playground example="kudos">\n<div class="copilot-playground-fallback">\n<p><em>A live example' in page
    # The fallback: Material's highlighted blocks titled with the paths, path comments gone.
    fallback = page.split('<div class="copilot-playground-fallback">', 1)[1].split("</copilot-playground>", 1)[0]
    assert re.findall(r'<span class="filename">([^<]+)</span>', fallback) == [
        "copilot/api/manifest.yml",
        "copilot/environments/test/manifest.yml",
    ]
    assert "# copilot/api" not in page
    # The fence shown inside a longer fence stays code.
    assert "copilot/shown/manifest.yml" in page and 'data-path="copilot/shown' not in page
    # The script once per page with a playground, none elsewhere; no marker survives.
    assert page.count(f'<script src="{SCRIPT}" defer></script>') == 1
    assert page.count("data-md-color-scheme") >= 2  # Material's body attribute and our palette glue
    assert "COPILOTPLAYGROUND" not in page
    assert "copilot-playground.js" not in out["plain.md"] and "<copilot-playground" not in out["plain.md"]


def test_without_superfences_the_path_is_a_paragraph(tmp_path):
    page = site(tmp_path, {"index.md": GOOD.split("- a list")[0]}, superfences=False, theme="mkdocs")["index.md"]
    assert "<p><code>copilot/api/manifest.yml</code></p>" in page
    assert page.count("<copilot-playground") == 1


def test_a_script_url_is_escaped_in_its_attribute(tmp_path):
    page = site(tmp_path, {"index.md": GOOD}, script='"https://x.test/a.js?a=1&b=2"')["index.md"]
    assert '<script src="https://x.test/a.js?a=1&amp;b=2" defer></script>' in page


@pytest.mark.parametrize(
    ("fence", "where", "message"),
    [
        ('```copilot-playground panel="endpoints"\n# copilot/a/manifest.yml\nname: a\n```', 7, "unknown attribute `panel`"),
        ("```copilot-playground\nname: a\ntype: Backend Service\n```", 8, "does not start with a comment naming its path"),
        ("```copilot-playground\n# copilot/a/manifest.yml\nname: a\n", 7, "is not closed"),
    ],
)
def test_a_bad_fence_fails_a_strict_build_naming_page_and_line(tmp_path, caplog, fence, where, message):
    # Front matter (3 lines) and a heading come first: the line is the file's, not the body's.
    text = f"---\ntitle: Bad\n---\n# Bad\n\nIntro.\n{fence}\n"
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="strict mode"):
        site(tmp_path, {"index.md": "# Home\n", "bad.md": text})
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(w.startswith(f"copilot-playground: bad.md:{where}: ") and message in w for w in warnings), warnings


def test_a_missing_or_empty_script_setting_is_a_configuration_error(tmp_path, caplog):
    with caplog.at_level(logging.ERROR), pytest.raises((ConfigurationError, Abort)):
        site(tmp_path, {"index.md": GOOD}, script=None)
    assert "option 'script': Required configuration not provided" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="BuildError"):
        site(tmp_path / "empty", {"index.md": GOOD}, script='" "')
    assert "copilot-playground: set `script` to the URL of copilot-playground.js" in caplog.text
