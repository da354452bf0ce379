//! Integration tests: one binary, a module per feature (mdBook's layout).
//! Fixtures live in tests/fixtures/<name>/.

mod cli;
mod demo;
mod harness;
mod salesforce;
mod tiny;
