//! Notices: the dismissible messages above every screen, and what each one says.
//!
//! A notice tells the learner about something that did not go as asked but did not stop the app:
//! a URL parameter that was ignored, categories the deck does not have, a saved quiz that no
//! longer fits its deck, storage that is blocked, full or unreadable. [`notices`] decides which
//! are shown, in a fixed order, from the state of the app; the shell only renders them and keeps
//! the list of dismissed ids.

use super::config::{self, UnknownTags};
use super::report::SetupError;
use super::storage::Status;

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
}

/// Which notice this is. Stable across renders, so a dismissed notice stays dismissed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeId {
    /// An ignored URL parameter, by name.
    Param(&'static str),
    /// `tags` named categories the deck does not have.
    TagsNotInDeck,
    /// The trainer's set-up has a problem (what an embedded learner is told instead of the
    /// parameter notices above).
    Setup,
    QuizNotResumed,
    BoardNotResumed,
    Storage,
}

impl NoticeId {
    /// The id as text (`param-n`, `storage`): the notice's key and test id.
    pub fn key(self) -> String {
        match self {
            NoticeId::Param(name) => format!("param-{name}"),
            NoticeId::TagsNotInDeck => "param-tags-deck".into(),
            NoticeId::Setup => "setup".into(),
            NoticeId::QuizNotResumed => "quiz-not-resumed".into(),
            NoticeId::BoardNotResumed => "board-not-resumed".into(),
            NoticeId::Storage => "storage".into(),
        }
    }
}

/// What a notice's button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// Download the progress in use.
    ExportProgress,
    /// Download the stored text that could not be used, exactly as found.
    ExportUnreadable,
}

/// One notice: what it says, and an optional button (its label and action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: NoticeId,
    pub level: Level,
    pub text: String,
    pub action: Option<(&'static str, NoticeAction)>,
}

/// What the notices are about.
pub struct Situation<'a> {
    /// URL parameters that were ignored.
    pub params: &'a [config::Notice],
    pub unknown_tags: Option<&'a UnknownTags>,
    /// A saved quiz for this deck could not be resumed (the deck changed since).
    pub quiz_not_resumed: bool,
    /// A saved sort round for this deck could not be resumed (the deck changed since).
    pub board_not_resumed: bool,
    pub storage: &'a Status,
    /// The learner is in an embed (see `config::EmbedConfig::learner_facing`): the trainer's
    /// mistakes are not the learner's to read.
    pub learner_facing: bool,
}

/// What an embedded learner is told when the trainer's set-up has a problem the app worked
/// around: calm, with nothing technical, and who can fix it.
pub const SETUP_NOTICE: &str = "Part of this activity's set-up could not be used, so it runs with its usual settings. If your results matter, please let your trainer know.";

/// The trainer's set-up errors among `now`, for the console and the host page.
pub fn setup_errors(now: &Situation) -> Vec<SetupError> {
    let params = now.params.iter().map(|n| SetupError {
        code: "parameter",
        message: n.to_string(),
        detail: None,
    });
    let tags = now.unknown_tags.map(|t| SetupError {
        code: "parameter",
        message: tags_text(t),
        detail: None,
    });
    params.chain(tags).collect()
}

fn tags_text(t: &UnknownTags) -> String {
    format!(
        "Ignored tags={}: not a category of this deck (use {}).",
        t.unknown.join(","),
        t.allowed.join(", ")
    )
}

/// The notices to show, in order, leaving out the dismissed ones.
pub fn notices(now: &Situation, dismissed: &[NoticeId]) -> Vec<Notice> {
    let setup = (now.learner_facing && (!now.params.is_empty() || now.unknown_tags.is_some())).then(|| Notice {
        id: NoticeId::Setup,
        level: Level::Info,
        text: SETUP_NOTICE.into(),
        action: None,
    });
    let detailed = !now.learner_facing;
    let params = now.params.iter().filter(|_| detailed).map(|n| Notice {
        id: NoticeId::Param(n.param),
        level: Level::Warning,
        text: n.to_string(),
        action: None,
    });
    let tags = now.unknown_tags.filter(|_| detailed).map(|t| Notice {
        id: NoticeId::TagsNotInDeck,
        level: Level::Warning,
        text: tags_text(t),
        action: None,
    });
    let quiz = now.quiz_not_resumed.then(|| Notice {
        id: NoticeId::QuizNotResumed,
        level: Level::Info,
        text: "Your unfinished quiz could not be resumed: this deck has changed since it was saved. Start a new quiz; your history and flashcards are unchanged.".into(),
        action: None,
    });
    let board = now.board_not_resumed.then(|| Notice {
        id: NoticeId::BoardNotResumed,
        level: Level::Info,
        text: "Your sort round could not be resumed: this deck has changed since it was saved. Deal a new round; your history and flashcards are unchanged.".into(),
        action: None,
    });
    setup
        .into_iter()
        .chain(params)
        .chain(tags)
        .chain(quiz)
        .chain(board)
        .chain(storage_notice(now.storage))
        .filter(|n| !dismissed.contains(&n.id))
        .collect()
}

