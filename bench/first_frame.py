"""How soon the board is on screen after the kiosk starts, with the network down and a saved schedule.

Method: a temporary config whose ``[source] url`` is ``http://127.0.0.1:PORT/schedule.json`` on a
port that was just bound and closed (so every fetch is refused at once), with ``[cache] dir`` in a
temporary directory primed by ``kiosk.fetch.cache.save_cache`` with the bundled demo schedule as if it
had been fetched from that URL five minutes ago (``demo = true`` keeps it live at any hour). An
``AF_UNIX`` datagram socket is bound and passed as ``NOTIFY_SOCKET``; the kiosk sends ``READY=1``
after its first frame is drawn (``kiosk/notify.py``). The time is measured from just before
``subprocess.Popen`` of ``python -m kiosk --windowed --size 1920x1080 --config FILE`` to the
arrival of the datagram holding ``READY=1``, so it includes the interpreter's start and every
import. Each driver is run RUNS times, the kiosk stopped with SIGINT after each; the median and the
slowest run are shown. Drivers: SDL's ``dummy`` and ``x11`` on a private ``Xvfb`` started here.

    python bench/first_frame.py [RUNS]      # RUNS defaults to 5
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, bundled_config, median, quiet_env, stop, table, xvfb

from kiosk.fetch.cache import CachedCopy, save_cache

RUNS = 5
TIMEOUT = 30.0


def closed_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def offline_config(directory: Path) -> Path:
    """A config reading from a refused 127.0.0.1 port, with its cache primed by the demo schedule."""
    url = f"http://127.0.0.1:{closed_port()}/schedule.json"
    cache = directory / "cache"
    demo = ROOT / "config" / "demo-schedule.json"
    text = (ROOT / "config" / "kiosk.toml").read_text()
    text = text.replace('url = "demo-schedule.json"', f'url = "{url}"')
    text = text.replace("[cache]\n", f'[cache]\ndir = "{cache}"\n')
    if url not in text or str(cache) not in text:
        raise SystemExit("the bundled config no longer has the lines this benchmark rewrites")
    now = datetime.now(bundled_config().tz)
    copy = CachedCopy(
        url=url,
        body=demo.read_bytes(),
        fetched_at=now - timedelta(minutes=5),
        content_type="application/json",
        name="schedule.json",
    )
    save_cache(cache, copy)
    path = directory / "offline.toml"
    path.write_text(text)
    return path


def time_to_ready(config: Path, env: dict[str, str], directory: Path) -> float:
    """Seconds from starting the kiosk to its READY=1 datagram."""
    address = directory / "notify.sock"
    address.unlink(missing_ok=True)
    with closing(socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)) as listener:
        listener.bind(str(address))
        listener.settimeout(TIMEOUT)
        command = [
            sys.executable,
            "-m",
            "kiosk",
            "--windowed",
            "--size",
            "1920x1080",
            "--config",
            str(config),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env={**env, "NOTIFY_SOCKET": str(address)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    message = listener.recv(4096).decode()
                except TimeoutError:
                    raise SystemExit(f"no READY=1 within {TIMEOUT:.0f} s") from None
                if "READY=1" in message.splitlines():
                    return time.perf_counter() - started
        finally:
            stop(process)


def runs_under(config: Path, env: dict[str, str], directory: Path, runs: int) -> list[float]:
    return [time_to_ready(config, env, directory) for _ in range(runs)]


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv else RUNS
    with tempfile.TemporaryDirectory(prefix="kiosk-first-") as temp:
        directory = Path(temp)
        config = offline_config(directory)
        results = {"dummy": runs_under(config, quiet_env(SDL_VIDEODRIVER="dummy"), directory, runs)}
        with xvfb((1920, 1080)) as display:
            env = quiet_env(SDL_VIDEODRIVER="x11", DISPLAY=display)
            results["x11 (Xvfb)"] = runs_under(config, env, directory, runs)
    print(f"Process start to READY=1 (first frame drawn), network refused, cached schedule; {runs} runs\n")
    print(
        table(
            ("driver", "median s", "slowest s"),
            [(name, f"{median(times):.3f}", f"{max(times):.3f}") for name, times in results.items()],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
