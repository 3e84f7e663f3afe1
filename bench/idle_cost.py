"""What the running kiosk costs while it waits: CPU seconds per 30 s and memory (PSS), under Xvfb.

Method: each variant runs the real program, ``python -m kiosk --windowed --size 1920x1080``, on its
own private ``Xvfb :N -screen 0 1920x1080x24`` (started here, waited for, killed at the end), with
``XDG_CACHE_HOME`` in a temporary directory so the user's cache is left alone. The variants run
one after the other: side by side they would share their libraries' pages, and PSS divides a
shared page among the processes that map it, so each would look smaller than it is alone.

- default: the bundled config (pages rotating every 15 s with a 0.4 s crossfade), and the app's
  own SDL hints (it sets SDL_FRAMEBUFFER_ACCELERATION=0 unless the environment sets it).
- accelerated: the same with SDL_FRAMEBUFFER_ACCELERATION=1 in the environment, i.e. without the
  app's low-memory hint, for comparison (measured for half the window, to keep the run short).
- one page: the bundled config with ``[pages] order = ["now"]`` (a temporary copy), so nothing
  changes but the clock once a minute: the cost between page changes.
- default, remote on / one page, remote on: the same two with ``[remote]`` listening on 127.0.0.1
  (a token, no client ever connects): what the remote's idle server costs.
- updates: the bundled config with ``[updates]`` reading a hashtag timeline and a Bluesky account
  (the sample feeds in ``docs/updates-demo/``, served on 127.0.0.1 by this script) and the
  ``updates`` page in the rotation: the cost of polling the feeds and showing their posts.

After WARMUP seconds, the process's utime+stime (``/proc/PID/stat``, in clock ticks) is read
every second for SECONDS seconds; CPU per 30 s is the total over the window scaled to 30 s, and the
busiest whole 30 s stretch inside the window is shown beside it. PSS is read from
``/proc/PID/smaps_rollup`` every second: the last and the largest reading are shown. Wake-ups are
the voluntary context switches of all the process's threads (``/proc/PID/task/*/status``) over
the window, per second: how often a thread went to sleep and was woken. Preemptions (the
nonvoluntary ones) are left out: they count the machine's other load, not the kiosk. The kiosk is
then stopped with SIGINT (it quits cleanly) and the servers are killed.

    python bench/idle_cost.py [SECONDS] [WARMUP] [VARIANT,...]     # defaults 60, 10 and all
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MIB, ROOT, quiet_env, stop, table, xvfb

SECONDS = 60
WARMUP = 10
SIZE = (1920, 1080)
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, fields 14 and 15 of stat


def context_switches(pid: int) -> int:
    """Voluntary context switches so far of every thread of ``pid`` (one that ended takes its count)."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue  # the thread ended between the listing and the read
        total += sum(int(line.split()[1]) for line in lines if line.startswith("voluntary_ctxt_switches"))
    return total


def pss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no Pss line for process {pid}")


def config_copy(
    directory: Path, *, one_page: bool = False, remote: bool = False, updates: bool = False
) -> Path:
    """The bundled config, its relative paths made absolute; with only the "now" page, with the
    remote listening on 127.0.0.1 (a free port, a token), and with the organisers' updates read
    from the sample feeds (and their page in the rotation) if asked."""
    text = (ROOT / "config" / "kiosk.toml").read_text()
    demo = ROOT / "config" / "demo-schedule.json"
    text = text.replace('url = "demo-schedule.json"', f'url = "{demo}"')
    order = '["now"]' if one_page else '["now", "today", "propose", "updates"]' if updates else ""
    if order:
        text = re.sub(r"(?m)^order = \[.*\]$", f"order = {order}", text, count=1)
        if f"order = {order}" not in text:
            raise SystemExit("the bundled config no longer has the page order this benchmark rewrites")
    if str(demo) not in text:
        raise SystemExit("the bundled config no longer has the source this benchmark rewrites")
    if remote:
        text += '\n[remote]\nlisten = "127.0.0.1:0"\ntoken = "Hb7xQ2mW9tLr4Nc8Vk3ZpJ6d"\n'
    if updates:
        url = feed_server()
        text += (
            f'\n[updates]\nhashtags = ["{url}/tags/pyconfopenspaces"]\nbluesky = ["pyconf.bsky.social"]\n'
            f'bluesky_api = "{url}"\nallow = ["@pyconf@fosstodon.org", "@openspaces@mastodon.social"]\n'
        )
    name = "one-page" if one_page else "updates" if updates else "default"
    path = directory / f"{name}{'-remote' if remote else ''}.toml"
    path.write_text(text)
    return path


