//! The page templates: built into the binary, each replaceable by a file of
//! the same name in the folder the `templates` setting names. Nothing is
//! replaced unless that setting asks (a stray templates/ folder in the
//! working directory once replaced the pages silently).

use serde::Serialize;
use std::path::{Path, PathBuf};

/// The built-in templates, by name.
const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("review.html", include_str!("../../templates/review.html")),
    ("brief.html", include_str!("../../templates/brief.html")),
    (
        "brief_body.html",
        include_str!("../../templates/brief_body.html"),
    ),
    (
        "publication.html",
        include_str!("../../templates/publication.html"),
    ),
    ("table.html", include_str!("../../templates/table.html")),
    ("section.html", include_str!("../../templates/section.html")),
];

/// A template that failed to load or render.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read template {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the templates folder {path} (the `templates` setting in equinox.toml) is not a folder"
    )]
    NoFolder { path: PathBuf },
    #[error("template {name}: {message}")]
    Tera { name: String, message: String },
}

fn tera_error(name: &str, error: tera::Error) -> TemplateError {
    TemplateError::Tera {
        name: name.to_string(),
        message: crate::error_chain(&error),
    }
}

/// The built-in templates a file in `dir` replaces, by name.
pub fn overridden(dir: &Path) -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| dir.join(name).is_file())
        .collect()
}

/// Loads the templates, taking overrides from `overrides` where present.
pub fn load(overrides: Option<&Path>) -> Result<tera::Tera, TemplateError> {
    if let Some(dir) = overrides.filter(|dir| !dir.is_dir()) {
        return Err(TemplateError::NoFolder { path: dir.into() });
    }
    let mut sources = Vec::new();
    for (name, built_in) in BUILT_IN {
        let path = overrides.map(|dir| dir.join(name)).filter(|p| p.is_file());
        let text = match path {
            Some(path) => std::fs::read_to_string(&path)
                .map_err(|source| TemplateError::Read { path, source })?,
            None => built_in.to_string(),
        };
        sources.push((*name, text));
    }
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(sources)
        .map_err(|e| tera_error("templates", e))?;
    Ok(tera)
}

/// Renders a page from its view model.
pub fn render<T: Serialize>(
    tera: &tera::Tera,
    name: &str,
    page: &T,
) -> Result<Vec<u8>, TemplateError> {
    let context = tera::Context::from_serialize(page).map_err(|e| tera_error(name, e))?;
    tera.render(name, &context)
        .map(String::into_bytes)
        .map_err(|e| tera_error(name, e))
}
