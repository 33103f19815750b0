//! Sort mode's board: a tray of cards and one zone per category.
//!
//! A card moves three ways, all ending in the same `on_place`:
//! - **drag** (mouse anywhere on the card; touch by its grip, so a swipe over a card scrolls the
//!   page): the card follows the pointer by a CSS `transform` written straight to the element,
//!   and the zone under it is marked by a class, so a pointer move never renders the board;
//! - **tap or click** a card, then a zone (or the tray);
//! - **keys** on a focused card: a number places it in that zone, 0 or Backspace sends it back;
//!   Enter picks it up, the arrows choose a zone, Enter puts it there and Escape puts it down.
//!
//! What the board is (where each card sits, what a check found) comes from `core::sort`; only
//! the card picked up and the drag in progress live here.

use super::feedback::{tag_chip, why_not};
use super::icons::{category_icon, icon, Icon};
use super::quote::quote;
use crate::core::deck::{Deck, Tag};
use crate::core::sort::{overlap_of, zone_order, Board, Place};
use crate::core::text::count;
use crate::web::env;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SortBoardProps {
    pub deck: Rc<Deck>,
    pub board: Rc<Board>,
    /// "Attempt 2 of 3", when there is something to say.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Move card `.0` to zone `.1`, or back to the tray (`None`).
    pub on_place: Callback<(usize, Option<Tag>)>,
    pub on_check: Callback<()>,
    pub on_reveal: Callback<()>,
    pub on_results: Callback<()>,
    pub on_new_round: Callback<()>,
    /// Whether another round may be dealt (attempts left).
    pub can_start: bool,
    /// Says something to screen-reader users (picking a card up, choosing a zone).
    pub on_say: Callback<String>,
}

/// A drag in progress: what the pointer holds and where the zones are.
struct Drag {
    card: usize,
    pointer: i32,
    /// The card's list item, moved by `transform`.
    item: HtmlElement,
    start: (i32, i32),
    start_scroll: i32,
    /// Past the few pixels that still make a click.
    moving: bool,
    /// Each zone (`None`: the tray) with its box in page coordinates.
    zones: Vec<(Option<Tag>, Element, [i32; 4])>,
    /// The zone under the pointer, marked.
    over: Option<usize>,
    last: (i32, i32),
    /// Scrolls the page while the pointer is near the window's top or bottom edge.
    scroller: Option<gloo::timers::callback::Interval>,
}

/// Pixels a pointer moves before a press becomes a drag.
const DRAG_SLOP: i32 = 6;
/// Height of the band at the window's edges that scrolls the page during a drag.
const EDGE: i32 = 56;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

// Whole pixels throughout: formatting or comparing floats would add their code to the wasm.
fn scroll_y() -> i32 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0) as i32
}

fn window_height() -> i32 {
    window().and_then(|w| w.inner_height().ok()?.as_f64()).unwrap_or(0.0) as i32
}

impl Drag {
    /// Moves the card under the pointer at (x, y) in the window and marks the zone under it.
    fn follow(&mut self, x: i32, y: i32) {
        self.last = (x, y);
        let dy = y - self.start.1 + scroll_y() - self.start_scroll;
        let _ = self
            .item
            .style()
            .set_property("transform", &format!("translate({}px,{}px)", x - self.start.0, dy));
        let over = self.zone_at(x, y);
        if over != self.over {
            if let Some((_, el, _)) = self.over.and_then(|i| self.zones.get(i)) {
                let _ = el.class_list().remove_1("drop-over");
            }
            if let Some((_, el, _)) = over.and_then(|i| self.zones.get(i)) {
                let _ = el.class_list().add_1("drop-over");
            }
            self.over = over;
        }
    }

    /// The zone whose box holds the window point (x, y).
    fn zone_at(&self, x: i32, y: i32) -> Option<usize> {
        let y = y + scroll_y();
        self.zones
            .iter()
            .position(|(_, _, [l, t, r, b])| x >= *l && x <= *r && y >= *t && y <= *b)
    }

    /// Puts the card back in its place and unmarks every zone.
    fn end(&mut self) {
        self.scroller = None;
        let _ = self.item.style().remove_property("transform");
        let _ = self.item.class_list().remove_1("dragging");
        if let Some((_, el, _)) = self.over.and_then(|i| self.zones.get(i)) {
            let _ = el.class_list().remove_1("drop-over");
        }
    }
}

