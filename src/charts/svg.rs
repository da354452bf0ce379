//! Charts stage (data structs in, SVG string out, no file I/O): renders a
//! drawing closure into an SVG string with plotters and post-processes the
//! document for accessibility (`role`, `<title>`, `<desc>`, `viewBox`).

use std::fmt::Write;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout;
use super::style::{self, MARGIN, NEUTRAL, NOTE_PX, PAPER};

pub(super) use super::canvas::{Area, DrawResult};

/// Note drawn when a chart has nothing to show.
pub(super) const NO_DATA: &str = "No data for this chart";

/// What a chart document is: id prefix, title, text summary and size.
pub(super) struct Meta<'a> {
    /// Prefix of the `<title>` and `<desc>` ids, unique per chart type.
    pub id: &'static str,
    /// Title drawn on top and written into `<title>`.
    pub title: &'a str,
    /// Plain-text summary of the data written into `<desc>`.
    pub desc: String,
    /// Width and height in pixels.
    pub size: (u32, u32),
}

/// Renders `draw` (or, when it is `None` or fails, an empty frame with a
/// note) and returns the accessible SVG document.
pub(super) fn document<F>(meta: &Meta, draw: Option<F>) -> String
where
    F: FnOnce(&Area) -> DrawResult,
{
    let body = draw
        .and_then(|draw| render(meta.size, draw))
        .or_else(|| render(meta.size, |area| empty_frame(area, meta.title)))
        .unwrap_or_else(|| minimal(meta));
    accessible(&body, meta)
}

fn render<F>(size: (u32, u32), draw: F) -> Option<String>
where
    F: FnOnce(&Area) -> DrawResult,
{
    let mut buffer = String::new();
    {
        let root = SVGBackend::with_string(&mut buffer, size).into_drawing_area();
        root.fill(&PAPER).ok()?;
        draw(&root).ok()?;
        root.present().ok()?;
    }
    Some(buffer)
}

fn empty_frame(root: &Area, title: &str) -> DrawResult {
    let body = layout::header(root, title, &[])?;
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let frame = [(MARGIN, 0), (width - MARGIN, height - MARGIN)];
    body.draw(&Rectangle::new(frame, style::GRID.stroke_width(2)))?;
    let note = style::text(NOTE_PX, &NEUTRAL).pos(Pos::new(HPos::Center, VPos::Center));
    body.draw(&Text::new(
        NO_DATA,
        (width / 2, (height - MARGIN) / 2),
        note,
    ))?;
    Ok(())
}

/// Hand-written last resort, used only if plotters itself fails.
fn minimal(meta: &Meta) -> String {
    let (width, height) = meta.size;
    let ink = style::INK_HEX;
    format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n\
         <text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-family=\"{font}\" \
         font-size=\"{size}\" fill=\"{ink}\">{note}</text>\n</svg>\n",
        x = width / 2,
        y = height / 2,
        font = style::FONT_FAMILY,
        size = NOTE_PX,
        note = NO_DATA,
    )
}

/// Adds `viewBox` (if missing), `role="img"`, `aria-labelledby` and the
/// `<title>`/`<desc>` children to the root element.
fn accessible(svg: &str, meta: &Meta) -> String {
    let Some(open_end) = svg.strip_prefix("<svg").and_then(|rest| rest.find('>')) else {
        return svg.to_owned();
    };
    let (open, rest) = svg.split_at(open_end + "<svg".len());
    let open = open.trim_end_matches('/');
    let id = meta.id;
    let mut out = String::with_capacity(svg.len() + meta.desc.len() + 256);
    out.push_str(open);
    if !open.contains(" viewBox=") {
        let (width, height) = meta.size;
        let _ = write!(out, " viewBox=\"0 0 {width} {height}\"");
    }
    let _ = write!(
        out,
        " role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        escape(meta.title),
        escape(&meta.desc),
    );
    out.push_str(rest.trim_start_matches('>'));
    out
}

/// XML-escapes `& < > " '`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str) -> Meta<'_> {
        Meta {
            id: "test-chart",
            title,
            desc: "A <b> & 'c'".to_owned(),
            size: (200, 100),
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
    }

    #[test]
    fn adds_title_desc_and_role() {
        let out = accessible(
            "<svg width=\"200\" height=\"100\">\n<rect/>\n</svg>",
            &meta("T"),
        );
        assert!(out.starts_with("<svg width=\"200\" height=\"100\" viewBox=\"0 0 200 100\""));
        assert!(out.contains("role=\"img\" aria-labelledby=\"test-chart-title test-chart-desc\">\n<title id=\"test-chart-title\">T</title>"));
        assert!(out.contains(
            "<desc id=\"test-chart-desc\">A &lt;b&gt; &amp; &apos;c&apos;</desc>\n<rect/>"
        ));
    }

    #[test]
    fn keeps_existing_view_box() {
        let out = accessible("<svg viewBox=\"0 0 1 1\">\n</svg>", &meta("T"));
        assert_eq!(out.matches("viewBox").count(), 1);
    }

    #[test]
    fn minimal_document_is_accessible() {
        let out = accessible(&minimal(&meta("<T>")), &meta("<T>"));
        assert!(out.starts_with("<svg"));
        assert!(out.contains("<title id=\"test-chart-title\">&lt;T&gt;</title>"));
        assert!(out.contains(NO_DATA));
    }

    #[test]
    fn failing_drawing_falls_back_to_empty_frame() {
        let out = document(&meta("Broken"), Some(|_: &Area| Err("boom".into())));
        assert!(out.contains(NO_DATA));
        assert!(out.contains("Broken"));
    }
}
