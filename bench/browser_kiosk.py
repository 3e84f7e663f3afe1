"""What a browser kiosk showing the same board costs, beside the kiosk itself: CPU and PSS, under Xvfb.

Method: a loopback HTTP server (a thread of this script, 127.0.0.1) serves the bundled demo schedule
as ``/schedule.json`` and one HTML page that shows the board the way a web kiosk would: the event's
header with the clock (updated every minute), the "now" page (the session on now, large, and the
next one), the "today" page (every session of the day) and the "propose" page (a call to propose
and a square the size of the kiosk's QR code), turning every 15 s with a 0.4 s opacity crossfade,
and the schedule fetched again every 60 s and redrawn. Chromium runs it with ``--kiosk`` at
1920x1080 on its own private ``Xvfb`` (started here), with a temporary profile. Then the kiosk
itself as a user runs it: a wheel is built from this checkout and installed with pip into a fresh
virtual environment, and its ``open-spaces-kiosk --windowed --size 1920x1080`` runs from a folder
outside the checkout with the bundled config (the same pages, seconds and crossfade) and SDL's x11
driver, on a fresh Xvfb of its own. The two run one after the other, as in ``bench/idle_cost.py``:
side by side they would share libraries' pages and look smaller. ``--checkout`` runs
``python -m kiosk`` from the checkout instead, for a quicker look while changing the code.

After WARMUP seconds, CPU (utime+stime of the process and all its descendants, from /proc) and PSS
(summed over the same processes, from smaps_rollup) are read every second for SECONDS seconds.
Wake-ups are the voluntary context switches of every thread of those processes (from
``/proc/PID/task/*/status``; preemptions count the machine's other load) over the window, per
second. Printed: CPU seconds per 30 s, the last and largest PSS, the wake-ups, and the kiosk's
share of the browser's CPU and PSS.

    python bench/browser_kiosk.py [SECONDS] [WARMUP] [--checkout]     # defaults 60 and 50
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MIB, ROOT, quiet_env, stop, table, xvfb

from kiosk.core.resources import DEMO_SCHEDULE, data_path

SECONDS = 60
WARMUP = 50  # a whole rotation (three pages at 15 s): every page has been drawn once
SIZE = (1920, 1080)
TICKS = os.sysconf("SC_CLK_TCK")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Open Spaces</title>
<style>
body { margin: 0; background: #101820; color: #f4f4f4; font-family: "Noto Sans", sans-serif;
       width: 100vw; height: 100vh; overflow: hidden; }
header { display: flex; justify-content: space-between; padding: 3vh 4vw; font-size: 5vh; }
.page { position: absolute; top: 14vh; left: 4vw; right: 4vw; bottom: 8vh; opacity: 0;
        transition: opacity 0.4s linear; }
.page.on { opacity: 1; }
.label { color: #7fd1b9; font-weight: bold; font-size: 3vh; letter-spacing: 0.1em; }
.hero { font-size: 9vh; font-weight: bold; margin: 1vh 0 4vh; }
.row { font-size: 3.4vh; padding: 0.8vh 0; border-bottom: 1px solid #2a3a48; }
.qr { width: 40vh; height: 40vh; background: #fff; margin-top: 4vh; }
footer { position: absolute; bottom: 2vh; left: 4vw; font-size: 2.4vh; color: #9aa; }
</style></head>
<body>
<header><span>PyConf Open Spaces · H-103</span><span id="clock"></span></header>
<section class="page on" id="now"><div class="label">NOW</div><div class="hero" id="current"></div>
  <div class="label">NEXT</div><div class="hero" id="next" style="font-size:6vh"></div></section>
<section class="page" id="today"><div class="label">TODAY</div><div id="rows"></div></section>
<section class="page" id="propose"><div class="hero">Propose a topic</div><div class="qr"></div></section>
<footer id="footer">Waiting for the schedule…</footer>
<script>
const pages = ["now", "today", "propose"];
let shown = 0, sessions = [];
function hm(date) { return date.toTimeString().slice(0, 5); }
function clock() { document.getElementById("clock").textContent = hm(new Date()); }
function at(text) {
  const [h, m] = text.split(":").map(Number); const d = new Date(); d.setHours(h, m, 0, 0); return d;
}
function draw() {
  const now = new Date();
  const on = sessions.find(s => at(s.start) <= now && now < at(s.end));
  const next = sessions.find(s => at(s.start) > now);
  document.getElementById("current").textContent = on ? on.title : "Nothing on right now";
  document.getElementById("next").textContent = next ? next.start + "  " + next.title : "";
  document.getElementById("rows").innerHTML = "";
  for (const s of sessions) {
    const row = document.createElement("div"); row.className = "row";
    row.textContent = s.start + "–" + s.end + "  " + s.title + (s.host ? " — " + s.host : "");
    document.getElementById("rows").appendChild(row);
  }
}
async function poll() {
  try {
    const answer = await fetch("/schedule.json", {cache: "no-cache"});
    const data = await answer.json();
    sessions = data.sessions.filter(s => /^\\d\\d:\\d\\d$/.test(s.start));
    sessions.sort((a, b) => a.start < b.start ? -1 : 1);
    document.getElementById("footer").textContent = "Updated " + hm(new Date());
    draw();
  } catch (e) { document.getElementById("footer").textContent = "Offline"; }
}
function turn() {
  document.getElementById(pages[shown]).classList.remove("on");
  shown = (shown + 1) % pages.length;
  document.getElementById(pages[shown]).classList.add("on");
}
clock(); poll();
function minute() { clock(); draw(); }
setTimeout(() => { minute(); setInterval(minute, 60000); }, 60000 - Date.now() % 60000);
setInterval(poll, 60000);
setInterval(turn, 15000);
</script></body></html>
"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/schedule.json"):
            body, kind = data_path(DEMO_SCHEDULE).read_bytes(), "application/json"
        else:
            body, kind = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def family(pid: int) -> list[int]:
    """``pid`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def cpu_pss_switches(pid: int) -> tuple[float, int, int]:
    cpu, pss, switches = 0.0, 0, 0
    for member in family(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / TICKS
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
            for status in Path(f"/proc/{member}/task").glob("*/status"):
                lines = status.read_text().splitlines()
                switches += sum(
                    int(line.split()[1]) for line in lines if line.startswith("voluntary_ctxt_switches")
                )
        except (OSError, IndexError, ValueError):
            continue  # a helper process (or thread) that has just gone
    return cpu, pss, switches


def installed_kiosk(folder: Path) -> list[str]:
    """The ``open-spaces-kiosk`` command of a wheel built from this checkout and installed by pip into
    a fresh virtual environment in ``folder`` (as ``.ci/installed`` does)."""
    source, wheels, venv = folder / "source", folder / "dist", folder / "venv"
    ignored = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, source, ignore=ignored)
    _quietly([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)])
    _quietly([sys.executable, "-m", "venv", str(venv)])
    wheel = [str(path) for path in wheels.glob("open_spaces_kiosk-*.whl")]
    _quietly([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *wheel])
    return [str(venv / "bin" / "open-spaces-kiosk")]


def _quietly(command: list[str]) -> None:
    """Run a build or install step; its output is shown only when it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} … failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def measure(
    command: list[str], env: dict[str, str], seconds: int, warmup: int, cwd: Path = ROOT
) -> tuple[float, int, int, float]:
    """(CPU seconds per 30 s, last PSS, largest PSS, wake-ups per s) of ``command`` on a private Xvfb."""
    with xvfb(SIZE) as display:
        process = subprocess.Popen(
            command,
            env={**env, "DISPLAY": display},
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(warmup)
            readings = []
            for second in range(seconds + 1):
                if process.poll() is not None:
                    raise SystemExit(f"{command[0]} exited with {process.returncode}")
                readings.append(cpu_pss_switches(process.pid))
                if second < seconds:
                    time.sleep(1)
        finally:
            stop(process)
    per_30s = (readings[-1][0] - readings[0][0]) * 30 / seconds
    wakeups = (readings[-1][2] - readings[0][2]) / seconds
    return per_30s, readings[-1][1], max(pss for _, pss, _ in readings), wakeups


def main(argv: list[str]) -> None:
    checkout = "--checkout" in argv
    argv = [arg for arg in argv if arg != "--checkout"]
    seconds = int(argv[0]) if argv else SECONDS
    warmup = int(argv[1]) if len(argv) > 1 else WARMUP
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("Chromium is not installed: apt-get install -y chromium")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with tempfile.TemporaryDirectory(prefix="kiosk-browser-") as temp:
        chromium = [
            browser,
            "--no-sandbox",
            "--kiosk",
            "--no-first-run",
            "--noerrdialogs",
            "--disable-translate",
            f"--user-data-dir={temp}/profile",
            f"--window-size={SIZE[0]},{SIZE[1]}",
            "--window-position=0,0",
            url,
        ]
        rows.append(("Chromium", *measure(chromium, quiet_env(), seconds, warmup)))
        program = [sys.executable, "-m", "kiosk"] if checkout else installed_kiosk(Path(temp))
        kiosk = [*program, "--windowed", "--size", f"{SIZE[0]}x{SIZE[1]}"]
        env = quiet_env(SDL_VIDEODRIVER="x11", XDG_CACHE_HOME=f"{temp}/cache")
        elsewhere = ROOT if checkout else Path(temp)
        rows.append(("open-spaces-kiosk", *measure(kiosk, env, seconds, warmup, elsewhere)))
    server.shutdown()
    browser_cpu, browser_pss = rows[0][1], rows[0][2]
    which = "python -m kiosk from the checkout" if checkout else "the wheel installed by pip, run elsewhere"
    print(f"The same board at {SIZE[0]}x{SIZE[1]} under Xvfb, {seconds} s after {warmup} s of warm-up")
    print(f"(the kiosk: {which}; SDL's x11 driver, the bundled config)\n")
    print(
        table(
            (
                "kiosk",
                "CPU s per 30 s",
                "PSS MiB (last)",
                "PSS MiB (max)",
                "wake-ups per s",
                "CPU share",
                "PSS share",
            ),
            [
                (
                    name,
                    f"{cpu:.3f}",
                    f"{last / MIB:.1f}",
                    f"{most / MIB:.1f}",
                    f"{wakeups:.1f}",
                    f"1/{browser_cpu / cpu:.1f}" if cpu else "-",
                    f"1/{browser_pss / last:.1f}",
                )
                for name, cpu, last, most, wakeups in rows
            ],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
