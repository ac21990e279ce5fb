//! Every rule the core can report, as one typed enum: its stable code, default severity, one-line
//! summary, explanation and where the behaviour comes from (the spec section or the Copilot
//! function it ports). `copilot-manifest explain`, SARIF, the language server and the web app
//! read this one table; each rule's examples are fixture folders under
//! `crates/manifest/tests/fixtures/<code>/` (`invalid` and `valid`), checked by insta snapshots.

mod registry;

use serde::{Deserialize, Serialize};

pub use registry::Rule;

/// How serious a finding is: errors are what Copilot would refuse, warnings and infos are ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Declares [`Rule`] and its metadata from one list, so a rule cannot exist without a code,
/// severity, summary, explanation and source, and no two places can disagree about them.
macro_rules! declare_rules {
    ($(
        $(#[$meta:meta])*
        $variant:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            explain: $explain:literal,
            source: $source:literal $(,)?
        }
    )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[$meta])* $variant,)*
        }

        impl Rule {
            /// Every rule, in the order of the registry.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable, kebab-case code shown to users (`connect-alias-without-port`).
            pub const fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// The severity a finding of this rule has unless the rule says otherwise.
            pub const fn severity(self) -> $crate::rules::Severity {
                match self { $(Rule::$variant => $crate::rules::Severity::$severity,)* }
            }

            /// One line: what the rule is about.
            pub const fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }

            /// A paragraph: why Copilot (or we) care, and what to do.
            pub const fn explain(self) -> &'static str {
                match self { $(Rule::$variant => $explain,)* }
            }

            /// Where the behaviour is specified: `shared/spec/copilot-networking.md` sections, or
            /// the Copilot function it ports.
            pub const fn source(self) -> &'static str {
                match self { $(Rule::$variant => $source,)* }
            }

            /// The rule with this code.
            pub fn from_code(code: &str) -> Option<Rule> {
                match code { $($code => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

pub(crate) use declare_rules;

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Rule::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown rule code `{code}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &rule in Rule::ALL {
            let code = rule.code();
            assert!(seen.insert(code), "{code} twice");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{code}"
            );
            assert_eq!(Rule::from_code(code), Some(rule));
            assert!(!rule.summary().is_empty() && !rule.explain().is_empty());
        }
        assert_eq!(Rule::from_code("no-such-rule"), None);
    }
}
