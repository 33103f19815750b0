//! Screens rendered to HTML on the host with Yew's server renderer: what a learner would read,
//! for states that take many clicks to reach in a browser.
//!
//! Only the render is exercised (effects, such as moving focus, do not run on the server); the
//! browser tests in `tests/e2e/` cover behaviour.

use futures::executor::block_on;
use rolecall::components::home::{home, HomeProps};
use rolecall::components::notices::{notices, NoticesProps};
use rolecall::components::quiz_start::{QuizStart, QuizStartProps};
use rolecall::components::results::{Results, ResultsProps, Sharing};
use rolecall::components::sort_board::{SortBoard, SortBoardProps};
use rolecall::core::config;
use rolecall::core::deck::{Deck, Tag};
use rolecall::core::learner::DeckSource;
use rolecall::core::notices::{self as core_notices, Situation};
use rolecall::core::progress::Attempt;
use rolecall::core::quiz::{Action, GradeRule, Length, Quiz, QuizPlan};
use rolecall::core::sort::{Board, Move};
use rolecall::core::storage::Status;
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

fn deck() -> Rc<Deck> {
    Rc::new(Deck::builtin().unwrap())
}

/// Renders a view that is a plain function of its props.
#[derive(Properties, PartialEq)]
struct ViewProps {
    view: Html,
}

#[component]
fn View(props: &ViewProps) -> Html {
    props.view.clone()
}

fn render_view(view: Html) -> String {
    block_on(LocalServerRenderer::<View>::with_props(ViewProps { view }).render())
}

/// The number of times `needle` occurs in `html`.
fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// A finished quiz of `n` questions with the first `wrong` answered wrongly.
fn finished_quiz(deck: &Deck, n: usize, wrong: usize) -> Quiz {
    let plan = QuizPlan {
        pass_mark: 80,
        ..QuizPlan::default()
    };
    let spec = plan.spec(Length::Count(n), 42, "r".into(), 1);
    let mut q = Quiz::new(deck, &spec, 0).unwrap();
    for i in 0..n {
        let truth = q.current().unwrap().1.truth;
        let tag = if i < wrong { Tag((truth.0 + 1) % 3) } else { truth };
        q = q.apply(Action::Pick { tag, at_ms: 1_000 }).unwrap();
        q = q.apply(Action::Next { at_ms: 2_000 }).unwrap();
    }
    assert!(q.is_finished());
    q
}

fn results(quiz: Quiz, sharing: Sharing, kept: bool) -> String {
    let deck = deck();
    let attempt = Attempt {
        at: 0,
        correct: 3,
        total: 5,
        retry: false,
        attempt: 1,
    };
    let props = ResultsProps {
        history: Rc::from([attempt]),
        best: Some(attempt),
        kept,
        sharing,
        ..results_props(deck, quiz)
    };
    render_results(props)
}

/// The results screen's props for `quiz`: no history, storage kept, nothing shared, no label or
/// note, a new quiz and flashcards offered.
fn results_props(deck: Rc<Deck>, quiz: Quiz) -> ResultsProps {
    ResultsProps {
        deck,
        quiz: Rc::new(quiz),
        history: Rc::from([]),
        best: None,
        kept: true,
        sharing: Sharing::NotYet,
        utc_offset_ms: 0,
        on_retry_missed: Callback::noop(),
        on_study_missed: Callback::noop(),
        on_new_quiz: Callback::noop(),
        on_share: Callback::noop(),
        label: None,
        note: None,
        can_start: true,
        can_leave: true,
    }
}

fn render_results(props: ResultsProps) -> String {
    block_on(LocalServerRenderer::<Results>::with_props(props).render())
}

