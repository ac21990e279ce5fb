//! The vocabulary of the key tables: how Copilot decodes a key ([`Kind`]), one key's entry
//! ([`Key`]) and a workload type's table ([`Table`]). Hand-written; the generated
//! `key_table` module holds the data and `keys` checks manifests against it.

/// How Copilot decodes a key (see the vocabulary of `manifest-fields.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Str,
    Duration,
    Map,
    Int,
    Bool,
    U16,
    U32,
    Float,
    StrList,
    MapList,
    /// A map whose keys the user chooses (`variables`, `sidecars`); listed `<key>` children describe its values.
    UserMap,
    /// Either-or forms decoded by Copilot's own decoders; their errors come from `model`.
    Union,
    Any,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Str,
        Kind::Duration,
        Kind::Map,
        Kind::Int,
        Kind::Bool,
        Kind::U16,
        Kind::U32,
        Kind::Float,
        Kind::StrList,
        Kind::MapList,
        Kind::UserMap,
        Kind::Union,
        Kind::Any,
    ];

    /// The variant's name, as the schema JSON spells it (`"U16"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Str => "Str",
            Kind::Duration => "Duration",
            Kind::Map => "Map",
            Kind::Int => "Int",
            Kind::Bool => "Bool",
            Kind::U16 => "U16",
            Kind::U32 => "U32",
            Kind::Float => "Float",
            Kind::StrList => "StrList",
            Kind::MapList => "MapList",
            Kind::UserMap => "UserMap",
            Kind::Union => "Union",
            Kind::Any => "Any",
        }
    }

    /// The kind in words, for hovers and completion details.
    pub fn words(self) -> &'static str {
        match self {
            Kind::Str => "string",
            Kind::Duration => "duration, like 30s or 1m30s",
            Kind::Map => "map",
            Kind::Int => "integer",
            Kind::Bool => "boolean: true or false",
            Kind::U16 => "integer from 0 to 65535, unquoted",
            Kind::U32 => "unsigned integer",
            Kind::Float => "number",
            Kind::StrList => "list of strings",
            Kind::MapList => "list of maps",
            Kind::UserMap => "map with keys you choose",
            Kind::Union => "one of several forms (a value or a map)",
            Kind::Any => "any value",
        }
    }
}

/// One key of a table. Paths are dotted; `[]` stands for any list item and `<key>` for any
/// user-chosen map key. Empty strings and slices mean "none".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub path: &'static str,
    pub kind: Kind,
    /// One line about the key: the spec's description column when it has one, else its type
    /// column when that says more than the kind (`string or list of strings`).
    pub doc: &'static str,
    /// What Copilot enforces on the key (the spec's rules column), for hovers.
    pub note: &'static str,
    /// The spec's required column (`yes`, `yes (per item)`, …).
    pub required: &'static str,
    /// The values completion offers: the closed sets the spec states, and booleans. On a
    /// [`Kind::UserMap`] they are the values of its entries (`image.depends_on`).
    pub values: &'static [&'static str],
    /// The protocols a `PORT/PROTOCOL` value may name (`sidecars.<key>.port`, `nlb.port`).
    pub protocols: &'static [&'static str],
}

impl Key {
    /// The defaults generated entries fill in with `..Key::NONE`.
    pub const NONE: Key = Key {
        path: "",
        kind: Kind::Any,
        doc: "",
        note: "",
        required: "",
        values: &[],
        protocols: &[],
    };
}

/// The keys of one manifest kind: indices into the shared key list, sorted by path so a path is
/// found by binary search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table {
    keys: &'static [Key],
    ids: &'static [u16],
}

impl Table {
    pub const fn new(keys: &'static [Key], ids: &'static [u16]) -> Self {
        Self { keys, ids }
    }

    /// Every key, sorted by path.
    pub fn iter(self) -> impl Iterator<Item = &'static Key> {
        let keys = self.keys;
        self.ids
            .iter()
            .filter_map(move |i| keys.get(usize::from(*i)))
    }

    pub fn len(self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(self) -> bool {
        self.ids.is_empty()
    }

    /// The key at exactly `path` (a table path: `sidecars.<key>.port`).
    pub fn get(self, path: &str) -> Option<&'static Key> {
        let keys = self.keys;
        let path_of = |i: &u16| keys.get(usize::from(*i)).map_or("", |k| k.path);
        self.ids
            .binary_search_by(|i| path_of(i).cmp(path))
            .ok()
            .and_then(|n| self.ids.get(n))
            .and_then(|i| keys.get(usize::from(*i)))
    }

    /// Whether some key lies below `prefix` (`prefix.` something).
    pub fn has_children(self, prefix: &str) -> bool {
        // Paths are sorted, so the first path after `prefix.` is below it if any is: a binary
        // search instead of a scan (the key checker asks this for every map it walks).
        let keys = self.keys;
        let path_of = |i: &u16| keys.get(usize::from(*i)).map_or("", |k| k.path);
        let below = |path: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
        };
        // Every path that starts with `prefix` sorts right after it, contiguously.
        let first = self.ids.partition_point(|i| path_of(i) <= prefix);
        self.ids
            .get(first..)
            .into_iter()
            .flatten()
            .map(path_of)
            .take_while(|p| p.starts_with(prefix))
            .any(below)
    }

    /// The keys directly under `prefix` (`""` for the top level), user-key patterns left out,
    /// with their names.
    pub fn children(self, prefix: &str) -> impl Iterator<Item = (&'static str, &'static Key)> {
        let dotted = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}.")
        };
        self.iter().filter_map(move |k| {
            let rest = k.path.strip_prefix(dotted.as_str())?;
            (!rest.contains('.') && !rest.starts_with('<')).then_some((rest, k))
        })
    }
}