/// The zones on the page (the tray first), with their boxes in page coordinates.
fn zone_boxes(from: &Element) -> Vec<(Option<Tag>, Element, [i32; 4])> {
    let Some(root) = from.closest(".sort-board").ok().flatten() else {
        return Vec::new();
    };
    let Ok(list) = root.query_selector_all("[data-zone]") else {
        return Vec::new();
    };
    let sy = scroll_y();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .map(|el| {
            let zone = el
                .get_attribute("data-zone")
                .and_then(|z| z.parse::<u8>().ok())
                .map(Tag);
            let r = el.get_bounding_client_rect();
            let [l, t, r, b] = [r.left(), r.top(), r.right(), r.bottom()].map(|v| v as i32);
            (zone, el, [l, t + sy, r, b + sy])
        })
        .collect()
}

/// The next zone from `at` in direction `step`, in the board's `order` (the tray comes after
/// the last zone).
fn cycle(order: &[Tag], at: Option<Tag>, step: i32) -> Option<Tag> {
    let n = order.len() as i32 + 1;
    let i = at
        .and_then(|t| order.iter().position(|&z| z == t))
        .unwrap_or(order.len()) as i32;
    let j = (i + step).rem_euclid(n);
    order.get(j as usize).copied()
}

fn zone_name(deck: &Deck, zone: Option<Tag>) -> &str {
    zone.map_or("the tray", |t| deck.label(t))
}

