// Starts the analysis worker: Trunk builds worker.js + worker_bg.wasm (wasm-bindgen
// "no-modules") from the `worker` binary; the app spawns this file as "./worker_loader.js".
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