fn storage_notice(status: &Status) -> Option<Notice> {
    let (text, action) = match status {
        Status::Saving => return None,
        Status::Blocked => (status.note().to_string(), None),
        Status::Full => (
            status.note().to_string(),
            Some(("Export progress", NoticeAction::ExportProgress)),
        ),
        Status::KeptAside { reason, .. } => (
            format!("Your saved progress could not be read ({reason}). It was kept aside, untouched, and you are starting fresh."),
            Some(("Export the unreadable data", NoticeAction::ExportUnreadable)),
        ),
        Status::Protected { reason } => (
            format!("Your saved progress could not be used: {reason}. It is left untouched, so progress made now will not be saved."),
            Some(("Export the saved data", NoticeAction::ExportUnreadable)),
        ),
    };
    Some(Notice {
        id: NoticeId::Storage,
        level: Level::Warning,
        text,
        action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn situation<'a>(
        params: &'a [config::Notice],
        tags: Option<&'a UnknownTags>,
        storage: &'a Status,
    ) -> Situation<'a> {
        Situation {
            params,
            unknown_tags: tags,
            quiz_not_resumed: true,
            board_not_resumed: false,
            storage,
            learner_facing: false,
        }
    }

    /// The URL's `n=0`, as the parameter parser reports it.
    fn bad_n() -> [config::Notice; 1] {
        [config::Notice {
            param: "n",
            value: "0".into(),
            allowed: "use a whole number from 1 to 10000, or all".into(),
        }]
    }

    #[test]
    fn every_source_in_order_and_dismissal() {
        let params = bad_n();
        let tags = UnknownTags {
            unknown: vec!["ops".into(), "x".into()],
            allowed: vec!["devops".into(), "both".into()],
        };
        let storage = Status::Full;
        let all = notices(&situation(&params, Some(&tags), &storage), &[]);
        let keys: Vec<String> = all.iter().map(|n| n.id.key()).collect();
        assert_eq!(keys, ["param-n", "param-tags-deck", "quiz-not-resumed", "storage"]);
        assert_eq!(
            all[1].text,
            "Ignored tags=ops,x: not a category of this deck (use devops, both)."
        );
        assert_eq!(all[2].level, Level::Info);
        assert_eq!(all[3].action, Some(("Export progress", NoticeAction::ExportProgress)));
        let fewer = notices(
            &situation(&params, Some(&tags), &storage),
            &[NoticeId::Storage, NoticeId::Param("n")],
        );
        let keys: Vec<String> = fewer.iter().map(|n| n.id.key()).collect();
        assert_eq!(keys, ["param-tags-deck", "quiz-not-resumed"]);
    }

    #[test]
    fn an_embedded_learner_gets_one_calm_notice_and_the_detail_goes_elsewhere() {
        let params = bad_n();
        let tags = UnknownTags {
            unknown: vec!["ops".into()],
            allowed: vec!["devops".into()],
        };
        let storage = Status::Blocked;
        let embedded = Situation {
            learner_facing: true,
            ..situation(&params, Some(&tags), &storage)
        };
        let shown = notices(&embedded, &[]);
        let keys: Vec<String> = shown.iter().map(|n| n.id.key()).collect();
        assert_eq!(
            keys,
            ["setup", "quiz-not-resumed", "storage"],
            "the learner's own storage still shows"
        );
        assert_eq!(shown[0].text, SETUP_NOTICE);
        assert!(!SETUP_NOTICE.contains('='), "nothing technical");
        let errors = setup_errors(&embedded);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Ignored n=\"0\": use a whole number from 1 to 10000, or all.",
                "Ignored tags=ops: not a category of this deck (use devops)."
            ]
        );
        assert!(errors.iter().all(|e| e.code == "parameter"));
        // Nothing to work around, nothing to say.
        let clean = Situation {
            learner_facing: true,
            ..situation(&[], None, &storage)
        };
        assert!(notices(&clean, &[]).iter().all(|n| n.id != NoticeId::Setup));
        assert!(setup_errors(&clean).is_empty());
    }

    #[test]
    fn storage_notices() {
        let cases = [
            (Status::Saving, None, None),
            (Status::Blocked, Some("blocks storage here"), None),
            (
                Status::KeptAside {
                    reason: "bad JSON".into(),
                    key: "k".into(),
                },
                Some("could not be read (bad JSON). It was kept aside"),
                Some(("Export the unreadable data", NoticeAction::ExportUnreadable)),
            ),
            (
                Status::Protected { reason: "newer".into() },
                Some("could not be used: newer. It is left untouched"),
                Some(("Export the saved data", NoticeAction::ExportUnreadable)),
            ),
        ];
        for (status, text, action) in cases {
            let got = storage_notice(&status);
            assert_eq!(got.is_some(), text.is_some(), "{status:?}");
            if let (Some(n), Some(text)) = (got, text) {
                assert!(n.text.contains(text), "{}", n.text);
                assert_eq!(n.action, action);
                assert_eq!(n.level, Level::Warning);
            }
        }
    }
}
