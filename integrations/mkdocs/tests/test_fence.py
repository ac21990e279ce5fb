"""Reading fences, escaping, writing the element (no MkDocs involved)."""

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_copilot_playground.fence import (
    Fence,
    FenceError,
    escape_script_text,
    fallback_markdown,
    find_fences,
    parse,
    parse_body,
    parse_info,
    render_element,
)

REPO = Path(__file__).resolve().parents[3]

PAGE = """# Title

Some text.

```copilot-playground pane="problems" env='prod' height=300
# copilot/api/manifest.yml
name: api
type: Backend Service
---
# copilot/environments/prod/manifest.yml
name: prod
type: Environment
```

```yaml
not: ours
```
"""


def one(page: str) -> Fence:
    fences, errors = find_fences(page.split("\n"))
    assert errors == []
    assert len(fences) == 1
    return parse(fences[0])


def test_a_fence_with_two_files():
    f = one(PAGE)
    assert (f.start, f.end, f.line) == (4, 12, 5)
    assert f.attrs == {"pane": "problems", "env": "prod", "height": "300"}
    assert [(x.path, x.line) for x in f.files] == [
        ("copilot/api/manifest.yml", 6),
        ("copilot/environments/prod/manifest.yml", 10),
    ]
    assert f.files[0].text == "name: api\ntype: Backend Service\n"
    assert f.files[1].text == "name: prod\ntype: Environment\n"


def test_fences_inside_longer_fences_and_other_languages_are_left_alone():
    page = "````markdown\n```copilot-playground\n# copilot/a/manifest.yml\nname: a\n```\n````\n\n~~~copilot-playground-x\n~~~\n"
    assert find_fences(page.split("\n")) == ([], [])


def test_tilde_and_indented_fences_lose_their_indentation():
    page = '!!! example\n\n    ~~~~copilot-playground app="shop"\n    # copilot/web/manifest.yml\n    name: web\n      # nested\n\n    ~~~~\n'
    f = one(page)
    assert f.indent == "    "
    assert f.attrs == {"app": "shop"}
    assert f.files[0].text == "name: web\n  # nested\n"


def test_leading_document_marker_and_example_only_fences():
    f = one("```copilot-playground\n---\n# copilot/.workspace\napplication: x\n```\n")
    assert [x.path for x in f.files] == ["copilot/.workspace"]
    f = one('```copilot-playground example="kudos"\n```\n')
    assert f.files == [] and f.attrs == {"example": "kudos"}


@pytest.mark.parametrize(
    ("info", "message"),
    [
        ('panel="endpoints"', "unknown attribute `panel` (a fence takes pane, env, example, app, height)"),
        ('pane="graph"', 'pane="graph" is not a pane (one of endpoints, problems, cloudformation, effective, console)'),
        ('env="te st"', 'env="te st" is not a name'),
        ('env="te.st"', 'env="te.st" is not a name'),
        ('app="-x"', 'app="-x" is not a name'),
        ('height="100%; background: red"', "is not a number of pixels or a CSS length"),
        ("pane=endpoints 'x'", "cannot read the fence's attributes at ` 'x'`"),
        ('pane="endpoints"env=test', "cannot read the fence's attributes at `pane="),
        ("height=tall", 'height="tall" is not a number of pixels or a CSS length'),
        ("pane", "attribute `pane` needs a value"),
        ("env=a env=b", "attribute `env` is given twice"),
    ],
)
def test_bad_attributes(info, message):
    with pytest.raises(FenceError) as e:
        parse_info(info, 7)
    assert e.value.line == 7
    assert message in e.value.message


def test_good_attribute_values():
    assert parse_info("height=30em pane=cloudformation example=sd-only-port", 1) == {
        "height": "30em",
        "pane": "cloudformation",
        "example": "sd-only-port",
    }


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("name: api\ntype: Backend Service", 10, "does not start with a comment naming its path"),
        ("# copilot/a/manifest.yml\nname: a\n---\n\nname: b", 14, "found `name: b`"),
        ("# api/manifest.yml\nname: a", 10, "`api/manifest.yml` is not a Copilot manifest path"),
        ("# copilot/../x/manifest.yml\nname: a", 10, "is not a Copilot manifest path"),
        ("# copilot/a/manifest.yml\nname: a\n---\n# copilot/a/manifest.yml\nname: b", 13, "given twice"),
        ("# copilot/a/manifest.yml\nname: a\n---\n---\n# copilot/b/manifest.yml", 13, "an empty document"),
    ],
)
def test_bad_bodies_name_the_line(body, line, message):
    with pytest.raises(FenceError) as e:
        parse_body(body.split("\n"), 10)
    assert e.value.line == line
    assert message in e.value.message


