// The inline YAML of a <copilot-playground> element → a v1 share payload (pure, tested in Node).

/** `text` without its common indentation and its leading/trailing blank lines, ending in "\n". */
export function dedent(text) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  if (!lines.length) return "";
  const lead = (l) => /^[ \t]*/.exec(l)[0].length;
  const cut = Math.min(...lines.filter((l) => l.trim()).map(lead));
  return lines.map((l) => l.slice(Math.min(cut, lead(l)))).join("\n") + "\n";
}

/**
 * The text of a `<script type="text/yaml" data-escaped>`: generators (the MkDocs plugin) write
 * `\\` for a backslash and `\x3c` for `<` when the YAML holds a `<`, so that no `</script>` or
 * `<!--` in a manifest can end the script early. Without `escaped` the text is taken as is.
 */
export function unescapeYaml(text, escaped) {
  return escaped ? String(text).replace(/\\(\\|x3c)/g, (_, e) => (e === "x3c" ? "<" : "\\")) : String(text);
}

/**
 * `parts`: [{path, text}], `path` null for a bare service manifest (placed at
 * copilot/<its name:>/manifest.yml, default "svc"). Adds copilot/.workspace (application: `app`,
 * default docs) and an environment manifest for `env` when the parts have none. null when there
 * is no YAML.
 */
export function inlinePayload(parts, env = "test", app = "docs") {
  const files = [];
  for (const part of parts) {
    const text = dedent(part.text);
    if (!text) continue;
    let path = part.path;
    if (!path) {
      const m = /^name:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9_-]*)/m.exec(text);
      path = `copilot/${m ? m[1] : "svc"}/manifest.yml`;
    }
    if (!files.some((f) => f.path === path)) files.push({ path, text });
  }
  if (!files.length) return null;
  if (!files.some((f) => f.path === "copilot/.workspace"))
    files.push({ path: "copilot/.workspace", text: `application: ${app}\n` });
  if (!files.some((f) => /^copilot\/environments\/[^/]+\/manifest\.yml$/.test(f.path)))
    files.push({ path: `copilot/environments/${env}/manifest.yml`, text: `name: ${env}\ntype: Environment\n` });
  return { files, env, variables: {}, legacy: [] };
}
