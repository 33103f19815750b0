//! Yew components: each takes props and emits callbacks; none owns app state.

pub mod cards_view;
pub mod charts;
pub mod deck_editor;
pub mod deck_library;
pub mod embed_builder;
pub mod error_screen;
pub mod feedback;
pub mod field;
pub mod flashcard;
pub mod header;
pub mod help;
pub mod home;
pub mod icons;
pub mod lms_bar;
pub mod notices;
pub mod package_panel;
pub mod quiz_start;
pub mod quiz_view;
pub mod quote;
pub mod results;
pub mod sort_board;
pub mod statement_row;
pub mod stats;
pub mod tag_picker;