#[component]
pub fn SortBoard(props: &SortBoardProps) -> Html {
    let deck = &props.deck;
    let board = &props.board;
    let zones = deck.categories.len();
    // Zones in the board's order; keys 1 to 9 follow it, as the numbers on the zones say.
    let order: Rc<[Tag]> = zone_order(deck).into();
    // The card picked up (by a click or Enter), and the zone the arrows chose for it.
    let picked = use_state(|| None::<(usize, Option<Tag>)>);
    let drag = use_mut_ref(|| None::<Drag>);
    // A drag ends with a click on the card, which must not pick the card up. That click comes in
    // the same task as the drop, if at all (the card may have left the pointer), so the mark is
    // cleared by the next task: a later click is the learner's.
    let dropped = use_mut_ref(|| false);
    // The card to focus after the next render: it moved to another list, so it is a new element.
    let refocus = use_mut_ref(|| None::<usize>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            if let Some(card) = refocus.borrow_mut().take() {
                env::focus_selector(&format!("[data-card='{card}']"));
            }
        });
    }
    let finished = board.is_finished();
    // A picked-up card that moved or locked since is put down.
    let holding = picked.filter(|(c, _)| !finished && board.places.get(*c).is_some_and(|p| p.movable()));

    let place = {
        let (on_place, picked, refocus) = (props.on_place.clone(), picked.clone(), refocus.clone());
        Rc::new(move |card: usize, zone: Option<Tag>, focus: bool| {
            picked.set(None);
            if focus {
                *refocus.borrow_mut() = Some(card);
            }
            on_place.emit((card, zone));
        })
    };

    let card_view = |card: usize| -> Html {
        let Some(item) = board.round.items.get(card) else {
            return html! {};
        };
        let Some(statement) = deck.statements.get(item.statement) else {
            return html! {};
        };
        let at = board.places[card];
        let is_picked = holding.is_some_and(|(c, _)| c == card);
        let (state, mark): (&str, Html) = match at {
            Place::Right(_) => (
                "right",
                html! { <span class="sort-mark">{ icon(Icon::Check) }{ "Right" }</span> },
            ),
            Place::Wrong(_) => (
                "wrong",
                html! { <span class="sort-mark">{ icon(Icon::Cross) }{ "Not here" }</span> },
            ),
            Place::Shown(_) => (
                "shown",
                html! { <span class="sort-mark">{ icon(Icon::Arrow) }{ "Belongs here" }</span> },
            ),
            _ => ("", html! {}),
        };
        // Where a card sent back was wrongly put, so the next try is not a guess at random.
        let misses = board.misses.get(card).copied().unwrap_or(0);
        let not_in: Vec<&str> = (0..zones)
            .filter(|t| at.movable() && misses & (1 << t) != 0)
            .map(|t| zone_name(deck, Some(Tag(t as u8))))
            .collect();
        let text = html! {
            <>
                <span class="grip" aria-hidden="true">{ icon(Icon::Grip) }</span>
                <span class="sort-text">{ &statement.text }</span>
            </>
        };
        let body = if at.movable() && !finished {
            let onclick = {
                let (picked, dropped, place, on_say, deck) = (
                    picked.clone(),
                    dropped.clone(),
                    place.clone(),
                    props.on_say.clone(),
                    props.deck.clone(),
                );
                Callback::from(move |_: MouseEvent| {
                    if std::mem::take(&mut *dropped.borrow_mut()) {
                        return;
                    }
                    match *picked {
                        // Enter again, or a second click: put it where the arrows chose.
                        Some((c, target)) if c == card => {
                            if target != at.zone() {
                                place(card, target, true);
                            } else {
                                picked.set(None);
                                on_say.emit("Put down.".into());
                            }
                        }
                        _ => {
                            picked.set(Some((card, at.zone())));
                            on_say.emit(format!(
                                "Picked up. Choose a zone: click it, or press the arrow keys then Enter. Escape puts the card down. Now over {}.",
                                zone_name(&deck, at.zone())
                            ));
                        }
                    }
                })
            };
            let onkeydown = {
                let (picked, place, on_say, deck, order) = (
                    picked.clone(),
                    place.clone(),
                    props.on_say.clone(),
                    props.deck.clone(),
                    order.clone(),
                );
                Callback::from(move |e: KeyboardEvent| {
                    let key = e.key();
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let held = picked.filter(|(c, _)| *c == card);
                    let step = match key.as_str() {
                        "ArrowRight" | "ArrowDown" => 1,
                        "ArrowLeft" | "ArrowUp" => -1,
                        _ => 0,
                    };
                    if let (Some((_, target)), true) = (held, step != 0) {
                        e.prevent_default();
                        let next = cycle(&order, target, step);
                        picked.set(Some((card, next)));
                        on_say.emit(format!("Over {}.", zone_name(&deck, next)));
                        return;
                    }
                    match key.as_str() {
                        "Escape" if held.is_some() => {
                            e.prevent_default();
                            picked.set(None);
                            on_say.emit("Put down.".into());
                        }
                        "0" | "Backspace" | "Delete" if at.zone().is_some() => {
                            e.prevent_default();
                            place(card, None, true);
                        }
                        k => {
                            let zone = k.parse::<usize>().ok().and_then(|n| order.get(n.checked_sub(1)?));
                            if let Some(&zone) = zone {
                                e.prevent_default();
                                let zone = Some(zone);
                                if zone != at.zone() {
                                    place(card, zone, true);
                                }
                            }
                        }
                    }
                })
            };
            let onpointerdown = {
                let drag = drag.clone();
                Callback::from(move |e: PointerEvent| {
                    // Yew listens at the app's root, so the card is found from the element pressed.
                    let Some(pressed) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                        return;
                    };
                    let on_grip = pressed.closest(".grip").ok().flatten().is_some();
                    // A touch on the card's text scrolls the page; its grip drags.
                    if e.button() != 0 || (e.pointer_type() == "touch" && !on_grip) {
                        return;
                    }
                    let Some(button) = pressed.closest(".sort-body").ok().flatten() else {
                        return;
                    };
                    let Some(item) = button
                        .closest("li")
                        .ok()
                        .flatten()
                        .and_then(|i| i.dyn_into::<HtmlElement>().ok())
                    else {
                        return;
                    };
                    let _ = button.set_pointer_capture(e.pointer_id());
                    let start = (e.client_x(), e.client_y());
                    *drag.borrow_mut() = Some(Drag {
                        card,
                        pointer: e.pointer_id(),
                        zones: zone_boxes(&item),
                        item,
                        start,
                        start_scroll: scroll_y(),
                        moving: false,
                        over: None,
                        last: start,
                        scroller: None,
                    });
                })
            };
            let onpointermove = {
                let drag = drag.clone();
                Callback::from(move |e: PointerEvent| {
                    let mut slot = drag.borrow_mut();
                    let Some(d) = slot.as_mut().filter(|d| d.pointer == e.pointer_id()) else {
                        return;
                    };
                    let (x, y) = (e.client_x(), e.client_y());
                    if !d.moving {
                        let (dx, dy) = (x - d.start.0, y - d.start.1);
                        if dx * dx + dy * dy < DRAG_SLOP * DRAG_SLOP {
                            return;
                        }
                        d.moving = true;
                        let _ = d.item.class_list().add_1("dragging");
                    }
                    e.prevent_default();
                    d.follow(x, y);
                    let near_edge = y < EDGE || y > window_height() - EDGE;
                    if near_edge && d.scroller.is_none() {
                        let drag = drag.clone();
                        d.scroller = Some(gloo::timers::callback::Interval::new(16, move || {
                            if let Some(d) = drag.borrow_mut().as_mut() {
                                let (x, y) = d.last;
                                let speed = if y < EDGE {
                                    -(EDGE - y) / 4
                                } else {
                                    (y - (window_height() - EDGE)) / 4
                                };
                                if let Some(w) = window() {
                                    w.scroll_by_with_x_and_y(0.0, f64::from(speed.clamp(-14, 14)));
                                }
                                d.follow(x, y);
                            }
                        }));
                    } else if !near_edge {
                        d.scroller = None;
                    }
                })
            };
            let onpointerup = {
                let (drag, dropped, place) = (drag.clone(), dropped.clone(), place.clone());
                Callback::from(move |e: PointerEvent| {
                    let Some(mut d) = drag.borrow_mut().take() else {
                        return;
                    };
                    d.end();
                    if !d.moving {
                        return;
                    }
                    *dropped.borrow_mut() = true;
                    let dropped = dropped.clone();
                    gloo::timers::callback::Timeout::new(0, move || *dropped.borrow_mut() = false).forget();
                    let (x, y) = (e.client_x(), e.client_y());
                    let zone = d.zone_at(x, y).and_then(|i| d.zones.get(i)).map(|(z, _, _)| *z);
                    match zone {
                        Some(zone) if zone != at.zone() => place(d.card, zone, false),
                        _ => {}
                    }
                })
            };
            let onpointercancel = {
                let drag = drag.clone();
                Callback::from(move |_: PointerEvent| {
                    if let Some(mut d) = drag.borrow_mut().take() {
                        d.end();
                    }
                })
            };
            html! {
                <button type="button" class="sort-body" data-card={card.to_string()} aria-pressed={is_picked.to_string()}
                    aria-describedby="sort-keys" {onclick} {onkeydown} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
                    { text }
                </button>
            }
        } else {
            html! { <div class="sort-body" data-card={card.to_string()}>{ text }</div> }
        };
        let why = (!at.movable()).then(|| {
            html! {
                <details class="sort-why" data-testid="sort-why">
                    <summary>{ "Why?" }</summary>
                    if let Some(first) = board.round.answers.get(card) { { why_not(deck, statement, first.picked) } }
                    <p>{ "It belongs in " }{ tag_chip(deck, item.truth) }{ " " }{ &statement.explanation }</p>
                    { quote(statement, deck) }
                </details>
            }
        });
        html! {
            <li key={card} class={classes!("sort-card", state, is_picked.then_some("picked"))} data-testid="sort-card" data-id={statement.id.to_string()}
                data-state={if state.is_empty() { "open" } else { state }}>
                { body }
                { mark }
                if !not_in.is_empty() {
                    <span class="sort-miss">{ format!("Not {}", not_in.join(", not ")) }</span>
                }
                { for why }
            </li>
        }
    };

    // A zone (or the tray) takes the card picked up when clicked.
    let drop_here = |zone: Option<Tag>| -> Option<Callback<MouseEvent>> {
        let (card, _) = holding?;
        (board.places[card].zone() != zone).then(|| {
            let place = place.clone();
            Callback::from(move |e: MouseEvent| {
                // A click on a card inside the zone is that card's, not the zone's; the zone's
                // own button bubbles here, and is handled once, here.
                let on_card = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|t| t.closest(".sort-card").ok().flatten())
                    .is_some();
                if !on_card {
                    place(card, zone, true);
                }
            })
        })
    };
    // The zone the arrows chose, marked while it is not where the card already is.
    let target = holding.filter(|(c, t)| board.places[*c].zone() != *t).map(|(_, t)| t);
    let cards_in =
        |zone: Option<Tag>| -> Vec<usize> { (0..board.len()).filter(|&c| board.places[c].zone() == zone).collect() };
    let tray_cards = cards_in(None);
    let placed = board.placed();
    let zone_views = order.iter().enumerate().map(|(position, &tag)| {
        let t = tag.index();
        // The built-in deck's "Both" is drawn as the overlap of the zones on either side of it.
        let overlap = overlap_of(deck, &order, tag);
        // Classes, not a style attribute: the page's content security policy allows no inline style.
        let sides = overlap.map(|(l, r)| format!("zl-{} zr-{}", l.index().min(5), r.index().min(5)));
        let caption = overlap.map(|(l, r)| format!("Where {} and {} overlap", zone_name(deck, Some(l)), zone_name(deck, Some(r))));
        let c = &deck.categories[t];
        let here = cards_in(Some(tag));
        let onclick = drop_here(Some(tag));
        let can_drop = onclick.is_some();
        let place_button = can_drop.then(|| {
            html! {
                <button type="button" class="sort-drop" data-testid={format!("drop-{}", c.id)}>
                    { format!("Place here ({})", position + 1) }
                </button>
            }
        });
        html! {
            <section key={t} class={classes!("sort-zone", format!("cat-{}", t.min(5)), overlap.is_some().then_some("overlap"), sides,
                can_drop.then_some("can-drop"), (target == Some(Some(tag))).then_some("drop-over"))}
                data-zone={t.to_string()} data-testid={format!("zone-{}", c.id)} aria-labelledby={format!("zone-{t}")} {onclick}>
                <h2 id={format!("zone-{t}")} class="sort-zone-title">
                    <kbd class="sort-key" aria-hidden="true">{ position + 1 }</kbd>
                    { category_icon(deck, t) }{ &c.label }
                    <span class="sort-count">{ format!(" ({})", here.len()) }</span>
                </h2>
                if let Some(caption) = caption { <p class="sort-overlap">{ caption }</p> }
                <p class="sort-zone-desc">{ &c.description }</p>
                { for place_button }
                <ul class="sort-list" role="list">{ for here.into_iter().map(&card_view) }</ul>
            </section>
        }
    });

    let results = board.round.results();
    let status = if finished {
        let pct = results.score.percent();
        let verdict = if results.passed { "passed" } else { "not passed yet" };
        format!(
            "{} of {} right the first time ({pct}%), {verdict} (pass mark {}%).",
            results.score.correct, results.score.total, board.round.pass_mark
        )
    } else if board.checks == 0 {
        format!("{placed} of {} placed.", board.len())
    } else {
        format!(
            "{} right so far. {}: {} left.",
            board.right(),
            if tray_cards.is_empty() {
                "Check again"
            } else {
                "Sort the cards back in the tray"
            },
            count(usize::from(board.tries_left()), "try", "tries")
        )
    };
    let tray_click = drop_here(None);
    let tray_can_drop = tray_click.is_some();
    let tray_button = tray_can_drop.then(|| {
        html! { <button type="button" class="sort-drop" data-testid="drop-tray">{ "Back to the tray (0)" }</button> }
    });
    // While a card is held, the bar at the bottom of the window offers every zone, so that on a
    // phone the zones need not be scrolled to.
    let move_bar = holding.map(|(card, _)| {
        let now = board.places[card].zone();
        let targets = order.iter().map(|&t| Some(t)).chain(now.is_some().then_some(None));
        let buttons = targets.filter(|&z| z != now).map(|zone| {
            let place = place.clone();
            let onclick = Callback::from(move |_: MouseEvent| place(card, zone, true));
            let id = zone.and_then(|t| deck.category(t)).map_or("tray", |c| c.id.as_str());
            html! {
                <button type="button" class={classes!("sort-move", zone.map(|t| format!("cat-{}", t.index().min(5))))}
                    data-testid={format!("move-{id}")} {onclick}>
                    if let Some(t) = zone { { category_icon(deck, t.index()) } }
                    { zone_name(deck, zone) }
                </button>
            }
        });
        html! {
            <div class="sort-move-bar" role="group" aria-label="Place the selected card in">
                <span class="sort-move-label">{ "Place in" }</span>{ for buttons }
            </div>
        }
    });
    let check = env::emit_on_click(&props.on_check, ());
    let reveal = env::emit_on_click(&props.on_reveal, ());
    html! {
        <section class="screen sort-board" aria-labelledby="sort-title" data-testid="sort-board"
            data-finished={finished.to_string()}>
            <header class="sort-head">
                if let Some(label) = &props.label { <p class="attempt-label">{ label }</p> }
                <h1 id="sort-title">{ "Sort the statements" }</h1>
                <p class="lead">{ deck.prompt() }{ " Drag each card to its zone, or select it, then a zone. Check them all when every card is placed." }</p>
                <p id="sort-keys" class="sort-keys">{ format!("Keys: on a card, press 1 to {zones} to place it in that zone, 0 to send it back, or Enter to pick it up, the arrow keys to choose a zone and Enter to put it there.") }</p>
            </header>
            if !finished {
                <div class={classes!("sort-tray", tray_can_drop.then_some("can-drop"), (target == Some(None)).then_some("drop-over"))}
                    data-zone="tray" data-testid="tray" role="group" aria-labelledby="tray-title" onclick={tray_click}>
                    <h2 id="tray-title" class="sort-zone-title">{ "To sort" }<span class="sort-count">{ format!(" ({})", tray_cards.len()) }</span></h2>
                    { for tray_button }
                    if tray_cards.is_empty() {
                        <p class="sort-empty">{ "Every card is placed. Check them when you are ready, or move any of them first." }</p>
                    }
                    <ul class="sort-list" role="list">{ for tray_cards.iter().map(|&c| card_view(c)) }</ul>
                </div>
            }
            <div class={classes!("sort-zones", format!("zones-{}", zones.min(6)))}>{ for zone_views }</div>
            // While a card is held, a phone's bar shows only where it can go.
            <div class={classes!("sort-actions", holding.is_some().then_some("holding"))}>
                { for move_bar }
                <p class="sort-status" data-testid="sort-status">{ status }</p>
                if finished {
                    <button type="button" class="button primary" data-testid="sort-results" onclick={env::emit_on_click(&props.on_results, ())}>
                        { icon(Icon::Chart) }{ "See results" }
                    </button>
                    if props.can_start {
                        <button type="button" class="button" data-testid="sort-new" onclick={env::emit_on_click(&props.on_new_round, ())}>
                            { icon(Icon::Retry) }{ "New round" }
                        </button>
                    }
                } else {
                    <button type="button" class="button primary" data-testid="sort-check" onclick={check}>
                        { icon(Icon::Check) }{ "Check" }
                    </button>
                }
                if board.can_reveal() {
                    <button type="button" class="button" data-testid="sort-reveal" onclick={reveal}>
                        { icon(Icon::Eye) }{ "Show where they belong" }
                    </button>
                }
            </div>
        </section>
    }
}

