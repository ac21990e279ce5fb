//! The playground's UI: renders `App` into the page (the analysis runs in `worker`).

fn main() {
    // A share link is decompressed (asynchronously, by the browser) before the first render, so
    // the editor opens on the linked workspace rather than flashing the example.
    wasm_bindgen_futures::spawn_local(async {
        let start = copilot_playground::session::start().await;
        // index.html shows a placeholder until the app takes over.
        if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
            boot.remove();
        }
        yew::Renderer::<copilot_playground::App>::with_props(start).render();
    });
}
