//! A Yew hello world with the same ready marker as RoleCall (`data-ready` on `<html>`).
use yew::prelude::*;

#[component]
fn App() -> Html {
    use_effect_with((), |_| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-ready", "");
        }
    });
    html! { <main><h1>{ "Hello, world" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
