//! Commentary: Markdown from input/notes/ rendered and sanitised, so a note
//! can format text but never run a script or load anything.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown to HTML safe to place in a page.
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .url_schemes(["https", "http", "mailto"].into())
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"])
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = markdown_to_safe_html(
            "**Bold** <script>alert(1)</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">l</a> ![i](http://x/t.png)",
        );
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onclick"));
        assert!(!html.contains("<img"));
    }
}
