//! Warnings and errors about a page, each pointing at `file:line`.
//!
//! A [`Diagnostic`] displays as `file:line: warning: message` or `file:line: error: message`,
//! the form editors and terminals recognise as a jump target.

use std::fmt;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A documentation bug the parser worked around; the schema is still produced
    /// (unless warnings are made errors with `--strict`).
    Warning,
    /// Something the parser could not understand; no schema is produced for the page.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about a page: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// The page, as named by the caller (usually the path given on the command line).
    pub file: String,
    /// The 1-based line of the page the finding is about.
    pub line: usize,
    /// What is wrong and, for errors, what was expected instead.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `file:line`.
    pub fn warning(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// An error at `file:line`.
    pub fn error(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same finding as an error (what `--strict` does to warnings).
    pub fn into_error(self) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..self
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.severity, self.message
        )
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_file_line_severity_message() {
        let w = Diagnostic::warning("spec/a.md", 12, "something odd");
        assert_eq!(w.to_string(), "spec/a.md:12: warning: something odd");
        assert!(!w.is_error());
        let e = w.into_error();
        assert!(e.is_error());
        assert_eq!(e.to_string(), "spec/a.md:12: error: something odd");
    }
}
