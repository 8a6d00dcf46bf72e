//! The errors that carry values, under the one [`Localized`] trait. Their words live
//! beside each error type (an inherent `message`); this file is the list of them, so that
//! [`describe`] and any caller that takes `&dyn Localized` reach every one the same way.

use super::{Lang, Localized};
use crate::core::command::Rejection;
use crate::core::due::DueError;
use crate::import::header::HeaderError;
use crate::import::platform::ExportError;
use crate::import::table::WorkbookError;
use crate::server::ServerError;
use crate::store::input::InputError;
use crate::store::journal::JournalError;

macro_rules! localized {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Localized for $ty {
                fn message(&self, lang: Lang) -> String {
                    <$ty>::message(self, lang)
                }
            }
        )*
    };
}

localized!(
    JournalError,
    InputError,
    Rejection,
    DueError,
    HeaderError,
    WorkbookError,
    ExportError,
    ServerError,
);

impl Localized for super::Said {
    fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

/// An error from anywhere in a command, in the user's language when it is one of ours,
/// else as its chain of causes (`outer: inner`), in English.
pub fn describe(e: &anyhow::Error, lang: Lang) -> String {
    fn ours(e: &anyhow::Error) -> Option<&dyn Localized> {
        macro_rules! try_as {
            ($($ty:ty),*) => {
                $(if let Some(x) = e.downcast_ref::<$ty>() {
                    return Some(x);
                })*
            };
        }
        // The ones that travel inside `anyhow` (the others are handled where they arise).
        try_as!(JournalError, DueError, ServerError);
        None
    }
    match ours(e) {
        Some(l) => l.message(lang),
        None => format!("{e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_speaks_the_language_of_a_known_error_and_keeps_the_rest() {
        let j = JournalError::NotAFile {
            path: "/d/m.jsonl".into(),
        };
        let e = anyhow::Error::new(j).context("opening");
        assert_eq!(
            describe(&e, Lang::Zh),
            JournalError::NotAFile {
                path: "/d/m.jsonl".into()
            }
            .message(Lang::Zh)
        );
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(describe(&e, Lang::Zh), "outer: inner");
    }
}
