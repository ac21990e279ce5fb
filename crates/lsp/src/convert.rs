//! LSP positions (0-based line, column in the negotiated unit) ↔ the core's byte offsets and
//! 1-based positions. Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP and in the core's
//! `LineIndex`.

use copilot_manifest::syntax::LineIndex;
use copilot_manifest::{ColumnUnit, Position as CorePosition};
use lsp_types::{Position, Range};

/// The byte offset of an LSP position in `text`; past the end of a line it is the line's end,
/// past the last line the text's end, inside a character its start.
pub fn offset(text: &str, pos: Position, unit: ColumnUnit) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut line = 0;
    while line < pos.line {
        let Some(rest) = bytes.get(start..) else {
            return text.len();
        };
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) => {
                let at = start + i;
                start = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                line += 1;
            }
            None => return text.len(),
        }
    }
    let mut units = 0u32;
    for (i, c) in text.get(start..).unwrap_or("").char_indices() {
        if c == '\n' || c == '\r' || units >= pos.character {
            return start + i;
        }
        units += match unit {
            ColumnUnit::Utf16 => c.len_utf16() as u32,
            ColumnUnit::Utf8 => c.len_utf8() as u32,
            ColumnUnit::Chars => 1,
        };
        if units > pos.character {
            // Inside a character: its start.
            return start + i;
        }
    }
    text.len()
}

/// An LSP range from the core's 1-based position (end exclusive, as LSP's).
pub fn range(p: CorePosition) -> Range {
    Range::new(
        Position::new(p.line.saturating_sub(1), p.column.saturating_sub(1)),
        Position::new(p.end_line.saturating_sub(1), p.end_column.saturating_sub(1)),
    )
}

/// An LSP range of a byte span in `text`.
pub fn span_range(text: &str, start: usize, end: usize, unit: ColumnUnit) -> Range {
    let index = LineIndex::new(text);
    let (line, column) = index.position(start, unit);
    let (end_line, end_column) = index.position(end.max(start), unit);
    range(CorePosition {
        line,
        column,
        end_line,
        end_column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_each_unit() {
        let text = "a: 1\r\nb: \u{1F600}x\rc\n";
        let x = text.find('x').unwrap();
        assert_eq!(offset(text, Position::new(1, 5), ColumnUnit::Utf16), x);
        assert_eq!(offset(text, Position::new(1, 7), ColumnUnit::Utf8), x);
        assert_eq!(offset(text, Position::new(1, 4), ColumnUnit::Chars), x);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(offset(text, Position::new(1, 4), ColumnUnit::Utf16), x - 4);
        assert_eq!(offset(text, Position::new(2, 0), ColumnUnit::Utf16), x + 2);
        assert_eq!(offset(text, Position::new(0, 99), ColumnUnit::Utf16), 4);
        assert_eq!(
            offset(text, Position::new(9, 0), ColumnUnit::Utf16),
            text.len()
        );
        let r = span_range(text, x, x + 1, ColumnUnit::Utf16);
        assert_eq!(r, Range::new(Position::new(1, 5), Position::new(1, 6)));
    }
}