def test_a_fence_without_files_or_example_and_an_unclosed_fence():
    fences, errors = find_fences("text\n\n```copilot-playground pane=endpoints\n\n```\n".split("\n"))
    with pytest.raises(FenceError) as e:
        parse(fences[0])
    assert e.value.line == 3 and "has no file" in e.value.message
    fences, errors = find_fences("```copilot-playground\n# copilot/a/manifest.yml\n".split("\n"))
    assert fences == [] and [(x.line, x.message) for x in errors] == [
        (1, "the copilot-playground fence is not closed (no ``` line)")
    ]


def test_app_and_a_workspace_file_conflict():
    with pytest.raises(FenceError, match="either as app"):
        one('```copilot-playground app="a"\n# copilot/.workspace\napplication: b\n```\n')


HOSTILE = 'name: api\nx: "</script><script>alert(1)</script>"\ny: <!--<script>\nz: C:\\path\\x3c and \\\\x3c\n'


def test_escaping_leaves_no_angle_bracket_and_plain_yaml_alone():
    assert escape_script_text("name: api\nport: 80\n") == ("name: api\nport: 80\n", False)
    text, escaped = escape_script_text(HOSTILE)
    assert escaped
    # The HTML tokenizer leaves script data only at a `<` (`</script`, `<!--`, `<script`).
    assert "<" not in text


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self._attrs, self.tags = [], None, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._attrs = dict(attrs)

    def handle_data(self, data):
        if self._attrs is not None:
            self.scripts.append((self._attrs, data))
            self._attrs = None


def test_the_element_keeps_hostile_yaml_inside_its_script():
    f = one("```copilot-playground pane=endpoints\n# copilot/api/manifest.yml\n" + HOSTILE + "```\n")
    out = render_element(f, "<p>fallback</p>")
    parser = _Scripts()
    parser.feed(out)
    assert parser.tags == ["copilot-playground", "template", "script", "div", "p"]
    [(attrs, data)] = parser.scripts
    assert attrs == {"type": "text/yaml", "data-path": "copilot/api/manifest.yml", "data-escaped": None}
    assert data == "\n" + escape_script_text(HOSTILE)[0]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_web_component_reads_back_what_the_plugin_escaped():
    texts = [HOSTILE, "a: <b>\n", "\\x3c\\\\<\\", "plain: yes\n"]
    encoded = [list(escape_script_text(t)) for t in texts]
    script = (
        f"import {{ unescapeYaml }} from {json.dumps(str(REPO / 'web' / 'inline.js'))};"
        f"const cases = {json.dumps(encoded)};"
        "console.log(JSON.stringify(cases.map(([t, e]) => unescapeYaml(t, e))));"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == texts


def test_fallback_blocks_carry_titles_and_outrun_backticks():
    f = one("`````copilot-playground\n# copilot/a/manifest.yml\nx: |\n  ```\n  ````\n`````\n")
    assert fallback_markdown(f, titles=True) == ['`````yaml title="copilot/a/manifest.yml"', "x: |", "  ```", "  ````", "`````", ""]
    assert fallback_markdown(f, titles=False)[:3] == ["`copilot/a/manifest.yml`", "", "`````yaml"]


def test_an_example_only_fence_names_the_example_in_its_fallback():
    f = one('```copilot-playground example="kudos"\n```\n')
    assert fallback_markdown(f, titles=True) == ["*A live example in the Copilot manifest playground: `kudos`.*", ""]


def test_attributes_are_written_in_a_fixed_order():
    f = one('```copilot-playground height=300 app=shop env=dev example=kudos pane=console\n```\n')
    assert render_element(f, "").startswith(
        '<copilot-playground pane="console" env="dev" example="kudos" app="shop" height="300">'
    )
