//! The output folder: built aside and swapped in, never half-written, never
//! replacing something that is not an earlier Equinox site.

use super::harness::{all_files, build, fixture};

#[test]
fn a_failing_build_leaves_the_previous_site_byte_identical() {
    let (_guard, site) = build(&fixture("tiny"));
    let before = all_files(&site);
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    // A note quoting a lead's email makes the privacy guard stop the build.
    std::fs::write(input.join("notes/2026-Q3.md"), "ann.lee@alpha.example\n").unwrap();
    let result = equinox::cmd::build(&equinox::cmd::BuildOptions {
        input,
        output: site.clone(),
        strict: false,
        accept_restated: Vec::new(),
    });
    assert!(result.is_err());
    assert_eq!(all_files(&site), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".equinox"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder is left behind: {leftovers:?}"
    );
}

#[test]
fn a_rebuild_replaces_the_site_and_drops_files_no_longer_made() {
    let (_guard, site) = build(&fixture("tiny"));
    std::fs::write(site.join("stale.html"), "old").unwrap();
    equinox::cmd::build(&equinox::cmd::BuildOptions {
        input: fixture("tiny"),
        output: site.clone(),
        strict: false,
        accept_restated: Vec::new(),
    })
    .unwrap();
    assert!(!site.join("stale.html").exists());
    assert!(site.join(".equinox-site").is_file());
}

#[test]
fn a_folder_that_is_not_an_equinox_site_is_never_replaced() {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("documents");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("thesis.docx"), "precious").unwrap();
    let error = equinox::cmd::build(&equinox::cmd::BuildOptions {
        input: fixture("tiny"),
        output: output.clone(),
        strict: false,
        accept_restated: Vec::new(),
    })
    .expect_err("must refuse");
    assert!(format!("{error:#?}").contains("NotASite"), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(output.join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn an_output_folder_holding_the_input_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let error = equinox::cmd::build(&equinox::cmd::BuildOptions {
        input: input.clone(),
        output: temp.path().to_path_buf(),
        strict: false,
        accept_restated: Vec::new(),
    })
    .expect_err("must refuse");
    assert!(
        error.to_string().contains("cannot write the site"),
        "{error}"
    );
    assert!(input.join("equinox.toml").is_file());
}

#[test]
fn links_inside_an_old_site_are_removed_not_followed() {
    let (_guard, site) = build(&fixture("tiny"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.txt"), "mine").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.join("elsewhere")).unwrap();
    equinox::cmd::build(&equinox::cmd::BuildOptions {
        input: fixture("tiny"),
        output: site.clone(),
        strict: false,
        accept_restated: Vec::new(),
    })
    .unwrap();
    assert!(!site.join("elsewhere").exists());
    assert_eq!(
        std::fs::read_to_string(outside.path().join("keep.txt")).unwrap(),
        "mine"
    );
}
