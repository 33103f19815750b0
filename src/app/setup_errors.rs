//! `use_setup_errors`: the trainer's set-up errors, told to the trainer once each.
//!
//! A bad URL parameter or a deck that cannot be used is the trainer's to fix. Each one goes to
//! the console and to the host page as `rolecall:error` (see `web::host::Host::send_error`), the
//! first time it appears; what the learner sees is decided in `core::notices` and the screens.

use crate::core::report::SetupError;
use crate::web::host::Host;
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_setup_errors(host: &Rc<Host>, errors: Vec<SetupError>) {
    let told = use_mut_ref(Vec::<SetupError>::new);
    let host = host.clone();
    use_effect_with(errors, move |errors| {
        let mut told = told.borrow_mut();
        for error in errors {
            if !told.contains(error) {
                host.send_error(error);
                told.push(error.clone());
            }
        }
    });
}
