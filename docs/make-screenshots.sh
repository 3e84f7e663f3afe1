#!/usr/bin/env bash
# Writes the manual's configuration reference, and renders its screenshots into docs/images/ with
# `snapshot`: the bundled demo at 12:10, every page, two sizes; the facilitator's day on a sheet that
# changes through it; other languages; several rooms. The updates page reads docs/updates-demo/,
# served on 127.0.0.1:8765 as Mastodon and Bluesky would. KIOSK names the command (default:
# open-spaces-kiosk), PYTHON the Python that has the package (default: python3).
set -euo pipefail
cd "$(dirname "$0")/.."
kiosk="${KIOSK:-open-spaces-kiosk}"
python="${PYTHON:-python3}"
images=docs/images
# The configuration reference, generated from the config's schema.
"$python" scripts/config_reference.py
for size in 1920x1080 1080x1920; do
    for page in now today propose; do
        "$kiosk" snapshot --page "$page" --size "$size" --at 2026-12-05T12:10 --output "$images/$page-$size.png"
    done
done
# The vote page and an urgent message: the demo config with a vote form, its results and an alert.
extra="$(mktemp -d)"
server=""
trap 'rm -rf "$extra"; [ -z "$server" ] || kill $server' EXIT
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
        --output "$images/vote-$size.png"
done
echo "Room H-103 moved to H-201 — follow the signs past the registration desk" > "$extra/alert.txt"
printf '[alert]\nurl = "%s"\n' "$extra/alert.txt" >> "$extra/kiosk.toml"
"$kiosk" snapshot --config "$extra/kiosk.toml" --page now --size 1920x1080 --at 2026-12-05T12:10 \
    --output "$images/alert-1920x1080.png"
# The organisers' updates, from the sample feeds in docs/updates-demo/ served as Mastodon and Bluesky would.
"$python" -m http.server 8765 --bind 127.0.0.1 --directory docs/updates-demo >/dev/null 2>&1 &
server=$!
for size in 1920x1080 1080x1920; do
    XDG_CACHE_HOME="$extra/cache" "$kiosk" snapshot --config docs/updates-demo/kiosk.toml --page updates \
        --size "$size" --at 2026-12-05T12:10 --output "$images/updates-$size.png"
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
        --output "$images/now-$language-1920x1080.png"
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
        --output "$images/rooms-$size.png"
done
# The facilitator's day: a published sheet (here a file) that the facilitator edits through the day.
day="$extra/day"
mkdir -p "$day"
sheet="$day/sheet.csv"
cat > "$sheet" <<'CSV'
PyConf Open Spaces — Room H-103
Date,Time,Topic,Facilitator,Status
05/12/2026,10:00 - 10:30,Opening circle,The facilitators,
05/12/2026,10:30 - 11:00,Type hints in old code,Priya,
05/12/2026,11:00 - 11:30,Packaging in 2026,Arjun Mehta,
05/12/2026,11:30 - 12:00,,,
05/12/2026,12:00 - 12:30,Teaching Python to kids,Kavya,
05/12/2026,12:30 - 13:00,,,
05/12/2026,13:00 - 13:30,DuckDB for data engineering,Rahul,proposed
05/12/2026,13:00 - 13:30,Maintainer burnout: a support circle,Sam,proposed
05/12/2026,13:30 - 14:00,,,
05/12/2026,14:00 - 14:30,Lightning talks practice,Ana,
05/12/2026,14:30 - 15:00,,,
05/12/2026,15:00 - 15:30,Rust for Pythonistas,Wei,
CSV
printf 'Timestamp,Which session should get the slot?\n1,DuckDB for data engineering\n2,Maintainer burnout: a support circle\n3,DuckDB for data engineering\n4,DuckDB for data engineering\n' \
    > "$day/votes.csv"
