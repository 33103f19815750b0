//! The help dialog (`?`): what the app does, the keyboard shortcuts, and a switch to turn
//! single-key shortcuts off (WCAG 2.1.4).

use crate::core::deck::Deck;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub open: bool,
    pub deck: Rc<Deck>,
    pub shortcuts: bool,
    pub on_close: Callback<()>,
    pub on_shortcuts: Callback<bool>,
}

#[component]
pub fn Help(props: &HelpProps) -> Html {
    let dialog_ref = use_node_ref();
    {
        // After every render, not only when `open` changes: the browser may have closed the
        // dialog itself (Escape) while the app, between two renders, asked for it open again.
        let (dialog_ref, open) = (dialog_ref.clone(), props.open);
        use_effect(move || {
            if let Some(d) = dialog_ref.cast::<web_sys::HtmlDialogElement>() {
                if open && !d.open() {
                    let _ = d.show_modal();
                } else if !open && d.open() {
                    d.close();
                }
            }
        });
    }
    // The dialog's `close` event is queued as a task, and browsers may handle a key press
    // before it: a shortcut typed right after closing would find help still "open". So the
    // close button and Escape (`cancel`, which fires at once) tell the app directly, and the
    // `close` event that follows is then only a late echo: it is ignored, as is any `close`
    // that arrives when the dialog is open again. It still reports a close that came some other
    // way.
    let reported = use_mut_ref(|| false);
    let report_close = {
        let (reported, on_close) = (reported.clone(), props.on_close.clone());
        move || {
            *reported.borrow_mut() = true;
            on_close.emit(());
        }
    };
    let oncancel = {
        let report_close = report_close.clone();
        Callback::from(move |_: Event| report_close())
    };
    let onclose = {
        let (dialog_ref, on_close) = (dialog_ref.clone(), props.on_close.clone());
        Callback::from(move |_: Event| {
            let echo = reported.replace(false);
            let open_again = dialog_ref
                .cast::<web_sys::HtmlDialogElement>()
                .is_some_and(|d| d.open());
            if !echo && !open_again {
                on_close.emit(());
            }
        })
    };
    let close_click = {
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |_: MouseEvent| {
            report_close();
            if let Some(d) = dialog_ref.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let on_shortcuts = props.on_shortcuts.clone();
    let toggle = Callback::from(move |e: Event| {
        if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            on_shortcuts.emit(input.checked());
        }
    });
    let cat_keys = props.deck.categories.iter().enumerate().map(|(i, c)| {
        let letter = c.letter.map(|l| html! { <>{ " or " }<kbd>{ l.to_ascii_uppercase() }</kbd></> });
        html! { <tr key={c.id.clone()}><td><kbd>{ i + 1 }</kbd>{ letter }</td><td>{ format!("Answer {}", c.label) }</td></tr> }
    });
    html! {
        <dialog ref={dialog_ref} class="help" aria-labelledby="help-title" {onclose} {oncancel} data-testid="help-dialog">
            <h2 id="help-title">{ "Help and shortcuts" }</h2>
            <p>{ "Everything works with a mouse, touch, or the keyboard alone (Tab, Shift+Tab, Enter, Space). The shortcuts below are optional." }</p>
            <label class="switch">
                <input type="checkbox" role="switch" checked={props.shortcuts} onchange={toggle} data-testid="shortcuts-toggle" />
                <span>{ "Single-key shortcuts" }</span>
            </label>
            <table class={classes!("keys-table", (!props.shortcuts).then_some("off"))}>
                <caption>{ if props.shortcuts { "Shortcuts (on)" } else { "Shortcuts (off)" } }</caption>
                <tbody>
                    { for cat_keys }
                    <tr><td><kbd>{ "Enter" }</kbd></td><td>{ "Next question or card" }</td></tr>
                    <tr><td><kbd>{ "Space" }</kbd></td><td>{ "Flip a flashcard" }</td></tr>
                    <tr><td><kbd>{ "1" }</kbd>{ "\u{2013}" }<kbd>{ "4" }</kbd></td><td>{ "Grade a flipped card: Again, Hard, Good, Easy" }</td></tr>
                    <tr><td><kbd>{ "?" }</kbd></td><td>{ "Open this help" }</td></tr>
                </tbody>
            </table>
            <p data-testid="help-sort">{ format!(
                "Sort: on a focused card, 1 to {} places it in that zone (numbered on the board) and 0 sends it back to the tray; or Enter picks it up, the arrow keys choose a zone and Enter puts it there (Escape puts it down). These keys act on the focused card only.",
                props.deck.categories.len()
            ) }</p>
            <p class="muted">{ "Nothing you do here leaves your browser unless the page embedding RoleCall asks for your results." }</p>
            <div class="actions">
                <button type="button" class="button primary" onclick={close_click} data-testid="help-close">{ "Close" }</button>
            </div>
        </dialog>
    }
}
