//! Integration tests: one binary, a module per feature (mdBook's layout).
//! Fixtures live in tests/fixtures/<name>/.

mod ad_exports;
mod cli;
mod demo;
mod generic_schemas;
mod harness;
mod time_logs;
mod tiny;
