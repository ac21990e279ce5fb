//! The playground's UI: renders `App` into the page (the analysis runs in `worker`).

fn main() {
    // index.html shows a placeholder until the app takes over.
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<copilot_playground::App>::new().render();
}
