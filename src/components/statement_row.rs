//! One statement in the deck editor: its fields, each with the parser's problem under it, and
//! the row's actions (move, duplicate, delete).
//!
//! Every field's element id is [`field_id`], so the problem summary can move focus to it.

use super::field::{select_field, text_field, value_of, TextField};
use super::icons::{icon, Icon};
use crate::core::draft::{DraftStatement, Edit, StatementField, Tagged, UNKNOWN_CATEGORY};
use std::rc::Rc;
use yew::prelude::*;

/// The element id of a statement's field.
pub fn field_id(key: u32, field: StatementField) -> String {
    match field {
        StatementField::Wrong(UNKNOWN_CATEGORY) => format!("st-{key}-wrong-unknown"),
        StatementField::Wrong(category) => format!("st-{key}-wrong-{category}"),
        _ => format!("st-{key}-{}", field.name()),
    }
}

#[derive(Properties, PartialEq)]
pub struct StatementRowProps {
    pub statement: DraftStatement,
    /// Its position in the deck (from 0) and the deck's length.
    pub index: usize,
    pub total: usize,
    /// The deck's categories as `(key, name)`.
    pub categories: Rc<[(u32, String)]>,
    /// The parser's problems with this statement, by field.
    pub problems: Rc<[(StatementField, String)]>,
    pub on_edit: Callback<Edit>,
}

/// A `<select>`'s options, with the current value kept as an extra option named `unknown`
/// when it is not one of them (a value from a loaded file), so showing the field never changes
/// it.
fn options(choices: &[(String, String)], current: &str, unknown: &str) -> Html {
    let known = choices.iter().any(|(v, _)| v == current);
    html! {
        <>
            { for choices.iter().map(|(v, label)| html! {
                <option value={v.clone()} selected={v == current}>{ label }</option>
            }) }
            if !known {
                <option value={current.to_string()} selected=true>{ unknown }</option>
            }
        </>
    }
}

/// A category choice's value: `c` and the category's key in the draft.
fn category_value(key: u32) -> String {
    format!("c{key}")
}

