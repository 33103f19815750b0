//! A quiz question: progress, running score, the statement, the answer buttons, then feedback.

use super::feedback::{feedback, FeedbackProps};
use super::icons::{icon, Icon};
use super::tag_picker::{tag_picker, TagPickerProps};
use crate::core::deck::{Deck, Tag};
use crate::core::quiz::Quiz;
use crate::core::text::count;
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuizViewProps {
    pub deck: Rc<Deck>,
    pub quiz: Rc<Quiz>,
    pub shortcuts: bool,
    pub on_pick: Callback<Tag>,
    pub on_next: Callback<()>,
    pub on_quit: Callback<()>,
    /// What to call this quiz ("Attempt 2 of 3", "Practice"), if anything.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The trainer locked the quiz: an attempt cannot be left halfway (it resumes after a reload).
    #[prop_or_default]
    pub locked: bool,
}

#[component]
pub fn QuizView(props: &QuizViewProps) -> Html {
    let statement_ref = use_node_ref();
    let next_ref = use_node_ref();
    let current = props.quiz.current();
    let index = current.map(|(i, _)| i);
    // Answer buttons are disabled once answered, so focus moves to Next rather than being lost:
    // when the feedback appears, or shows another statement. Declared before the effect below,
    // which runs after it and so wins when both fire (as the feedback's, once a component of its
    // own, ran before this view's).
    let answered = current.and_then(|(_, item)| props.quiz.current_answer().map(|_| item.statement));
    env::use_focus_on(answered.map_or((0, 0), |s| (1, s)), &next_ref);
    // A new question takes focus so a screen reader reads it, and Tab leads to the answers.
    env::use_focus_on(index.map_or((0, 0), |i| (1, i)), &statement_ref);
    // Leaving discards the answers given, so it asks first; Keep going returns focus to Leave.
    let confirming = use_state(|| false);
    let (keep_ref, quit_ref) = (use_node_ref(), use_node_ref());
    {
        let (keep, quit) = (keep_ref.clone(), quit_ref.clone());
        let asked = use_mut_ref(|| false);
        use_effect_with(*confirming, move |&open| {
            if open {
                *asked.borrow_mut() = true;
                env::focus(&keep);
            } else if asked.replace(false) {
                env::focus(&quit);
            }
        });
    }
    let Some((index, item)) = current else { return html! {} };
    let Some(statement) = props.deck.statements.get(item.statement) else {
        return html! {};
    };
    let total = props.quiz.items.len();
    let answer = props.quiz.current_answer();
    let score = props.quiz.running_score();
    let streak = props.quiz.streak();
    let given = props.quiz.answers.len();
    let quit = {
        let (on_quit, confirming) = (props.on_quit.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            if given == 0 {
                on_quit.emit(())
            } else {
                confirming.set(true)
            }
        })
    };
    let leave = env::emit_on_click(&props.on_quit, ());
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let practice = !props.quiz.origin.is_attempt();
    let what = if practice { "practice" } else { "quiz" };
    let can_leave = practice || !props.locked;
    html! {
        <section class="screen quiz" aria-labelledby="quiz-title" data-testid="quiz">
            <header class="quiz-head">
                <h1 id="quiz-title" data-testid="question-count">{ format!("Question {} of {}", index + 1, total) }</h1>
                <progress class="bar" max={total.to_string()} value={(index + usize::from(answer.is_some())).to_string()}
                    aria-label="Quiz progress" />
                <p class="quiz-meta">
                    <span data-testid="running-score">{ format!("Score {} / {}", score.correct, score.total) }</span>
                    <span class={classes!("streak", (streak >= 3).then_some("hot"))} data-testid="streak">
                        { icon(Icon::Flame) }{ format!("Streak {streak}") }
                    </span>
                    if let Some(label) = &props.label {
                        <span class={classes!("pill", practice.then_some("practice"))} data-testid="quiz-label">{ label }</span>
                    }
                </p>
            </header>
            <article class="statement-card" aria-labelledby="statement-label">
                <p class="eyebrow" id="statement-label">{ "Statement" }</p>
                <p class="statement" tabindex="-1" ref={statement_ref} data-testid="statement" data-id={statement.id.to_string()}>
                    { &statement.text }
                </p>
            </article>
            { tag_picker(TagPickerProps {
                deck: props.deck.clone(),
                prompt: props.deck.prompt().to_string().into(),
                picked: answer.map(|a| a.picked),
                truth: answer.map(|_| item.truth),
                shortcuts: props.shortcuts,
                on_pick: props.on_pick.clone(),
            }) }
            if let Some(answer) = answer {
                { feedback(FeedbackProps {
                    deck: props.deck.clone(),
                    statement: item.statement,
                    answer,
                    last: index + 1 == total,
                    shortcuts: props.shortcuts,
                    on_next: props.on_next.clone(),
                    next_ref: next_ref.clone(),
                }) }
            }
            if can_leave && *confirming {
                <div class="confirm" role="alertdialog" aria-labelledby="leave-question" data-testid="leave-confirm">
                    <p id="leave-question">
                        <strong>{ format!("Leave this {what}?") }</strong>
                        { format!(" Your {} so far {} not kept.", count(given, "answer", "answers"), if given == 1 { "is" } else { "are" }) }
                    </p>
                    <div class="actions">
                        <button type="button" class="button danger" onclick={leave} data-testid="leave-yes">{ format!("Leave the {what}") }</button>
                        <button type="button" class="button primary" onclick={keep} ref={keep_ref} data-testid="leave-no">{ "Keep going" }</button>
                    </div>
                </div>
            } else if can_leave {
                <p class="quiet-actions">
                    <button type="button" class="link-button" onclick={quit} ref={quit_ref} data-testid="quit">
                        { format!("Leave this {what}") }
                    </button>
                </p>
            }
        </section>
    }
}
