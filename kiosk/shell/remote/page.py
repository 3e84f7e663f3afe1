"""The remote page for a phone: what the screen shows, and the facts ``check`` and the status file tell.

Plain HTML with a few lines of script that reload the picture and the facts every few seconds; the
buttons are forms, so they work without the script. Every string from outside (the source's
address, errors, problems, titles) is escaped: nothing fetched becomes markup.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from kiosk.core.i18n import ENGLISH, counted
from kiosk.core.model import Problem

PICTURE_WIDTH = 960  # enough for a phone held either way; the screenshot is scaled down to it
RELOAD_SECONDS = 5
SHOWN_PROBLEMS = 20

STYLE = """
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#10141f;color:#f5f6fa}
main{max-width:60rem;margin:auto;padding:.75rem}
h1{font-size:1.3rem;margin:.25rem 0 .75rem}
img{display:block;width:100%;height:auto;background:#1c2233;border:1px solid #2c3550}
.buttons{display:flex;gap:.5rem;margin:.75rem 0}
.buttons form{flex:1}
button{width:100%;font:inherit;font-weight:600;padding:.8rem;border:0;border-radius:.4rem;
background:#ffd43b;color:#10141f}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dt{color:#b2bacc}dd{margin:0;overflow-wrap:anywhere}
.bad{color:#ff8a65}ul{margin:.25rem 0;padding-left:1.2rem}
"""

SCRIPT = f"""
setInterval(async () => {{
  document.getElementById("screen").src = "screenshot.png?width={PICTURE_WIDTH}&t=" + Date.now();
  const answer = await fetch("./", {{cache: "no-store"}});
  const facts = new DOMParser().parseFromString(await answer.text(), "text/html").getElementById("facts");
  if (answer.ok && facts) document.getElementById("facts").replaceWith(facts);
}}, {RELOAD_SECONDS * 1000});
"""


def page(
    record: dict[str, Any],
    *,
    name: str,
    source: str,
    problems: tuple[Problem, ...],
    can_write: bool,
    sides: tuple[str, ...] = (),
) -> str:
    """The whole page; ``record`` is the status record (``kiosk.shell.status.record``), ``sides`` the
    lines ``check`` prints about the side sources (the alert, the votes, ideas waiting, updates)."""
    buttons = (
        '<div class="buttons">'
        '<form method="post" action="refresh"><button>Fetch the schedule now</button></form>'
        '<form method="post" action="page/next"><button>Next page</button></form>'
        "</div>"
        if can_write
        else "<p>Set <code>[remote] token</code> in the kiosk's config to use the buttons.</p>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(name)} — kiosk</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(name)}</h1>"
        f'<img id="screen" src="screenshot.png?width={PICTURE_WIDTH}" alt="What the screen shows now">'
        f"{buttons}{facts(record, source=source, problems=problems, sides=sides)}"
        f"</main><script>{SCRIPT}</script></body></html>"
    )


def facts(
    record: dict[str, Any], *, source: str, problems: tuple[Problem, ...], sides: tuple[str, ...] = ()
) -> str:
    last = record["last_fetch"]
    result = last["result"]
    rows = [
        ("On screen", _on_screen(record)),
        ("Screen", _screen_power(record["screen_power"])),
        ("Schedule", escape(source)),
        ("Read", _read(record)),
        ("Last try", _last_try(last, record["updated"]) if last["at"] else "not yet"),
        ("Result", "ok" if result == "ok" else f'<span class="bad">{escape(str(result))}</span>'),
        ("Problems", _problems(problems)),
        ("Clock", _skew(record.get("clock_skew_seconds"))),
        ("Up for", ENGLISH.elapsed(record["uptime_seconds"])),
        (
            "Memory",
            f"{record['memory_rss_bytes'] / 1024 / 1024:.1f} MiB" if record["memory_rss_bytes"] else "?",
        ),
        ("Version", escape(str(record["version"]))),
    ]
    rows += [("Warning", f'<span class="bad">{escape(w)}</span>') for w in record["warnings"]]
    rows += _side_blocks(sides)
    cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl id="facts">{cells}</dl>'


def _side_blocks(lines: tuple[str, ...]) -> list[tuple[str, str]]:
    """``check``'s paragraphs about the side sources as (heading, body) rows, escaped: "Votes (12
    responses; …)" over its tally, a line each; a paragraph of one sentence ("No alert.") as it is."""
    blocks: list[tuple[str, str]] = []
    for paragraph in _paragraphs(lines):
        first, *rest = paragraph
        head, colon, tail = first.partition(": ")
        if not colon and not first.endswith(":"):
            blocks.append(("Side sources", escape(first)))
            continue
        body = ([tail] if tail else []) + [line.strip() for line in rest]
        blocks.append((escape(head.rstrip(":")), "<br>".join(escape(line) for line in body) or "none"))
    return blocks


def _paragraphs(lines: tuple[str, ...]) -> list[list[str]]:
    found: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [paragraph for paragraph in found if paragraph]


def refusal() -> str:
    """What a visitor without the token sees: nothing about the kiosk but how to get in."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Token needed</title><style>{STYLE}</style></head><body><main>"
        "<h1>Token needed</h1><p>This page needs the kiosk's token. Open this address once with "
        "<code>?token=</code> and the token from <code>[remote] token</code> in the kiosk's config.</p>"
        "</main></body></html>"
    )


def _on_screen(record: dict[str, Any]) -> str:
    display = record["display"]
    size = f" at {display['width']}×{display['height']}" if display else " (no display)"
    return f"{escape(record['page'])}{size}, {record['frames_drawn']} frames drawn"


def _screen_power(power: dict[str, Any]) -> str:
    how = f" ({escape(power['method'])})" if power["method"] else ""
    failed = f'; <span class="bad">power failed: {escape(power["error"])}</span>' if power["error"] else ""
    return f"{escape(power['state'])}{how}{failed}"


def _read(record: dict[str, Any]) -> str:
    if record["format"] is None:
        return '<span class="bad">no schedule yet</span>'
    fetched, updated = record["schedule_fetched_at"], record["updated"]
    when = f"{_time(fetched)} ({_ago(fetched, updated)})" if fetched else "?"
    cached = ", from the saved copy" if record["last_fetch"]["from_cache"] else ""
    return (
        f"{when}{cached}: {escape(record['format'])}, {counted(record['sessions'], 'session')}, "
        f"{counted(record['problems'], 'problem')}"
    )


def _last_try(last: dict[str, Any], updated: str) -> str:
    failures = last["failures"]
    failed = f", {failures} failed in a row" if failures else ""
    return f"{_time(last['at'])} ({_ago(last['at'], updated)}){failed}"


def _problems(problems: tuple[Problem, ...]) -> str:
    if not problems:
        return "none"
    items = "".join(f"<li>{escape(str(p))}</li>" for p in problems[:SHOWN_PROBLEMS])
    more = f"<li>… and {len(problems) - SHOWN_PROBLEMS} more</li>" if len(problems) > SHOWN_PROBLEMS else ""
    return f"<ul>{items}{more}</ul>"


def _skew(seconds: float | None) -> str:
    if seconds is None:
        return "not compared with a server"
    if abs(seconds) < 2:
        return "in step with the schedule's server"
    side = "behind" if seconds > 0 else "ahead of"
    return f"{ENGLISH.elapsed(abs(seconds))} {side} the schedule's server"


def _time(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%H:%M:%S")


def _ago(iso: str, now_iso: str) -> str:
    seconds = (datetime.fromisoformat(now_iso) - datetime.fromisoformat(iso)).total_seconds()
    return f"{ENGLISH.elapsed(max(0.0, seconds))} ago"
