//! The deck editor: a draft's details, categories and statements, each field with the deck
//! parser's problem under it, and a summary of every problem that moves focus to its field.
//!
//! The editor owns no deck: it shows the draft it is given and emits [`Edit`]s. Its own state is
//! only how the statements are viewed (category filter, search, how many are shown).

use super::field::{select_field, text_field, value_of, TextField};
use super::icons::{category_glyph, icon, Icon};
use super::statement_row::{field_id, StatementRow};
use crate::core::deck::{CategoryIcon, CATEGORY_RANGE, DEFAULT_PROMPT};
use crate::core::draft::{
    CategoryField, Checked, Draft, DraftCategory, DraftStatement, Edit, Field, MetaField, StatementField, Tagged,
};
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

/// How many statements are drawn at first, and added by "Show more".
const PAGE: usize = 25;
/// How many problems the summary lists before "and N more".
const LISTED: usize = 12;

#[derive(Properties, PartialEq)]
pub struct DeckEditorProps {
    pub draft: Rc<Draft>,
    pub checked: Rc<Checked>,
    pub on_edit: Callback<Edit>,
}

/// The element id of a deck-level field.
fn meta_id(f: MetaField) -> &'static str {
    match f {
        MetaField::Id => "deck-id",
        MetaField::Title => "deck-title",
        MetaField::Description => "deck-description",
        MetaField::Language => "deck-language",
        MetaField::Prompt => "deck-prompt",
        MetaField::SourceTitle => "source-title",
        MetaField::SourceAuthor => "source-author",
        MetaField::SourceDate => "source-date",
        MetaField::SourceUrl => "source-url",
    }
}

/// A category field's name: the last word of its element id, and how the summary names it.
fn category_field_name(f: CategoryField) -> &'static str {
    match f {
        CategoryField::Id => "id",
        CategoryField::Label => "label",
        CategoryField::Description => "description",
        CategoryField::Icon => "icon",
    }
}

fn category_id(i: usize, f: CategoryField) -> String {
    format!("cat-{i}-{}", category_field_name(f))
}

/// The element a problem's link focuses.
fn element_for(field: Field) -> String {
    match field {
        Field::Deck | Field::Meta(MetaField::Title) => meta_id(MetaField::Title).into(),
        Field::Meta(f) => meta_id(f).into(),
        Field::Categories => "categories-title".into(),
        Field::Statements => "statements-title".into(),
        Field::Category(i, f) => category_id(i, f),
        Field::Statement(key, f) => field_id(key, f),
    }
}

/// Where a problem is, as the summary names it.
fn place(draft: &Draft, field: Field) -> String {
    match field {
        Field::Deck => "Deck".into(),
        Field::Meta(f) => match f {
            MetaField::Id => "Deck id",
            MetaField::Title => "Title",
            MetaField::Description => "Description",
            MetaField::Language => "Language",
            MetaField::Prompt => "Question",
            MetaField::SourceTitle => "Source title",
            MetaField::SourceAuthor => "Source author",
            MetaField::SourceDate => "Source date",
            MetaField::SourceUrl => "Source address",
        }
        .into(),
        Field::Categories => "Categories".into(),
        Field::Statements => "Statements".into(),
        Field::Category(i, f) => format!("Category {}, {}", i + 1, category_field_name(f)),
        Field::Statement(key, f) => {
            let n = draft.find(key).map_or(0, |(i, _)| i + 1);
            match f {
                StatementField::Wrong(c) => match draft.category(c) {
                    Some(c) => format!("Statement {n}, if a learner answers {}", c.label),
                    None => format!("Statement {n}, sentences for answers the deck does not have"),
                },
                _ => format!("Statement {n}, {}", f.name()),
            }
        }
    }
}

/// Whether a statement matches the search text (any of its texts, case-free).
fn matches(s: &DraftStatement, needle: &str) -> bool {
    needle.is_empty()
        || [&s.text, &s.explanation, &s.quote, &s.speaker, &s.id]
            .into_iter()
            .chain(s.wrong.iter().map(|(_, text)| text))
            .any(|t| t.to_lowercase().contains(needle))
}

