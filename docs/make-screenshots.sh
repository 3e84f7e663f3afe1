#!/usr/bin/env bash
# Renders the README's screenshots with `snapshot`: the bundled demo at 12:10, every page, two sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
kiosk="${KIOSK:-open-spaces-kiosk}"
for size in 1920x1080 1080x1920; do
    for page in now today propose; do
        "$kiosk" snapshot --page "$page" --size "$size" --at 2026-12-05T12:10 --output "docs/$page-$size.png"
    done
done
