//! The LMS bar: which course records the learner's work, the way to finish, and what went wrong.

use super::icons::{icon, Icon};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LmsBarProps {
    /// The standard the course speaks ("SCORM 2004"); `None` when nothing can be recorded.
    pub label: Option<AttrValue>,
    pub problems: Rc<[String]>,
    pub on_finish: Callback<()>,
}

#[component]
pub fn LmsBar(props: &LmsBarProps) -> Html {
    let onclick = {
        let cb = props.on_finish.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let problems = props.problems.iter().map(|p| {
        html! {
            <div class="notice warning" data-testid="lms-notice">{ icon(Icon::Warning) }<p>{ p }</p></div>
        }
    });
    html! {
        <section class="lms-bar" aria-label="Your course" data-testid="lms-bar">
            <div class="lms-problems" role="status" aria-live="polite">{ for problems }</div>
            if let Some(label) = &props.label {
                <div class="lms-finish">
                    <p>{ format!("Your answers are recorded in your course ({label}). Finish when you are done.") }</p>
                    <button type="button" class="button primary" {onclick} data-testid="lms-finish">{ "Finish" }</button>
                </div>
            }
        </section>
    }
}
