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
# An urgent message, from a plain-text [alert] url beside the demo schedule.
alert_dir="$(mktemp -d)"
trap 'rm -rf "$alert_dir"' EXIT
echo "Room H-103 moved to H-201 — follow the signs past the registration desk" > "$alert_dir/alert.txt"
sed -e "s|^url = \"demo-schedule.json\"|url = \"$PWD/config/demo-schedule.json\"|" -e '/^\[cache\]/d' \
    config/kiosk.toml > "$alert_dir/kiosk.toml"
printf '[alert]\nurl = "%s"\n[cache]\ndir = "%s"\n' "$alert_dir/alert.txt" "$alert_dir/cache" >> "$alert_dir/kiosk.toml"
"$kiosk" snapshot --config "$alert_dir/kiosk.toml" --page now --size 1920x1080 --at 2026-12-05T12:10 \
    --output docs/alert-1920x1080.png