/// What the start of sort mode shows.
pub struct SortStartProps {
    pub deck: Rc<Deck>,
    /// Cards a round deals.
    pub cards: usize,
    /// Tries after the first check.
    pub retries: u8,
    pub pass_mark: u8,
    /// Where the learner stands with a limit on attempts.
    pub attempts: Option<AttrValue>,
    pub can_start: bool,
    pub error: Option<AttrValue>,
    pub on_start: Callback<()>,
}

/// Sort mode before a round: what it is, how to play it, and the button that deals.
pub fn sort_start(p: SortStartProps) -> Html {
    let labels: Vec<&str> = p.deck.categories.iter().map(|c| c.label.as_str()).collect();
    let zones = match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => labels.join(""),
    };
    let wrong = match p.retries {
        0 => "Wrong cards are marked, and you can see where they belong.".to_string(),
        n => format!(
            "Wrong cards go back to the tray for another try ({} at most); the score counts your first placements.",
            count(usize::from(n), "more try", "more tries")
        ),
    };
    html! {
        <section class="screen sort-start" aria-labelledby="sort-title" data-testid="sort-start">
            <h1 id="sort-title">{ "Sort" }</h1>
            <p class="lead">{ format!("{} cards on the table, to sort into {zones}. Place them all, then check them together.", p.cards) }</p>
            if let Some(e) = &p.error {
                <p class="inline-error" role="alert" data-testid="start-error">{ icon(Icon::Warning) }{ e }</p>
            }
            <div class="card start-form">
                <ul class="sort-how">
                    <li>{ "Drag a card to its zone: with the mouse, or by its grip " }{ icon(Icon::Grip) }{ " on a touch screen." }</li>
                    <li>{ "Or select a card, then the zone it belongs in." }</li>
                    <li>{ format!("With keys: on a card, press 1 to {} for its zone; or Enter, the arrow keys, and Enter again.", labels.len()) }</li>
                    <li>{ wrong }</li>
                </ul>
                <ul class="facts">
                    <li>{ format!("Pass mark {}%", p.pass_mark) }</li>
                    if let Some(a) = &p.attempts { <li data-testid="attempts-note">{ a }</li> }
                </ul>
                if p.can_start {
                    <button type="button" class="button primary big" data-testid="deal" onclick={env::emit_on_click(&p.on_start, ())}>
                        { format!("Deal {} cards", p.cards) }{ icon(Icon::Arrow) }
                    </button>
                }
            </div>
        </section>
    }
}
