// Bundles the browser scripts that Trunk copies into dist/ (the pre_build hook in Trunk.toml):
//   web/editor.js             → web/dist/editor.bundle.js       (global CopilotEditor, IIFE)
//   web/copilot-playground.js → web/dist/copilot-playground.js  (the docs web component, IIFE)
//
// Run from the repository root: `node web/bundle.mjs`.
//
// Why a script and not esbuild's CLI: one plugin. @codemirror/commands imports @lezer/common for
// its syntax-aware commands (bracket matching, syntax selection, indentation), none of which the
// facade uses; @lezer/common's package does not declare itself free of side effects, so esbuild
// kept all of it (18 KB minified, ~6 KB gzip) although nothing reachable uses it. The plugin
// declares it side-effect free so tree shaking drops it; if a used command ever needs it, it is
// kept again (marking a module side-effect free never removes code that is referenced).
import { build } from "esbuild";

const lezerIsPure = {
  name: "lezer-common-is-pure",
  setup(b) {
    b.onResolve({ filter: /^@lezer\/common$/ }, async (args) => {
      if (args.pluginData?.pure) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { pure: true } });
      return { ...resolved, sideEffects: false };
    });
  },
};

const common = { bundle: true, format: "iife", minify: true, target: "es2020", legalComments: "none", logLevel: "warning" };

await build({ ...common, entryPoints: ["web/editor.js"], globalName: "CopilotEditor", outfile: "web/dist/editor.bundle.js", plugins: [lezerIsPure] });
await build({ ...common, entryPoints: ["web/copilot-playground.js"], outfile: "web/dist/copilot-playground.js" });
