//! A mock Antom server for tests.
