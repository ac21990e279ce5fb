#!/usr/bin/env sh
# The pre-commit hook (see .pre-commit-hooks.yaml): runs `copilot-manifest check` in the
# repository being committed to, with any `args:` from .pre-commit-config.yaml.
#
# pre-commit's `language: rust` runs `cargo install --path .` at this repository's root, which a
# virtual workspace manifest refuses, so the hook installs the CLI itself: a `copilot-manifest`
# already on PATH is used as it is, else the one built from this checkout of the hook's
# repository (once, into its own directory, with the committed Cargo.lock).
set -eu
if command -v copilot-manifest >/dev/null 2>&1; then
  exec copilot-manifest check . "$@"
fi
hook_repo=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
bin="$hook_repo/.hook-install/bin/copilot-manifest"
if [ ! -x "$bin" ]; then
  echo "copilot-manifest: building the CLI once (cargo install --locked)…" >&2
  cargo install --locked --quiet --path "$hook_repo/crates/cli" --root "$hook_repo/.hook-install" >&2
fi
exec "$bin" check . "$@"