#[component]
pub fn StatementRow(props: &StatementRowProps) -> Html {
    let s = &props.statement;
    let key = s.key;
    let problem = |f: StatementField| props.problems.iter().find(|(pf, _)| *pf == f).map(|(_, m)| m.as_str());
    let edit = |f: StatementField| {
        props
            .on_edit
            .reform(move |e: Event| Edit::Statement(key, f, value_of(&e)))
    };
    let categorize = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: Event| {
            if let Some(category) = value_of(&e).strip_prefix('c').and_then(|k| k.parse().ok()) {
                on_edit.emit(Edit::Categorize(key, category));
            }
        })
    };
    let typed = |f: StatementField| {
        props
            .on_edit
            .reform(move |e: InputEvent| Edit::Statement(key, f, value_of(&e)))
    };
    let field = |f: StatementField, label: &str, value: &str, rows: u32, hint: Option<&str>| {
        let id = field_id(key, f);
        let class = classes!(format!("f-{}", f.name()));
        text_field(TextField {
            label,
            value,
            rows,
            hint,
            class,
            problem: problem(f),
            no_spellcheck: f == StatementField::Id,
            oninput: typed(f),
            id,
            ..TextField::default()
        })
    };
    let select =
        |f: StatementField, label: &str, choices: &[(String, String)], value: &str, onchange: Callback<Event>| {
            let unknown = format!("Not valid: \u{201c}{value}\u{201d}");
            select_field(
                field_id(key, f),
                label,
                problem(f),
                onchange,
                options(choices, value, &unknown),
            )
        };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
    };
    let mut categories: Vec<(String, String)> = props
        .categories
        .iter()
        .map(|(key, name)| (category_value(*key), name.clone()))
        .collect();
    let category = match &s.category {
        Tagged::Category(k) => category_value(*k),
        Tagged::Unknown(tag) => tag.clone(),
    };
    if category.is_empty() {
        categories.insert(0, (String::new(), "Choose\u{2026}".into()));
    }
    let difficulties = pairs(&[
        ("", "Not set (medium)"),
        ("1", "1: easy"),
        ("2", "2: medium"),
        ("3", "3: subtle"),
    ]);
    let kinds = pairs(&[
        ("", "Not set"),
        ("claim", "Claim from the source"),
        ("scenario", "Scenario"),
    ]);
    let n = props.index + 1;
    let legend = format!("Statement {n}");
    let action = |name: &str, label: String, icon_of: Icon, edit: Edit, disabled: bool, class: &'static str| {
        let onclick = props.on_edit.reform(move |_: MouseEvent| edit.clone());
        html! {
            <button type="button" id={format!("st-{key}-{name}")} class={classes!("icon-button", "small", class)}
                aria-label={label.clone()} title={label} {disabled} {onclick}>
                { icon(icon_of) }
            </button>
        }
    };
    // One field per answer that would be wrong: the deck's other categories.
    let wrong_fields = props
        .categories
        .iter()
        .filter(|(c, _)| s.category != Tagged::Category(*c))
        .map(|(c, name)| {
            let f = StatementField::Wrong(*c);
            field(f, &format!("If a learner answers {name}"), s.wrong_for(*c), 2, None)
        });
    let unknown_wrong = s.has_unknown_wrong().then(|| {
        let f = StatementField::Wrong(UNKNOWN_CATEGORY);
        let onclick = props
            .on_edit
            .reform(move |_: MouseEvent| Edit::Statement(key, f, String::new()));
        html! {
            <div class="field">
                <small class="field-error" id={format!("st-{key}-wrong-unknown-note")}>
                    { problem(f).unwrap_or("Some sentences are for answers this deck does not have.") }
                </small>
                <button type="button" class="button small" id={field_id(key, f)} {onclick}
                    aria-describedby={format!("st-{key}-wrong-unknown-note")}>{ "Remove those sentences" }</button>
            </div>
        }
    });
    let count = props.problems.len();
    html! {
        <fieldset class={classes!("statement-row", (count > 0).then_some("has-problems"))} data-testid="statement-row" data-key={key.to_string()}>
            <legend>
                <span>{ legend.clone() }</span>
                if count > 0 {
                    <span class="row-problems">{ icon(Icon::Warning) }{ if count == 1 { "1 problem".to_string() } else { format!("{count} problems") } }</span>
                }
            </legend>
            <div class="row-actions">
                { action("up", format!("Move statement {n} up"), Icon::Up, Edit::Move(key, -1), props.index == 0, "") }
                { action("down", format!("Move statement {n} down"), Icon::Down, Edit::Move(key, 1), n >= props.total, "") }
                { action("duplicate", format!("Duplicate statement {n}"), Icon::Copy, Edit::Duplicate(key), false, "") }
                { action("delete", format!("Delete statement {n}"), Icon::Trash, Edit::Delete(key), false, "danger") }
            </div>
            <div class="row-fields">
                { field(StatementField::Text, "Statement", &s.text, 2, None) }
                <div class="row-choices">
                    { select(StatementField::Category, "Category", &categories, &category, categorize) }
                    { select(StatementField::Difficulty, "Difficulty", &difficulties, &s.difficulty, edit(StatementField::Difficulty)) }
                    { select(StatementField::Kind, "Kind", &kinds, &s.kind, edit(StatementField::Kind)) }
                </div>
                { field(StatementField::Explanation, "Explanation", &s.explanation, 2, Some("Why the answer is right; learners read it after answering.")) }
                { field(StatementField::Quote, "Quote from the source (optional)", &s.quote, 2, None) }
                { field(StatementField::Speaker, "Who says the quote (optional)", &s.speaker, 0, Some("Shown as \u{201c}Said by \u{2026}\u{201d}, for example: the Platform Engineer.")) }
                <div class="row-wrong" role="group" aria-labelledby={format!("st-{key}-wrong-title")}>
                    <p class="group-title" id={format!("st-{key}-wrong-title")}>{ "For a wrong answer (optional)" }</p>
                    <small class="group-hint">{ "One sentence on why that answer is tempting but wrong. A learner who gives it reads the sentence above the explanation." }</small>
                    { for wrong_fields }
                    { for unknown_wrong }
                </div>
                { field(StatementField::Id, "Id", &s.id, 0, Some("Progress is kept by id: change it only before learners start.")) }
            </div>
        </fieldset>
    }
}
