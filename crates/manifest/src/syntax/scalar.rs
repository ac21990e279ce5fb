//! Scalar typing as Copilot sees it: yaml.v3 v3.0.1 resolves each plain scalar to a tag
//! (`resolve.go`), then decodes it into the Go field's type (`decode.go`), spec §2.4.

use super::{Scalar, Style};

const TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// The yaml.v3 tag a scalar resolves to, with the decoded value where one exists.
#[derive(Clone, Debug, PartialEq)]
pub enum ResolvedScalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str,
}

/// Short tag names as yaml.v3 prints them in its errors (`!!str`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Seq,
    Map,
}

impl Tag {
    pub fn short(self) -> &'static str {
        match self {
            Tag::Null => "!!null",
            Tag::Bool => "!!bool",
            Tag::Int => "!!int",
            Tag::Float => "!!float",
            Tag::Str => "!!str",
            Tag::Seq => "!!seq",
            Tag::Map => "!!map",
        }
    }
}

impl ResolvedScalar {
    pub fn tag(&self) -> Tag {
        match self {
            ResolvedScalar::Null => Tag::Null,
            ResolvedScalar::Bool(_) => Tag::Bool,
            ResolvedScalar::Int(_) => Tag::Int,
            ResolvedScalar::Float(_) => Tag::Float,
            ResolvedScalar::Str => Tag::Str,
        }
    }
}

pub fn resolve(s: &Scalar) -> ResolvedScalar {
    if let Some(tag) = &s.tag {
        return match tag.strip_prefix(TAG_PREFIX) {
            Some("null") => ResolvedScalar::Null,
            Some("bool") => resolve_plain(&s.value)
                .filter(|r| matches!(r, ResolvedScalar::Bool(_)))
                .unwrap_or(ResolvedScalar::Str),
            Some("int") => resolve_plain(&s.value)
                .filter(|r| matches!(r, ResolvedScalar::Int(_)))
                .unwrap_or(ResolvedScalar::Str),
            Some("float") => match resolve_plain(&s.value) {
                Some(ResolvedScalar::Int(i)) => ResolvedScalar::Float(i as f64),
                Some(f @ ResolvedScalar::Float(_)) => f,
                _ => ResolvedScalar::Str,
            },
            _ => ResolvedScalar::Str,
        };
    }
    if s.style != Style::Plain {
        return ResolvedScalar::Str;
    }
    resolve_plain(&s.value).unwrap_or(ResolvedScalar::Str)
}

