//! The flashcards screen: today's queue and settings, then the study session.

use super::flashcard::Flashcard;
use super::icons::{icon, Icon};
use crate::core::cards::{describe_interval, preview, Clock, Grade, Study, StudyPhase, Today, MAX_NEW_PER_DAY};
use crate::core::config::Route;
use crate::core::deck::{Deck, Tag};
use crate::core::progress::{DeckProgress, Settings};
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

pub struct CardsViewProps {
    pub deck: Rc<Deck>,
    pub study: Option<Rc<Study>>,
    pub progress: Rc<DeckProgress>,
    pub settings: Rc<Settings>,
    pub clock: Clock,
    pub shortcuts: bool,
    pub on_start: Callback<()>,
    pub on_end: Callback<()>,
    pub on_settings: Callback<Settings>,
    pub on_flip: Callback<()>,
    pub on_pick: Callback<Tag>,
    pub on_grade: Callback<Grade>,
    pub on_next: Callback<()>,
    /// False when the learner is kept in flashcards (a locked embed): no links to other screens.
    pub can_leave: bool,
}

fn next_due_text(today: &Today, now: i64) -> String {
    match today.next_due_ms {
        Some(t) => format!("Next card due in {}", describe_interval(t - now)),
        None => "No reviews scheduled yet".to_string(),
    }
}

pub fn cards_view(props: CardsViewProps) -> Html {
    let deck = &props.deck;
    let today = props
        .progress
        .cards
        .today(deck, props.settings.new_per_day, props.clock);
    match props.study.as_deref() {
        Some(study) if study.phase != StudyPhase::Done => study_view(&props, study),
        Some(study) => done_view(&props, study, &today),
        None => home_view(&props, &today),
    }
}

fn home_view(props: &CardsViewProps, today: &Today) -> Html {
    let settings = (*props.settings).clone();
    let on_settings = props.on_settings.clone();
    let set_mode = {
        let settings = settings.clone();
        let on_settings = on_settings.clone();
        Callback::from(move |e: Event| {
            let answer_first = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value() == "answer-first")
                .unwrap_or(false);
            on_settings.emit(Settings {
                answer_first,
                ..settings.clone()
            });
        })
    };
    let set_new = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Ok(n) = input.value().trim().parse::<u32>() {
                on_settings.emit(Settings {
                    new_per_day: n.min(MAX_NEW_PER_DAY),
                    ..settings.clone()
                });
            }
        })
    };
    let start = env::emit_on_click(&props.on_start, ());
    let nothing = today.due + today.new_available == 0;
    html! {
        <section class="screen cards-home" aria-labelledby="cards-title" data-testid="cards-home">
            <h1 id="cards-title">{ "Flashcards" }</h1>
            <p class="lead">{ "Spaced repetition: each card comes back just before you would forget it. Cards you miss return in a few minutes." }</p>
            <div class="stat-tiles">
                <div class="tile"><span class="tile-figure" data-testid="due-count">{ today.due }</span><span class="tile-label">{ "due now" }</span></div>
                <div class="tile"><span class="tile-figure" data-testid="new-count">{ today.new_available }</span><span class="tile-label">{ "new today" }</span></div>
                <div class="tile wide"><span class="tile-label" data-testid="next-due">{ icon(Icon::Clock) }{ next_due_text(today, props.clock.now_ms) }</span></div>
            </div>
            <div class="card settings-form">
                <fieldset>
                    <legend>{ "How to answer" }</legend>
                    <label class="choice">
                        <input type="radio" name="study-mode" value="self-grade" checked={!settings.answer_first} onchange={set_mode.clone()} data-testid="mode-self" />
                        <span><strong>{ "Flip and grade yourself" }</strong>{ " \u{2013} Again, Hard, Good or Easy" }</span>
                    </label>
                    <label class="choice">
                        <input type="radio" name="study-mode" value="answer-first" checked={settings.answer_first} onchange={set_mode} data-testid="mode-answer-first" />
                        <span><strong>{ "Answer first" }</strong>{ " \u{2013} pick the tag, then flip: right counts as Good, wrong as Again" }</span>
                    </label>
                </fieldset>
                <label class="field inline">
                    <span>{ "New cards per day" }</span>
                    <input type="number" min="0" max={MAX_NEW_PER_DAY.to_string()} step="1" inputmode="numeric"
                        value={settings.new_per_day.to_string()} onchange={set_new} data-testid="new-per-day" />
                </label>
            </div>
            <div class="actions">
                <button type="button" class="button primary big" onclick={start} disabled={nothing} data-testid="start-study">
                    { icon(Icon::Cards) }{ if nothing { "Nothing due right now" } else { "Study now" } }
                </button>
            </div>
        </section>
    }
}

fn done_view(props: &CardsViewProps, study: &Study, today: &Today) -> Html {
    let end = env::emit_on_click(&props.on_end, ());
    html! {
        <section class="screen cards-done" aria-labelledby="done-title" data-testid="cards-done">
            <h1 id="done-title" tabindex="-1">{ "All done for now" }</h1>
            <p class="lead">{ format!("You reviewed {} card{} this session. ", study.graded.len(), if study.graded.len() == 1 { "" } else { "s" }) }
                { next_due_text(today, props.clock.now_ms) }{ "." }</p>
            <div class="actions">
                <button type="button" class="button primary" onclick={end} data-testid="cards-back">{ icon(Icon::Home) }{ "Back to flashcards" }</button>
                if props.can_leave {
                    <a class="button" href={env::href(&Route::Stats)}>{ icon(Icon::Chart) }{ "See your stats" }</a>
                }
            </div>
        </section>
    }
}

fn study_view(props: &CardsViewProps, study: &Study) -> Html {
    let Some(card) = study.card() else { return html! {} };
    let deck = &props.deck;
    let (flipped, picked) = match study.phase {
        StudyPhase::Back { picked, .. } => (true, picked),
        _ => (false, None),
    };
    let prev = deck
        .statements
        .get(card)
        .and_then(|s| props.progress.cards.state(&s.id));
    let previews = preview(prev, props.clock.now_ms);
    let end = env::emit_on_click(&props.on_end, ());
    let label = match prev {
        None => "New card",
        Some(st) if st.is_learning() => "Learning",
        Some(_) => "Review",
    };
    html! {
        <section class="screen study" aria-labelledby="study-title" data-testid="study">
            <header class="quiz-head">
                <h1 id="study-title">{ "Flashcards" }</h1>
                <p class="quiz-meta">
                    <span class="pill" data-testid="card-kind">{ label }</span>
                    <span data-testid="reviewed">{ format!("Reviewed {}", study.graded.len()) }</span>
                </p>
            </header>
            <Flashcard deck={deck.clone()} {card} {flipped} {picked} mode={study.mode} {previews}
                shortcuts={props.shortcuts} on_flip={props.on_flip.clone()} on_pick={props.on_pick.clone()}
                on_grade={props.on_grade.clone()} on_next={props.on_next.clone()} />
            <p class="quiet-actions">
                <button type="button" class="link-button" onclick={end} data-testid="end-study">{ "End session" }</button>
            </p>
        </section>
    }
}