def one_page_config(directory: Path) -> Path:
    return config_copy(directory, one_page=True)


def feed_server() -> str:
    """The sample feeds of docs/updates-demo/ on 127.0.0.1, as Mastodon and Bluesky answer; its URL."""
    handler = partial(_QuietFiles, directory=str(ROOT / "docs" / "updates-demo"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Variant:
    name: str
    args: list[str]
    env: dict[str, str]
    share: float = 1.0  # of the measuring window: the comparison needs less than the main figures
    cpu: list[float] = field(default_factory=list)
    pss: list[int] = field(default_factory=list)
    switches: list[int] = field(default_factory=list)

    def wakeups(self) -> float:
        return (self.switches[-1] - self.switches[0]) / (len(self.switches) - 1)

    def per_30s(self) -> float:
        return (self.cpu[-1] - self.cpu[0]) * 30 / (len(self.cpu) - 1)

    def busiest_30s(self) -> float:
        if len(self.cpu) <= 30:
            return self.per_30s()
        return max(self.cpu[i + 30] - self.cpu[i] for i in range(len(self.cpu) - 30))


def variants(directory: Path) -> list[Variant]:
    command = [sys.executable, "-m", "kiosk", "--windowed", "--size", f"{SIZE[0]}x{SIZE[1]}"]
    base = {"XDG_CACHE_HOME": str(directory / "cache")}
    return [
        Variant("default", command, base),
        Variant("accelerated", command, {**base, "SDL_FRAMEBUFFER_ACCELERATION": "1"}, share=0.5),
        Variant("one page", [*command, "--config", str(one_page_config(directory))], base),
        Variant("default, remote on", [*command, "--config", str(config_copy(directory, remote=True))], base),
        Variant(
            "one page, remote on",
            [*command, "--config", str(config_copy(directory, one_page=True, remote=True))],
            base,
        ),
        Variant("updates", [*command, "--config", str(config_copy(directory, updates=True))], base),
    ]


def measure(variant: Variant, seconds: int, warmup: int, logs: Path) -> None:
    with ExitStack() as stack:
        display = stack.enter_context(xvfb(SIZE))
        env = quiet_env(SDL_VIDEODRIVER="x11", DISPLAY=display, **variant.env)
        log = stack.enter_context(open(logs / f"{variant.name}.log", "wb"))
        process = subprocess.Popen(variant.args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        stack.callback(stop, process)
        time.sleep(warmup)
        for second in range(seconds + 1):
            if process.poll() is not None:
                tail = (logs / f"{variant.name}.log").read_text()[-2000:]
                raise SystemExit(f"{variant.name}: the kiosk exited with {process.returncode}:\n{tail}")
            variant.cpu.append(cpu_seconds(process.pid))
            variant.pss.append(pss_bytes(process.pid))
            variant.switches.append(context_switches(process.pid))
            if second < seconds:
                time.sleep(1)


def main(argv: list[str]) -> None:
    seconds = int(argv[0]) if argv else SECONDS
    warmup = int(argv[1]) if len(argv) > 1 else WARMUP
    with tempfile.TemporaryDirectory(prefix="kiosk-idle-") as temp:
        chosen = variants(Path(temp))
        if len(argv) > 2:
            chosen = [v for v in chosen if v.name in argv[2].split(",")]
        for variant in chosen:
            measure(variant, round(seconds * variant.share), warmup, Path(temp))
    print(f"The kiosk at {SIZE[0]}x{SIZE[1]} under Xvfb, up to {seconds} s after {warmup} s of warm-up\n")
    print(
        table(
            (
                "variant",
                "CPU s per 30 s",
                "busiest 30 s",
                "PSS MiB (last)",
                "PSS MiB (max)",
                "wake-ups per s",
            ),
            [
                (
                    v.name,
                    f"{v.per_30s():.3f}",
                    f"{v.busiest_30s():.3f}",
                    f"{v.pss[-1] / MIB:.1f}",
                    f"{max(v.pss) / MIB:.1f}",
                    f"{v.wakeups():.1f}",
                )
                for v in chosen
            ],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