cat > "$day/kiosk.toml" <<TOML
[event]
name = "PyConf Open Spaces"
room = "H-103"
timezone = "Asia/Kolkata"
date = "2026-12-05"
[source]
url = "$sheet"
[slots]
start = "10:00"
end = "17:00"
[propose]
url = "https://forms.gle/zpggD5uMoxTraPYU8"
[vote]
url = "https://docs.google.com/forms/d/e/1FAIpQLSfEXAMPLE/viewform?usp=pp_url&entry.1234567={title}"
results = "$day/votes.csv"
[cache]
dir = "$day/cache"
TOML
moment() {  # page, time of day (ISO), name: the board at that moment, landscape
    "$kiosk" snapshot --config "$day/kiosk.toml" --page "$1" --at "$2" --output "$images/day-$3.png"
}
moment now 2026-12-04T19:30 evening
moment now 2026-12-05T09:40 morning
# A topic added in the open 11:30 slot.
sed -i 's|^05/12/2026,11:30 - 12:00,,,$|05/12/2026,11:30 - 12:00,Async Python in production,Lena,|' "$sheet"
moment now 2026-12-05T11:20 topic
# The vote for 13:00, then resolved: the winner scheduled, the other moved to the open 13:30 slot.
moment vote 2026-12-05T12:40 vote
sed -i -e 's|^\(05/12/2026,13:00 - 13:30,DuckDB for data engineering,Rahul,\)proposed$|\1|' \
    -e 's|^05/12/2026,13:00 - 13:30,\(Maintainer burnout: a support circle,Sam,\)proposed$|05/12/2026,13:30 - 14:00,\1|' \
    -e '/^05\/12\/2026,13:30 - 14:00,,,$/d' "$sheet"
moment today 2026-12-05T12:50 resolved
# After the last slot, then out of the screen's hours.
moment now 2026-12-05T17:10 over
printf '[display]\non = "09:00"\noff = "18:30"\n' >> "$day/kiosk.toml"
moment now 2026-12-05T20:00 night
# An urgent message: a row whose status is alert.
cp "$sheet" "$day/before-alert.csv"
echo '05/12/2026,,Room H-103 moved to H-201 — follow the signs past the registration desk,,alert' >> "$sheet"
moment now 2026-12-05T13:10 alert
# The sheet unpublished: the address answers with a login page; the board keeps the copy it read at 13:50.
cp "$day/before-alert.csv" "$sheet"
"$python" - "$day/cache" "$sheet" <<'PY'
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.fetch.cache import CachedCopy, save_cache

cache, sheet = Path(sys.argv[1]), Path(sys.argv[2])
fetched = datetime(2026, 12, 5, 13, 50, tzinfo=ZoneInfo("Asia/Kolkata"))
save_cache(cache, CachedCopy(url=str(sheet), body=sheet.read_bytes(), fetched_at=fetched, name=sheet.name))
PY
printf '<!DOCTYPE html>\n<html><head><title>Sign in - Google Accounts</title></head><body>Sign in</body></html>\n' > "$sheet"
moment now 2026-12-05T14:10 unreadable 2>/dev/null
# The remote page as a phone shows it: the demo with [remote] on 127.0.0.1, read by headless Chromium.
if command -v chromium >/dev/null 2>&1; then
    remote="$extra/remote"
    mkdir -p "$remote"
    "$python" -m http.server 8767 --bind 127.0.0.1 --directory config >/dev/null 2>&1 &
    server="$server $!"
    sed -e 's|^url = "demo-schedule.json"|url = "http://127.0.0.1:8767/demo-schedule.json"|' -e '/^\[cache\]/,$d' \
        config/kiosk.toml > "$remote/kiosk.toml"
    printf '[cache]\ndir = "%s/cache"\n[remote]\nlisten = "127.0.0.1:8766"\ntoken = "%s"\n' \
        "$remote" "Qm7tR2xV9kLp4wZc8NbF3hJs" >> "$remote/kiosk.toml"
    SDL_VIDEODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1 "$kiosk" --config "$remote/kiosk.toml" --windowed --size 1920x1080 2>/dev/null &
    server="$server $!"
    "$python" - <<'PY'  # until the remote page answers (a count of tries)
import time
import urllib.error
import urllib.request

for _ in range(50):
    try:
        urllib.request.urlopen("http://127.0.0.1:8766/", timeout=1)
    except urllib.error.HTTPError:
        break  # it answers: 401 without the token
    except OSError:
        time.sleep(0.2)
    else:
        break
else:
    raise SystemExit("the kiosk's remote page did not answer: its screenshot is left as it is")
PY
    sleep 2  # the first frame and the first fetch
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=3000 \
        --window-size=390,844 --screenshot="$images/remote-390x844.png" \
        "http://127.0.0.1:8766/?token=Qm7tR2xV9kLp4wZc8NbF3hJs" 2>/dev/null
else
    echo "chromium is not installed: the remote page's screenshot is left as it is" >&2
fi