/// `resolve(s) == ResolvedScalar::Null` without resolving numbers: asked of every value the
/// decoder and the key checker look at (callgrind: 5 % of a corpus analysis through `resolve`).
pub fn is_null(s: &Scalar) -> bool {
    match &s.tag {
        Some(tag) => tag.strip_prefix(TAG_PREFIX) == Some("null"),
        None => {
            s.style == Style::Plain
                && matches!(s.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
        }
    }
}

fn resolve_plain(v: &str) -> Option<ResolvedScalar> {
    // Most plain scalars are words (`Dockerfile`, `api`): no null, bool or number starts like
    // them, so skip the comparisons below (this runs for every value the decoder looks at).
    let Some(&first) = v.as_bytes().first() else {
        return Some(ResolvedScalar::Null);
    };
    if !(first.is_ascii_digit()
        || matches!(
            first,
            b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'.' | b'+' | b'-'
        ))
    {
        return None;
    }
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return Some(ResolvedScalar::Null),
        "true" | "True" | "TRUE" => return Some(ResolvedScalar::Bool(true)),
        "false" | "False" | "FALSE" => return Some(ResolvedScalar::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(ResolvedScalar::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(ResolvedScalar::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(ResolvedScalar::Float(f64::NAN)),
        _ => {}
    }
    let first = v.chars().next()?;
    if !(first.is_ascii_digit() || first == '+' || first == '-' || first == '.') {
        return None;
    }
    let plain: String = v.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Some(ResolvedScalar::Int(i));
    }
    if is_yaml_float(&plain) {
        return plain.parse::<f64>().ok().map(ResolvedScalar::Float);
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)` (and ParseUint for the values above i64): an optional
/// sign, then `0x`, `0o`, `0b`, a leading `0` for octal, or decimal.
fn go_parse_int(s: &str) -> Option<i128> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'+' => (false, s.get(1..)?),
        b'-' => (true, s.get(1..)?),
        _ => (false, s),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower.get(1..)?)
    } else {
        (10, lower.as_str())
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(body, radix).ok()? as i128;
    let value = if neg { -magnitude } else { magnitude };
    (value >= i64::MIN as i128).then_some(value)
}

/// yaml.v3's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Decoding into a Go `bool`: resolved booleans, plus the YAML 1.1 words even when quoted.
pub fn as_go_bool(r: &ResolvedScalar, s: &Scalar) -> Option<bool> {
    match r {
        ResolvedScalar::Bool(b) => Some(*b),
        ResolvedScalar::Str => match s.value.as_str() {
            "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
            "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Decoding into a Go unsigned integer of `bits` bits: ints in range, floats truncated.
pub fn as_go_uint(r: &ResolvedScalar, bits: u32) -> Option<u64> {
    let max = if bits >= 64 {
        u64::MAX as i128
    } else {
        (1i128 << bits) - 1
    };
    match r {
        ResolvedScalar::Int(i) if (0..=max).contains(i) => u64::try_from(*i).ok(),
        ResolvedScalar::Float(f) if f.is_finite() && *f > -1.0 && f.trunc() <= max as f64 => {
            Some(f.trunc() as u64)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &str) -> ResolvedScalar {
        resolve(&Scalar {
            value: v.into(),
            style: Style::Plain,
            tag: None,
        })
    }

    #[test]
    fn resolves_like_yaml_v3() {
        assert_eq!(plain("80"), ResolvedScalar::Int(80));
        assert_eq!(plain("+80"), ResolvedScalar::Int(80));
        assert_eq!(plain("017"), ResolvedScalar::Int(15));
        assert_eq!(plain("0x1F"), ResolvedScalar::Int(31));
        assert_eq!(plain("8_080"), ResolvedScalar::Int(8080));
        assert_eq!(plain("0080"), ResolvedScalar::Float(80.0));
        assert_eq!(plain("8e1"), ResolvedScalar::Float(80.0));
        assert_eq!(plain("80.7"), ResolvedScalar::Float(80.7));
        assert_eq!(plain("yes"), ResolvedScalar::Str);
        assert_eq!(plain("~"), ResolvedScalar::Null);
        assert_eq!(plain("1.2.3"), ResolvedScalar::Str);
        assert_eq!(plain("-"), ResolvedScalar::Str);
    }

    #[test]
    fn is_null_agrees_with_resolve() {
        let values = [
            "", "~", "null", "Null", "NULL", "nULL", "0", "false", "api", "~x", " ",
        ];
        let tags = [
            None,
            Some("null"),
            Some("str"),
            Some("int"),
            Some("bool"),
            Some("float"),
        ];
        for value in values {
            for style in [Style::Plain, Style::SingleQuoted, Style::DoubleQuoted] {
                for tag in tags {
                    let s = Scalar {
                        value: value.into(),
                        style,
                        tag: tag.map(|t| format!("{TAG_PREFIX}{t}")),
                    };
                    assert_eq!(
                        is_null(&s),
                        resolve(&s) == ResolvedScalar::Null,
                        "{value:?} {style:?} {tag:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn go_uint16_coercion() {
        assert_eq!(as_go_uint(&plain("80.7"), 16), Some(80));
        assert_eq!(as_go_uint(&plain("70000"), 16), None);
        assert_eq!(as_go_uint(&plain("-1"), 16), None);
        assert_eq!(as_go_uint(&plain("65535"), 16), Some(65535));
    }
}
