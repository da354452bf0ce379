//! Integration tests: one binary, a module per feature (mdBook's layout).
//! Fixtures live in tests/fixtures/<name>/.

mod ad_exports;
mod adversarial;
mod browser;
mod browser_paper;
mod check;
mod cli;
mod crm_exports;
mod deal_stages;
mod demo;
mod downloads;
mod fuzz;
mod generic_schemas;
mod golden;
mod harness;
mod hostile;
mod ingest;
mod metrics;
mod one_file;
mod output;
mod parsers;
mod publish;
mod real_portals;
mod safety;
mod salesforce;
mod time_logs;
mod tiny;
mod views;
