//! Byte offsets → 1-based line and column, in Unicode scalar values or UTF-16 units.

use crate::workspace::ColumnUnit;

#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts. `\n`, `\r\n` and a lone `\r` all end a line, as in YAML.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
            i += 1;
        }
        Self { text, starts }
    }

    /// 1-based line and column of a byte offset (clamped into the text and onto a char boundary).
    pub fn position(&self, offset: usize, unit: ColumnUnit) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let prefix = self.text.get(start..offset).unwrap_or("");
        // A BOM is not a column anyone sees.
        let prefix = if start == 0 {
            prefix.strip_prefix('\u{feff}').unwrap_or(prefix)
        } else {
            prefix
        };
        let column = match unit {
            ColumnUnit::Chars => prefix.chars().count(),
            ColumnUnit::Utf16 => prefix.encode_utf16().count(),
            ColumnUnit::Utf8 => prefix.len(),
        };
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// The 1-based line of a byte offset, as yaml.v3 reports it.
    pub fn line(&self, offset: usize) -> u32 {
        self.position(offset, ColumnUnit::Chars).0
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_units() {
        let text = "a: 1\r\nb: \u{1F600}x\nc";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(idx.position(x, ColumnUnit::Chars), (2, 5));
        assert_eq!(idx.position(x, ColumnUnit::Utf16), (2, 6));
        assert_eq!(idx.position(x, ColumnUnit::Utf8), (2, 8));
        assert_eq!(idx.position(text.len(), ColumnUnit::Chars), (3, 2));
        assert_eq!(idx.position(10_000, ColumnUnit::Chars), (3, 2));
    }

    #[test]
    fn bom_is_not_a_column() {
        let idx = LineIndex::new("\u{feff}name: x");
        assert_eq!(idx.position(3, ColumnUnit::Chars), (1, 1));
    }
}
