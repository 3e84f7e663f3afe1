#!/usr/bin/env bash
# The board's words: extract every words("key", "English") call into kiosk/locale/kiosk.pot, bring
# each language's .po up to date with it, and compile the .po files into the .mo files the kiosk reads.
#   scripts/catalogues.sh            extract, update and compile
#   scripts/catalogues.sh init xx    start a new language xx (a CLDR name: "sv", "pt_BR", "zh_Hant")
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel="${PYBABEL:-$(dirname "$(command -v python)")/pybabel}"
locale=kiosk/locale
"$pybabel" extract --no-default-keywords -k 'words:1c,2' -k 'self:1c,2' -k 'plural:1c,2,3' \
    --sort-by-file --no-location --no-wrap --omit-header --project open-spaces-kiosk -o "$locale/kiosk.pot" kiosk
if [ "${1:-}" = init ]; then
    "$pybabel" init -D kiosk -i "$locale/kiosk.pot" -d "$locale" -l "$2" --no-wrap
fi
"$pybabel" update -D kiosk -i "$locale/kiosk.pot" -d "$locale" --no-wrap --no-fuzzy-matching --ignore-obsolete \
    --ignore-pot-creation-date
"$pybabel" compile -D kiosk -d "$locale" --statistics
