//! Table-driven tests.
