// Starts the analysis worker from the page's own wasm (docs/design-notes.md, "One wasm for the UI
// and the worker"): the app spawns this file as "./worker_loader.js" (a classic worker, as
// gloo-worker makes them), which imports Trunk's ES-module glue and instantiates the same
// wasm; its `main` sees a worker scope and registers the analysis. Trunk hashes both names, so
// web/stamp-worker.mjs (post_build) writes them into the staged copy; these are placeholders.
const GLUE = "./app.js";
const WASM = "./app_bg.wasm";
import(GLUE).then((glue) => glue.default({ module_or_path: WASM }));