#[component]
pub fn DeckEditor(props: &DeckEditorProps) -> Html {
    let draft = &props.draft;
    let checked = &props.checked;
    let filter = use_state_eq(String::new);
    let search = use_state_eq(String::new);
    let shown = use_state_eq(|| PAGE);
    // Where focus goes once the view is drawn: a problem's field (perhaps in a statement the view
    // hid), a new statement, a new category's label, or, after a move, the moved row's button
    // (the first of the ids that takes focus: a row moved to an end has one of its two buttons
    // disabled).
    let reveal = use_state_eq(|| None::<String>);
    {
        let reveal = reveal.clone();
        use_effect_with((*reveal).clone(), move |target| {
            if let Some(ids) = target {
                for id in ids.split(' ') {
                    // `+` before an id: its text is a placeholder, selected so typing replaces it.
                    let (id, select) = id.strip_prefix('+').map_or((id, false), |id| (id, true));
                    env::focus_id(id);
                    if select {
                        env::select_id(id);
                    }
                    if env::focused_id().as_deref() == Some(id) {
                        break;
                    }
                }
                reveal.set(None);
            }
        });
    }
    // Row actions keep the keyboard where it was: on the moved row, or in the new copy.
    let on_row_edit = {
        let (on_edit, reveal, next) = (props.on_edit.clone(), reveal.clone(), draft.next_key);
        Callback::from(move |edit: Edit| {
            match &edit {
                Edit::Move(key, by) => {
                    let (first, second) = if *by < 0 { ("up", "down") } else { ("down", "up") };
                    reveal.set(Some(format!("st-{key}-{first} st-{key}-{second}")));
                }
                Edit::Duplicate(_) => reveal.set(Some(field_id(next, StatementField::Text))),
                _ => {}
            }
            on_edit.emit(edit);
        })
    };

    let meta = |f: MetaField, label: &str, value: &str, hint: Option<&str>, multiline: bool| {
        text_field(TextField {
            id: meta_id(f).to_string(),
            label,
            value,
            hint,
            rows: if multiline { 2 } else { 0 },
            problem: checked.at(Field::Meta(f)),
            no_spellcheck: f == MetaField::Id,
            oninput: props.on_edit.reform(move |e: InputEvent| Edit::Meta(f, value_of(&e))),
            ..TextField::default()
        })
    };

    let category_rows = draft.categories.iter().enumerate().map(|(i, c)| {
        let input = |f: CategoryField, label: &str, value: &str| {
            text_field(TextField {
                id: category_id(i, f),
                label,
                value,
                class: classes!(format!("cat-{}", category_field_name(f))),
                problem: checked.at(Field::Category(i, f)),
                no_spellcheck: f == CategoryField::Id,
                oninput: props.on_edit.reform(move |e: InputEvent| Edit::Category(i, f, value_of(&e))),
                ..TextField::default()
            })
        };
        let name = if c.label.is_empty() { format!("category {}", i + 1) } else { c.label.clone() };
        // The icon the app would show: the one chosen, or the plain shape of this position.
        let shown = CategoryIcon::from_name(&c.icon).unwrap_or_else(|| CategoryIcon::by_position(i));
        let icon_select = icon_field(i, &c.icon, checked.at(Field::Category(i, CategoryField::Icon)), &props.on_edit);
        let remove = props.on_edit.reform(move |_: MouseEvent| Edit::RemoveCategory(i));
        let used = draft.statements.iter().filter(|s| s.category == Tagged::Category(c.key)).count();
        html! {
            <li class="category-row" key={i} data-testid="category-row">
                <span class={classes!("cat-swatch", format!("cat-{}", i.min(5)))} aria-hidden="true">{ category_glyph(shown) }</span>
                { input(CategoryField::Label, "Label", &c.label) }
                { input(CategoryField::Id, "Id", &c.id) }
                { input(CategoryField::Description, "Description", &c.description) }
                { icon_select }
                <div class="category-meta">
                    <small class="muted">{ if used == 1 { "1 statement".to_string() } else { format!("{used} statements") } }</small>
                    <button type="button" class="icon-button small danger" aria-label={format!("Remove {name}")} title={format!("Remove {name}")}
                        disabled={draft.categories.len() <= 1} onclick={remove}>{ icon(Icon::Trash) }</button>
                </div>
            </li>
        }
    });
    let (min_cats, max_cats) = CATEGORY_RANGE;
    // A new category's label takes the cursor.
    let add_category = {
        let (on_edit, reveal, next) = (props.on_edit.clone(), reveal.clone(), draft.categories.len());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::AddCategory);
            reveal.set(Some(format!("+{}", category_id(next, CategoryField::Label))));
        })
    };

    // The statements in view: filtered by category and search, then the first `shown`.
    let needle = search.to_lowercase();
    let in_view: Vec<(usize, &DraftStatement)> = draft
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| filter.is_empty() || Some(&s.category) == filter.parse().ok().map(Tagged::Category).as_ref())
        .filter(|(_, s)| matches(s, &needle))
        .collect();
    // Each category by the name it goes by: its label, else its id, else its place.
    let name = |i: usize, c: &DraftCategory| -> String {
        [c.label.trim(), c.id.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .map_or_else(|| format!("Category {}", i + 1), str::to_string)
    };
    let categories: Rc<[(u32, String)]> = draft
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key, name(i, c)))
        .collect();
    let total = draft.statements.len();
    let rows = in_view.iter().take(*shown).map(|(i, s)| {
        let problems: Rc<[(StatementField, String)]> = checked
            .problems
            .iter()
            .filter_map(|p| match p.field {
                Field::Statement(k, f) if k == s.key => Some((f, p.message.clone())),
                _ => None,
            })
            .collect();
        html! {
            <li key={s.key}>
                <StatementRow statement={(*s).clone()} index={*i} {total} categories={categories.clone()} {problems}
                    on_edit={on_row_edit.clone()} />
            </li>
        }
    });
    let hidden = in_view.len().saturating_sub(*shown);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let on_filter = {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |e: Event| {
            filter.set(value_of(&e));
            shown.set(PAGE);
        })
    };
    let on_search = {
        let (search, shown) = (search.clone(), shown.clone());
        Callback::from(move |e: InputEvent| {
            search.set(value_of(&e));
            shown.set(PAGE);
        })
    };
    let add_statement = {
        let (on_edit, filter, shown, reveal, next) = (
            props.on_edit.clone(),
            filter.clone(),
            shown.clone(),
            reveal.clone(),
            draft.next_key,
        );
        let (search, count) = (search.clone(), draft.statements.len());
        Callback::from(move |_: MouseEvent| {
            let category = filter.parse().ok();
            on_edit.emit(Edit::AddStatement { after: None, category });
            // The new statement is last: show it, whatever the search, and put the cursor in it.
            search.set(String::new());
            shown.set((*shown).max(count + 1));
            reveal.set(Some(field_id(next, StatementField::Text)));
        })
    };

    // Each problem links to its field, revealing a statement the view hides.
    let problem_links = checked.problems.iter().take(LISTED).map(|p| {
        let onclick = {
            let (reveal, shown, filter, search) = (reveal.clone(), shown.clone(), filter.clone(), search.clone());
            let position = match p.field {
                Field::Statement(key, _) => draft.find(key).map(|(i, _)| i),
                _ => None,
            };
            let target = element_for(p.field);
            Callback::from(move |_: MouseEvent| {
                if let Some(i) = position {
                    filter.set(String::new());
                    search.set(String::new());
                    shown.set((*shown).max(i + 1));
                }
                reveal.set(Some(target.clone()));
            })
        };
        html! {
            <li><button type="button" class="link-button" {onclick}><strong>{ place(draft, p.field) }</strong>{ ": " }{ &p.message }</button></li>
        }
    });
    let count = checked.problems.len();
    let summary = if count == 0 {
        html! {
            <div class="editor-summary ok" role="status" data-testid="editor-summary">
                { icon(Icon::Check) }<p>{ format!("Ready: {} statements in {} categories, no problems.", total, draft.categories.len()) }</p>
            </div>
        }
    } else {
        html! {
            <div class="editor-summary needs-work" role="status" data-testid="editor-summary">
                { icon(Icon::Warning) }
                <div>
                    <p><strong>{ if count == 1 { "1 problem".to_string() } else { format!("{count} problems") } }</strong>
                        { " to fix before this deck can be shared. It is saved as a draft meanwhile." }</p>
                    <ul class="problem-links" data-testid="editor-problems">{ for problem_links }</ul>
                    if count > LISTED {
                        <p class="muted">{ format!("and {} more, shown at their fields", count - LISTED) }</p>
                    }
                </div>
            </div>
        }
    };
    let filter_options = categories.iter().map(|(key, name)| {
        let value = key.to_string();
        let selected = *filter == value;
        html! { <option {selected} {value}>{ name }</option> }
    });
    let view_note = if in_view.len() == total {
        format!("{total} statements")
    } else {
        format!("{} of {total} statements match", in_view.len())
    };
    let source = &draft.source;
    let prompt_hint = format!(
        "Asked with every statement, above the answers. Leave it empty to ask \u{201c}{DEFAULT_PROMPT}\u{201d}"
    );
    html! {
        <div class="deck-editor" data-testid="deck-editor">
            { summary }
            <section class="card" aria-labelledby="details-title">
                <h2 id="details-title">{ "Deck" }</h2>
                { meta(MetaField::Title, "Title", &draft.title, None, false) }
                <div class="meta-grid">
                    { meta(MetaField::Id, "Id", &draft.id, Some("Lowercase letters, digits and -. Learners' progress is kept by it."), false) }
                    { meta(MetaField::Language, "Language", &draft.language, Some("A language tag such as en, fr or pt-BR."), false) }
                </div>
                { meta(MetaField::Description, "Description", &draft.description, None, true) }
                { meta(MetaField::Prompt, "Question", &draft.prompt, Some(&prompt_hint), false) }
                <details class="source-details" open={source.iter().any(|s| !s.is_empty())}>
                    <summary>{ "Source (optional): the text the statements come from" }</summary>
                    <div class="meta-grid">
                        { meta(MetaField::SourceTitle, "Title", &source[0], None, false) }
                        { meta(MetaField::SourceAuthor, "Author", &source[1], None, false) }
                        { meta(MetaField::SourceDate, "Date", &source[2], Some("YYYY-MM-DD"), false) }
                    </div>
                    { meta(MetaField::SourceUrl, "Address", &source[3], Some("Where learners can read it: a web address, best https://. They get a link to it."), false) }
                </details>
            </section>
            <section class="card" aria-labelledby="categories-title">
                <h2 id="categories-title" tabindex="-1">{ format!("Categories ({})", draft.categories.len()) }</h2>
                <p class="muted">{ format!("The answers learners choose between: {min_cats} to {max_cats}, in the order their buttons appear.") }</p>
                if let Some(p) = checked.at(Field::Categories) {
                    <p class="inline-error" role="alert">{ icon(Icon::Warning) }{ p }</p>
                }
                <ol class="category-list">{ for category_rows }</ol>
                <button type="button" class="button small" onclick={add_category} disabled={draft.categories.len() >= max_cats}
                    data-testid="add-category">{ icon(Icon::Plus) }{ "Add a category" }</button>
            </section>
            <section class="card statements-card" aria-labelledby="statements-title">
                <div class="statements-head">
                    <h2 id="statements-title" tabindex="-1">{ format!("Statements ({total})") }</h2>
                    <div class="statements-tools" role="search">
                        <label class="field inline"><span>{ "Category" }</span>
                            <select onchange={on_filter} data-testid="filter-category">
                                <option value="" selected={filter.is_empty()}>{ "All" }</option>
                                { for filter_options }
                            </select></label>
                        <label class="field inline"><span>{ "Search" }</span>
                            <input type="search" value={(*search).clone()} oninput={on_search} data-testid="filter-search" /></label>
                    </div>
                </div>
                if let Some(p) = checked.at(Field::Statements) {
                    <p class="inline-error" role="alert">{ icon(Icon::Warning) }{ p }</p>
                }
                <p class="muted" aria-live="polite" data-testid="statements-count">{ view_note }</p>
                <ol class="statement-list">{ for rows }</ol>
                <div class="actions">
                    if hidden > 0 {
                        <button type="button" class="button" onclick={more} data-testid="show-more">
                            { format!("Show {} more ({hidden} hidden)", hidden.min(PAGE)) }</button>
                    }
                    <button type="button" class="button primary" onclick={add_statement} data-testid="add-statement">
                        { icon(Icon::Plus) }{ "Add a statement" }</button>
                </div>
            </section>
        </div>
    }
}

/// A category's icon: a plain shape by default, or one of the icons the app draws. A name the
/// app does not know (from a file) stays selected, so the parser's problem shows at it.
fn icon_field(i: usize, value: &str, problem: Option<&str>, on_edit: &Callback<Edit>) -> Html {
    let unknown = (!value.is_empty() && CategoryIcon::from_name(value).is_none()).then(|| {
        html! { <option value={value.to_string()} selected=true>{ value }</option> }
    });
    let options = CategoryIcon::ALL.iter().map(|icon| {
        let name = icon.name();
        html! { <option value={name} selected={value == name}>{ name }</option> }
    });
    let onchange = on_edit.reform(move |e: Event| Edit::Category(i, CategoryField::Icon, value_of(&e)));
    let default = format!("{} (default)", CategoryIcon::by_position(i).name());
    html! {
        <div class="cat-icon-field">
            { select_field(category_id(i, CategoryField::Icon), "Icon", problem, onchange, html! {
                <>
                    <option value="" selected={value.is_empty()}>{ default }</option>
                    { for unknown }
                    { for options }
                </>
            }) }
        </div>
    }
}
