//! The chair's script as a Word document, on the minutes' page (A4, GB/T 9704-2012 text
//! block, 仿宋 3号, page numbers): the title in 小标宋, the date and the chair centred in
//! 楷体, section headings in 黑体, the stage directions for the video operator in 楷体.

use std::io::Cursor;

use docx_rs::AlignmentType;

use super::ExportError;
use super::docx::{Builder, HEITI, KAITI, SIZE_2, SIZE_3, XIAOBIAOSONG, gbt_document};
use super::script::Script;
use super::words::Words;

/// `created_at` is the package's date (the plan's, so that one agenda gives one file).
pub fn render(s: &Script, created_at: &str) -> Result<Vec<u8>, ExportError> {
    let mut b = Builder::new(Words::of(s.lang));
    let mut doc = gbt_document(&mut b, created_at);
    doc = doc
        .add_paragraph(b.centered(&s.title, XIAOBIAOSONG, SIZE_2))
        .add_paragraph(b.centered(&s.date, KAITI, SIZE_3))
        .add_paragraph(b.centered(&s.chair, KAITI, SIZE_3))
        .add_paragraph(b.blank());
    for sec in &s.sections {
        doc = doc.add_paragraph(b.heading(&sec.heading, HEITI));
        for p in &sec.paragraphs {
            let para = if p.note {
                let r = b.run(&p.text, KAITI, SIZE_3);
                b.p().add_run(r).align(AlignmentType::Center)
            } else {
                b.body(&p.text)
            };
            doc = doc.add_paragraph(para);
        }
    }
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}
