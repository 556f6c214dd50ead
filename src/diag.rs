//! Diagnostics for the TOML files crosscheck reads (rule packs, configuration): a message,
//! and the span of the offending value in the file.

use std::ops::Range;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A problem in a TOML file, pointing at the offending value.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
pub struct SpanError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl SpanError {
    /// A problem in the file at `path` (whose text is `text`), at `span` if known.
    pub fn new(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> SpanError {
        SpanError {
            message: format!("{path}: {}", message.into()),
            src: NamedSource::new(path, text.to_string()),
            span: span.map(|r| {
                let end = r.end.min(text.len());
                SourceSpan::from(r.start.min(end)..end)
            }),
            label: label.into(),
            help,
        }
    }

    /// A TOML syntax or schema error, as the `toml` crate reports it.
    pub fn from_toml(path: &str, text: &str, e: &toml::de::Error, help: &str) -> SpanError {
        SpanError::new(
            path,
            text,
            e.span(),
            e.message().trim().to_string(),
            "here",
            Some(help.to_string()),
        )
    }
}
