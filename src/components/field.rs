//! One labelled field of the studio's forms: a label, its control, and under it the deck
//! parser's problem (the control marked invalid and described by it) or else a hint.

use yew::prelude::*;

/// What a text field shows. `rows` 0 makes a one-line input, more a textarea of that height.
#[derive(Default)]
pub struct TextField<'a> {
    pub id: String,
    pub label: &'a str,
    pub value: &'a str,
    pub rows: u32,
    pub problem: Option<&'a str>,
    pub hint: Option<&'a str>,
    /// Classes for the label around it (beside `field`).
    pub class: Classes,
    /// For codes such as ids, which a spell checker would only mark as wrong.
    pub no_spellcheck: bool,
    /// Shown while the one-line input is empty.
    pub placeholder: &'a str,
    /// A whole number, typed as text (so nothing typed is lost): phones offer digits.
    pub numeric: bool,
    pub testid: Option<&'a str>,
    pub oninput: Callback<InputEvent>,
    /// The field was left after a change.
    pub onchange: Option<Callback<Event>>,
}

/// The note under a field and the attributes that tie the control to it.
struct Note {
    id: String,
    text: Option<String>,
    invalid: bool,
}

impl Note {
    fn new(field_id: &str, problem: Option<&str>, hint: Option<&str>) -> Note {
        Note {
            id: format!("{field_id}-note"),
            text: problem.or(hint).map(str::to_string),
            invalid: problem.is_some(),
        }
    }

    fn invalid(&self) -> Option<&'static str> {
        self.invalid.then_some("true")
    }

    fn described_by(&self) -> Option<String> {
        self.text.as_ref().map(|_| self.id.clone())
    }

    fn view(self) -> Html {
        let class = classes!(self.invalid.then_some("field-error"));
        match self.text {
            Some(text) => html! { <small id={self.id} {class}>{ text }</small> },
            None => Html::default(),
        }
    }
}

/// A labelled text input or textarea.
pub fn text_field(f: TextField) -> Html {
    let note = Note::new(&f.id, f.problem, f.hint);
    let (invalid, described) = (note.invalid(), note.described_by());
    let value = f.value.to_string();
    let spellcheck = f.no_spellcheck.then_some("false");
    let placeholder = (!f.placeholder.is_empty()).then(|| f.placeholder.to_string());
    let inputmode = f.numeric.then_some("numeric");
    let testid = f.testid.map(str::to_string);
    html! {
        <label class={classes!("field", f.class)}>
            <span>{ f.label }</span>
            if f.rows == 0 {
                <input type="text" id={f.id} {value} {placeholder} {inputmode} oninput={f.oninput} onchange={f.onchange}
                    aria-invalid={invalid} aria-describedby={described} {spellcheck} autocomplete="off" data-testid={testid} />
            } else {
                <textarea id={f.id} rows={f.rows.to_string()} {value} oninput={f.oninput} aria-invalid={invalid}
                    aria-describedby={described} />
            }
            { note.view() }
        </label>
    }
}

/// A labelled select; `options` are its `<option>`s.
pub fn select_field(id: String, label: &str, problem: Option<&str>, onchange: Callback<Event>, options: Html) -> Html {
    let note = Note::new(&id, problem, None);
    html! {
        <label class="field">
            <span>{ label }</span>
            <select {id} {onchange} aria-invalid={note.invalid()} aria-describedby={note.described_by()}>
                { options }
            </select>
            { note.view() }
        </label>
    }
}

/// The value of the input, select or textarea an event came from; a checkbox's is `"true"` or
/// `"false"`.
pub fn value_of(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        if i.type_() == "checkbox" {
            i.checked().to_string()
        } else {
            i.value()
        }
    } else if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}
