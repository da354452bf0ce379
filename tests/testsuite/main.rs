//! Integration tests: one binary, a module per feature (mdBook's layout).
//! Fixtures live in tests/fixtures/<name>/.

mod ad_exports;
mod browser;
mod check;
mod cli;
mod crm_exports;
mod demo;
mod fuzz;
mod generic_schemas;
mod golden;
mod harness;
mod hostile;
mod ingest;
mod metrics;
mod output;
mod parsers;
mod real_portals;
mod safety;
mod salesforce;
mod time_logs;
mod tiny;