#[test]
fn practice_results_have_no_verdict_and_say_the_attempt_stands() {
    let d = deck();
    let attempt = finished_quiz(&d, 5, 2);
    let practice = attempt.retry_missed(3_000, "p".into()).unwrap();
    let mut q = practice;
    while let Some((_, item)) = q.current() {
        q = q
            .apply(Action::Pick {
                tag: item.truth,
                at_ms: 4_000,
            })
            .unwrap();
        q = q.apply(Action::Next { at_ms: 5_000 }).unwrap();
    }
    let note = rolecall::core::quiz::counting_note(&q, GradeRule::All);
    let label = q.origin.label(None);
    let props = ResultsProps {
        label: label.map(AttrValue::from),
        note: note.map(AttrValue::from),
        can_start: false,
        can_leave: false,
        ..results_props(d, q)
    };
    let html = render_results(props);
    assert!(
        html.contains("Practice results") && html.contains("2 of 2 correct"),
        "{html}"
    );
    assert!(
        !html.contains("pass-verdict") && !html.contains("Passed"),
        "no verdict on practice"
    );
    assert!(html.contains("Attempt 1&#x27;s result stands") || html.contains("Attempt 1's result stands"));
    assert!(html.contains(r#"data-testid="results-label""#));
    assert!(
        !html.contains(r#"data-testid="share""#),
        "practice is not shared as a result"
    );
    assert!(!html.contains(r#"data-testid="new-quiz""#) && html.contains("no-attempts-left"));
}

#[test]
fn a_learner_kept_in_the_quiz_is_not_offered_flashcards() {
    let d = deck();
    let props = ResultsProps {
        label: Some("Attempt 1 of 3".into()),
        can_leave: false,
        ..results_props(d.clone(), finished_quiz(&d, 5, 2))
    };
    let html = render_results(props);
    assert!(html.contains(r#"data-testid="retry-missed""#), "practice stays");
    assert!(!html.contains(r#"data-testid="study-missed""#));
    assert!(html.contains("Attempt 1 of 3") && html.contains(r#"data-testid="new-quiz""#));
}

#[test]
fn results_of_a_failed_quiz_list_each_miss_and_offer_practice() {
    let d = deck();
    let quiz = finished_quiz(&d, 5, 2);
    let missed: Vec<&str> = quiz
        .missed_statements()
        .iter()
        .map(|&i| d.statements[i].id.as_str())
        .collect();
    let html = results(quiz, Sharing::NotYet, true);
    assert!(html.contains("3 of 5 correct"), "{html}");
    assert!(html.contains("Not passed yet"));
    assert!(html.contains("60% against a pass mark of 80%"));
    assert_eq!(count(&html, r#"data-testid="missed-item""#), 2);
    for id in missed {
        assert!(html.contains(&format!(r#"data-id="{id}""#)), "{id} is listed");
    }
    assert!(html.contains("Practise the 2 missed"));
    assert!(html.contains(r#"data-testid="study-missed""#));
    assert!(
        !html.contains(r#"data-testid="share-text""#),
        "nothing to copy by hand yet"
    );
    assert!(!html.contains(r#"data-testid="not-kept""#));
}

#[test]
fn results_of_a_perfect_quiz_and_sharing_by_hand() {
    let d = deck();
    let html = results(
        finished_quiz(&d, 5, 0),
        Sharing::ByHand("RoleCall: 5 of 5".into()),
        false,
    );
    assert!(html.contains("5 of 5 correct") && html.contains("Passed"));
    assert!(html.contains("No mix-ups"));
    assert_eq!(count(&html, r#"data-testid="missed-item""#), 0);
    assert!(!html.contains(r#"data-testid="retry-missed""#), "nothing to retry");
    assert!(html.contains("copy the text below"));
    assert!(html.contains(r#"data-testid="share-text""#) && html.contains("RoleCall: 5 of 5"));
    assert!(html.contains(r#"data-testid="not-kept""#), "says results are not kept");
}

fn start_screen(requested: Option<usize>, seed: Option<u64>, only: Option<Vec<Tag>>, error: Option<&str>) -> String {
    let plan = QuizPlan {
        requested,
        seed,
        only,
        ..QuizPlan::default()
    };
    start_screen_for(&plan, error, true)
}

fn start_screen_for(plan: &QuizPlan, error: Option<&str>, can_start: bool) -> String {
    let deck = deck();
    let available = plan.available(&deck);
    let props = QuizStartProps {
        deck,
        available,
        requested: plan.requested,
        seed: plan.seed,
        fixed: plan.fixed_length(available),
        attempts: plan.attempts_note(if can_start { 0 } else { 9 }).map(AttrValue::from),
        grade_note: plan.grade.explained().map(AttrValue::from),
        pass_mark: 70,
        can_start,
        best: None,
        error: error.map(AttrValue::from),
        on_start: Callback::noop(),
    };
    block_on(LocalServerRenderer::<QuizStart>::with_props(props).render())
}

#[test]
fn a_locked_start_screen_offers_no_choice_of_length() {
    let plan = QuizPlan {
        requested: Some(5),
        seed: Some(42),
        locked: true,
        max_attempts: Some(3),
        grade: GradeRule::Best,
        ..QuizPlan::default()
    };
    let html = start_screen_for(&plan, None, true);
    assert_eq!(lengths(&html), (vec![], None), "no length to pick");
    assert!(html.contains("5 statements, set by your trainer"));
    assert!(html.contains("Attempt 1 of 3") && html.contains("Your best attempt is the one that counts."));
    assert!(html.contains(r#"data-testid="start-quiz""#));
    let used_up = start_screen_for(&plan, Some("You have used all 3 attempts at this quiz."), false);
    assert!(used_up.contains("You have used all 3 attempts") && !used_up.contains(r#"data-testid="start-quiz""#));
}

/// The `data-testid`s of the length choices, and which one is checked.
fn lengths(html: &str) -> (Vec<String>, Option<String>) {
    let mut ids = Vec::new();
    let mut checked = None;
    for input in html.split("<input").skip(1) {
        let tag = &input[..input.find('>').unwrap()];
        let Some(at) = tag.find(r#"data-testid="length-"#) else {
            continue;
        };
        let id = tag[at + 13..].split('"').next().unwrap().to_string();
        if tag.contains("checked") {
            checked = Some(id.clone());
        }
        ids.push(id);
    }
    (ids, checked)
}

#[test]
fn the_start_screen_offers_what_the_url_asks_for() {
    let plain = start_screen(None, None, None, None);
    assert_eq!(
        lengths(&plain),
        (
            vec!["length-10".into(), "length-20".into(), "length-all".into()],
            Some("length-10".into())
        )
    );
    let all = format!("All {}", Deck::builtin().unwrap().statements.len());
    assert!(plain.contains(&all), "{all}");
    assert!(!plain.contains("seed-note") && !plain.contains("filter-note"));

    let configured = start_screen(Some(5), Some(42), Some(vec![Tag(2)]), None);
    assert_eq!(
        lengths(&configured),
        (
            vec!["length-5".into(), "length-10".into(), "length-all".into()],
            Some("length-5".into())
        )
    );
    assert!(configured.contains("All 15"), "15 Both statements");
    assert!(configured.contains("Fixed order (seed 42)"));
    assert!(
        !configured.contains("Only Both") && !configured.contains("filter-note"),
        "the learner is never told which categories are asked"
    );

    let failed = start_screen(None, None, None, Some("no statement in this deck matches"));
    assert!(failed.contains(r#"role="alert""#) && failed.contains("no statement in this deck matches"));
}

#[test]
fn notices_name_the_problem_and_offer_their_action() {
    let params = [config::Notice {
        param: "pass",
        value: "150".into(),
        allowed: "use a whole number from 0 to 100".into(),
    }];
    let storage = Status::KeptAside {
        reason: "it is not JSON".into(),
        key: "rolecall.unreadable.1".into(),
    };
    let list = core_notices::notices(
        &Situation {
            params: &params,
            unknown_tags: None,
            quiz_not_resumed: false,
            board_not_resumed: false,
            storage: &storage,
            learner_facing: false,
        },
        &[],
    );
    let html = render_view(notices(NoticesProps {
        notices: list.into(),
        on_dismiss: Callback::noop(),
        on_action: Callback::noop(),
    }));
    assert!(html.contains(r#"data-testid="notice-param-pass""#));
    assert!(
        html.contains(r#"Ignored pass="150": use a whole number from 0 to 100."#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="notice-action-storage""#) && html.contains("Export the unreadable data"));
    assert_eq!(count(&html, "Dismiss this notice"), 2);
    assert!(
        !html.contains(r#"data-testid="notice-action-param-pass""#),
        "a parameter notice has no action"
    );
}

#[test]
fn home_shows_the_deck_its_source_and_what_is_waiting() {
    let d = deck();
    let html = render_view(home(HomeProps {
        heading: "RoleCall".into(),
        deck: d.clone(),
        cards_note: "1 card due and 10 new today".into(),
        sort_note: "Round under way: 3 of 8 placed".into(),
        best: None,
        unfinished: Some("question 3 of 10".into()),
        source_note: DeckSource::Custom("https://example.org/deck.json".into())
            .note()
            .map(Into::into),
    }));
    assert!(html.contains("Tag each statement DevOps, Platform or Both."));
    assert!(html.contains("Resume quiz") && html.contains("Resume: question 3 of 10"));
    assert!(html.contains("1 card due and 10 new today"));
    assert!(html.contains("27 October 2023"), "the article's date, written out");
    assert!(html.contains("Deck loaded from https://example.org/deck.json."));
    // The built-in deck asks for its roles' pictures by name.
    for name in ["loop", "layers", "overlap"] {
        assert_eq!(count(&html, &format!(r#"data-icon="{name}""#)), 1, "{name}");
    }
    assert!(
        !html.contains(r#"data-testid="source-link""#),
        "the article has no address"
    );
}

#[test]
fn a_custom_deck_on_home_has_its_own_heading_shapes_and_source_link() {
    let text = r#"{"format": 1, "id": "weather", "title": "Sun or rain?", "description": "", "language": "en",
        "source": {"title": "Skies", "author": "A. Forecaster", "date": "2024-05-01", "url": "https://example.org/skies"},
        "categories": [{"id": "sun", "label": "Sun", "description": "Dry."},
                       {"id": "rain", "label": "Rain", "description": "Wet.", "icon": "cloud"}],
        "statements": [{"id": "a", "text": "Umbrella.", "tag": "rain", "explanation": "Wet."}]}"#;
    let d = Rc::new(Deck::parse(text.as_bytes()).unwrap());
    let source = DeckSource::Custom("https://example.org/weather.json".into());
    let html = render_view(home(HomeProps {
        heading: source.heading(&d).to_string().into(),
        deck: d.clone(),
        cards_note: "No cards due".into(),
        sort_note: "Cards on a table".into(),
        best: None,
        unfinished: None,
        source_note: source.note().map(Into::into),
    }));
    assert!(html.contains(r#"data-testid="app-title">Sun or rain?</h1>"#), "{html}");
    // A category without an icon gets a plain shape; one with an icon gets it; no role pictures.
    assert!(html.contains(r#"data-icon="circle""#) && html.contains(r#"data-icon="cloud""#));
    assert!(!html.contains(r#"data-icon="loop""#) && !html.contains(r#"data-icon="layers""#));
    assert!(
        html.contains(r#"<a href="https://example.org/skies" target="_blank" rel="noopener noreferrer" data-testid="source-link">"#),
        "{html}"
    );
}

fn render_board(deck: Rc<Deck>, board: Board) -> String {
    block_on(
        LocalServerRenderer::<SortBoard>::with_props(SortBoardProps {
            deck,
            board: Rc::new(board),
            label: None,
            on_place: Callback::noop(),
            on_check: Callback::noop(),
            on_reveal: Callback::noop(),
            on_results: Callback::noop(),
            on_new_round: Callback::noop(),
            can_start: true,
            on_say: Callback::noop(),
        })
        .render(),
    )
}

/// The position of the first occurrence of `needle` in `html`.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle).unwrap_or_else(|| panic!("{needle} not in {html}"))
}

#[test]
fn the_sort_board_shows_both_as_the_overlap_between_devops_and_platform() {
    let d = deck();
    let plan = QuizPlan::default();
    let mut spec = plan.spec(Length::Count(4), 11, "r".into(), 1);
    spec.plan = plan.sort_key();
    let board = Board::deal(&d, &spec, 2, 0).unwrap();
    let html = render_board(d.clone(), board.clone());
    assert!(at(&html, r#"data-testid="zone-devops""#) < at(&html, r#"data-testid="zone-both""#));
    assert!(at(&html, r#"data-testid="zone-both""#) < at(&html, r#"data-testid="zone-platform""#));
    assert!(html.contains("Where DevOps and Platform overlap"), "{html}");
    assert!(html.contains("To sort"));
    assert_eq!(html.matches(r#"data-testid="sort-card""#).count(), 4);
    assert!(html.contains("0 of 4 placed."));
    assert!(
        !html.contains(r#"data-testid="sort-reveal""#),
        "nothing to show before a check"
    );

    // Every card placed rightly but the first, then checked: the first goes back to the tray.
    let mut b = board;
    for card in 0..b.len() {
        let truth = b.round.items[card].truth;
        let zone = if card == 0 { Tag((truth.0 + 1) % 3) } else { truth };
        b = b.apply(Move::Place { card, zone: Some(zone) }).unwrap();
    }
    let b = b.apply(Move::Check { at_ms: 10 }).unwrap();
    let html = render_board(d.clone(), b.clone());
    assert_eq!(html.matches(r#"data-state="right""#).count(), 3);
    let wrong_zone = &d.categories[((b.round.items[0].truth.0 + 1) % 3) as usize].label;
    assert!(html.contains(&format!("Not {wrong_zone}")), "{html}");
    assert!(html.contains("3 right so far."), "{html}");
    assert_eq!(
        html.matches(r#"data-testid="sort-why""#).count(),
        3,
        "locked cards explain themselves"
    );
    assert!(html.contains(r#"data-testid="sort-reveal""#));

    // Shown where it belongs: the round is over, with its score and what comes next.
    let done = b.apply(Move::Reveal { at_ms: 20 }).unwrap();
    let html = render_board(d, done);
    assert!(html.contains(r#"data-state="shown""#));
    assert!(
        html.contains("3 of 4 right the first time (75%), passed (pass mark 70%)."),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="sort-results""#) && html.contains(r#"data-testid="sort-new""#));
    assert!(
        !html.contains(r#"data-testid="tray""#),
        "no tray once the round is over"
    );
}
