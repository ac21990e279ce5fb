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
 * `parts`: [{path, text}], `path` null for a bare service manifest (placed at
 * copilot/<its name:>/manifest.yml, default "svc"). Adds copilot/.workspace (application: docs)
 * and an environment manifest for `env` when the parts have none. null when there is no YAML.
 */
export function inlinePayload(parts, env = "test") {
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
    files.push({ path: "copilot/.workspace", text: "application: docs\n" });
  if (!files.some((f) => /^copilot\/environments\/[^/]+\/manifest\.yml$/.test(f.path)))
    files.push({ path: `copilot/environments/${env}/manifest.yml`, text: `name: ${env}\ntype: Environment\n` });
  return { files, env, variables: {}, legacy: [] };
}
