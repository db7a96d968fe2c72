//! Warnings and errors about a page, each pointing at `file:line`.
