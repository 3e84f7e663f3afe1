#!/usr/bin/env bash
# Renders the README's screenshots with `snapshot`: the bundled demo at 12:10, every page, two sizes.
# The updates page reads docs/updates-demo/, served on 127.0.0.1:8765 as Mastodon and Bluesky would.
set -euo pipefail
cd "$(dirname "$0")/.."
kiosk="${KIOSK:-open-spaces-kiosk}"
for size in 1920x1080 1080x1920; do
    for page in now today propose; do
        "$kiosk" snapshot --page "$page" --size "$size" --at 2026-12-05T12:10 --output "docs/$page-$size.png"
    done
done
# The vote page and an urgent message: the demo config with a vote form, its results and an alert.
extra="$(mktemp -d)"
server=""
trap 'rm -rf "$extra"; [ -z "$server" ] || kill "$server"' EXIT
sed -e "s|^url = \"demo-schedule.json\"|url = \"$PWD/config/demo-schedule.json\"|" -e '/^\[cache\]/d' \
    config/kiosk.toml > "$extra/kiosk.toml"
printf 'Timestamp,Which session should get the 13:00 slot?\n1,Teaching Python to kids\n2,DuckDB for data engineering\n3,Teaching Python to kids\n' \
    > "$extra/results.csv"
cat >> "$extra/kiosk.toml" <<TOML
[vote]
url = "https://docs.google.com/forms/d/e/1FAIpQLSfEXAMPLE/viewform?usp=pp_url&entry.1234567={title}"
results = "$extra/results.csv"
[cache]
dir = "$extra/cache"
TOML
for size in 1920x1080 1080x1920; do
    "$kiosk" snapshot --config "$extra/kiosk.toml" --page vote --size "$size" --at 2026-12-05T12:10 \
        --output "docs/vote-$size.png"
done
echo "Room H-103 moved to H-201 — follow the signs past the registration desk" > "$extra/alert.txt"
printf '[alert]\nurl = "%s"\n' "$extra/alert.txt" >> "$extra/kiosk.toml"
"$kiosk" snapshot --config "$extra/kiosk.toml" --page now --size 1920x1080 --at 2026-12-05T12:10 \
    --output docs/alert-1920x1080.png
# The organisers' updates, from the sample feeds in docs/updates-demo/ served as Mastodon and Bluesky would.
python3 -m http.server 8765 --bind 127.0.0.1 --directory docs/updates-demo >/dev/null 2>&1 &
server=$!
for size in 1920x1080 1080x1920; do
    XDG_CACHE_HOME="$extra/cache" "$kiosk" snapshot --config docs/updates-demo/kiosk.toml --page updates \
        --size "$size" --at 2026-12-05T12:10 --output "docs/updates-$size.png"
done
# The board in other languages: German on the demo, Japanese and Arabic (mirrored) on their own schedules.
for language in de ja ar; do
    schedule="$PWD/config/demo-schedule.json"
    [ "$language" = de ] || schedule="$PWD/docs/languages/$language.json"
    cat > "$extra/$language.toml" <<TOML
[event]
name = "PyConf Open Spaces"
room = "H-103"
timezone = "Asia/Kolkata"
date = "2026-12-05"
language = "$language"
[source]
url = "$schedule"
[slots]
start = "10:00"
end = "17:00"
[propose]
url = "https://forms.gle/zpggD5uMoxTraPYU8"
[cache]
dir = "$extra/cache"
TOML
    "$kiosk" snapshot --config "$extra/$language.toml" --page now --size 1920x1080 --at 2026-12-05T12:10 \
        --output "docs/now-$language-1920x1080.png"
done
# Several rooms on one board: a pretalx export of four open-space rooms.
cat > "$extra/rooms.toml" <<TOML
[event]
name = "PyConf Open Spaces"
room = "H-103"
timezone = "Asia/Kolkata"
date = "2026-12-05"
[source]
url = "$PWD/tests/data/rooms-frab.json"
rooms = ["Room H-101", "Room H-102", "Room H-103", "Room H-104"]
[slots]
start = "10:00"
end = "18:00"
minutes = 60
[propose]
url = "https://forms.example.org/open-spaces"
[cache]
dir = "$extra/cache"
TOML
for size in 1920x1080 1080x1920; do
    "$kiosk" snapshot --config "$extra/rooms.toml" --page rooms --size "$size" --at 2026-12-05T12:10 \
        --output "docs/rooms-$size.png"
done
