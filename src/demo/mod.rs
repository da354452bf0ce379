//! PLACEHOLDER until the demo module lands.
pub struct DemoOptions {
    pub leads: usize,
    pub seed: u64,
}
pub struct DemoSummary {
    pub files: Vec<std::path::PathBuf>,
    pub leads: usize,
    pub deals: usize,
    pub spend_rows: usize,
}
pub fn write_demo(_o: &DemoOptions, _out: &std::path::Path) -> std::io::Result<DemoSummary> {
    Ok(DemoSummary {
        files: vec![],
        leads: 0,
        deals: 0,
        spend_rows: 0,
    })
}
