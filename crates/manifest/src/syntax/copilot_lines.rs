//! The line numbers inside Copilot's decoding errors (`yaml: unmarshal errors:\n  line N: …`).
//!
//! Copilot never decodes the file as written: its interpolator parses it into a `yaml.Node`,
//! substitutes `${VAR}`s and re-serializes the tree with yaml.v3's encoder (indent 2) before
//! unmarshalling it (`internal/pkg/manifest/interpolate.go`, `Interpolate` → `marshalYAML`). So
//! yaml.v3's `line N` counts lines of that re-serialized text. The encoder keeps every key,
//! value and comment on a line of its own as written, but drops blank lines, except one blank
//! line after the document's head comment (the comments that open the file, when a blank line
//! follows them: yaml.v3's emitter writes a line break after it) and one between two comment
//! blocks at the same indentation (kept inside the comment yaml.v3 attaches them to); lines of
//! a block scalar (`|`, `>`) keep their blank lines. Checked against Copilot's
//! own verdicts in `../shared/conformance/differential/` (tests/differential.rs).
//!
//! Not modelled (they shift later lines by a few, and no corpus manifest has them): a flow
//! collection or a quoted scalar written over several lines (the encoder writes it on one), a
//! `---` after comments, an interpolated JSON list turned into a block sequence.

/// Maps a 1-based line of the file as written to the line yaml.v3 names after Copilot's
/// re-serialization.
#[derive(Clone, Debug, Default)]
pub struct CopilotLines {
    /// Index: source line - 1.
    lines: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Comment,
    Content,
}

impl CopilotLines {
    pub fn new(text: &str) -> Self {
        let mut lines = Vec::with_capacity(text.len() / 24 + 1);
        let mut n: u32 = 0;
        let mut last = Last::Nothing;
        let mut blank_before = false;
        let mut seen_content = false;
        // Indentation of the first line of the current comment block.
        let mut comment_indent = 0usize;
        // Inside a block scalar: the indentation of its header line, and blank lines seen
        // inside it (kept only if more of the scalar follows).
        let mut scalar: Option<usize> = None;
        let mut scalar_blanks: u32 = 0;
        for raw in text.split('\n') {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let trimmed = line.trim_start_matches([' ', '\t']);
            let indent = line.len() - trimmed.len();
            let blank = trimmed.trim_end().is_empty();
            if let Some(header_indent) = scalar {
                if blank {
                    scalar_blanks += 1;
                    lines.push(n.max(1));
                    continue;
                }
                if indent > header_indent {
                    n = n.saturating_add(scalar_blanks + 1);
                    scalar_blanks = 0;
                    lines.push(n);
                    continue;
                }
                scalar = None;
                blank_before = blank_before || scalar_blanks > 0;
                scalar_blanks = 0;
            }
            if blank {
                blank_before = last != Last::Nothing;
                lines.push(n.max(1));
                continue;
            }
            let comment = trimmed.starts_with('#');
            // The comments that open the file, set off by a blank line, are the document's head
            // comment: the encoder writes a blank line after it, whatever follows.
            if blank_before
                && last == Last::Comment
                && (!seen_content || (comment && indent == comment_indent))
            {
                n = n.saturating_add(1);
            }
            if comment {
                let new_block = blank_before || last != Last::Comment;
                if new_block {
                    comment_indent = indent;
                }
                last = Last::Comment;
            } else if last == Last::Nothing && trimmed.trim_end() == "---" {
                // The encoder writes no start marker for the (only) document.
                blank_before = false;
                lines.push(n.max(1));
                continue;
            } else {
                last = Last::Content;
                seen_content = true;
                if opens_block_scalar(trimmed) {
                    scalar = Some(indent);
                }
            }
            blank_before = false;
            n = n.saturating_add(1);
            lines.push(n);
        }
        Self { lines }
    }

    /// The re-serialized line of a 1-based source line (the last known one past the end).
    pub fn line(&self, source_line: u32) -> u32 {
        let i = usize::try_from(source_line.saturating_sub(1)).unwrap_or(usize::MAX);
        self.lines
            .get(i)
            .or_else(|| self.lines.last())
            .copied()
            .unwrap_or(source_line)
    }
}

/// Whether a content line ends with a block scalar header (`key: |`, `- >-`, `key: |2 # note`).
fn opens_block_scalar(line: &str) -> bool {
    let code = match line.find(" #") {
        Some(i) => line.get(..i).unwrap_or(line),
        None => line,
    };
    let code = code.trim_end();
    let Some(last_word) = code.rsplit([' ', '\t']).next() else {
        return false;
    };
    let mut chars = last_word.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
        && (code.len() == last_word.len()
            || code
                .get(..code.len() - last_word.len())
                .is_some_and(|head| head.trim_end().ends_with(':') || head.trim_end() == "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_go_except_between_comment_blocks_at_one_indentation() {
        let text = "# header\n# more\n\n# about name\nname: api\n\n# a foot\n\n# a head\nimage:\n  build: x\n  # nested foot\n\n# next\nport: 80\n";
        let lines = CopilotLines::new(text);
        // header 1-2, kept blank 3, "# about name" 4, name 5, (blank dropped), "# a foot" 6,
        // kept blank 7, "# a head" 8, image 9, build 10, nested foot 11, (dropped: the block
        // before is indented), "# next" 12, port 13.
        assert_eq!(lines.line(5), 5);
        assert_eq!(lines.line(10), 9);
        assert_eq!(lines.line(11), 10);
        assert_eq!(lines.line(15), 13);
    }

    #[test]
    fn a_blank_line_follows_the_header_comment() {
        let lines = CopilotLines::new("# header\n\n\nname: x\n\ntype: y\n");
        assert_eq!(lines.line(4), 3);
        assert_eq!(lines.line(6), 4);
        // Without a blank line the comment belongs to the first key: nothing is added.
        assert_eq!(
            CopilotLines::new("# about name\nname: x\n\ntype: y\n").line(4),
            3
        );
    }

    #[test]
    fn block_scalars_keep_their_blank_lines() {
        let text = "a: |\n  one\n\n  two\n\nb: 1\n";
        let lines = CopilotLines::new(text);
        assert_eq!(lines.line(4), 4);
        assert_eq!(lines.line(6), 5);
    }

    #[test]
    fn a_leading_start_marker_is_not_written() {
        let lines = CopilotLines::new("---\nname: x\ntype: y\n");
        assert_eq!(lines.line(3), 2);
    }

    #[test]
    fn past_the_end_is_the_last_line() {
        assert_eq!(CopilotLines::new("a: 1\n").line(99), 1);
        assert_eq!(CopilotLines::default().line(7), 7);
    }
}
