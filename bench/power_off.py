"""What the kiosk costs out of hours: CPU per 30 s with the screen switched off (``[display] power``)
against showing the black off-hours page on a lit screen, under Xvfb, as the service runs it.

Method: each variant runs the real program, ``python -m kiosk --windowed --size 1920x1080``, on its
own private Xvfb, one after the other, with the bundled demo and ``[display] on``/``off`` set so that
the whole run falls outside the screen hours (``blank = true``: the black page). As under systemd,
``NOTIFY_SOCKET`` points at a datagram socket this script reads and ``WATCHDOG_USEC`` is 30 s (the
unit's ``WatchdogSec=30``), so the loop pings the watchdog every 15 s and the pings are counted.

- black page: no ``[display] power``: the screen stays lit and shows the black page.
- powered off: ``power = ["command"]`` with ``power_off``/``power_on`` commands that touch a file (the
  file proves the switch ran); the kiosk draws nothing and sleeps until something is due.
- dim page: the black page's neighbour (``blank = false``: the one dim line), for comparison.

After WARMUP seconds the process's utime+stime (``/proc/PID/stat``) and its main thread's context
switches (``/proc/PID/task/PID/status``; each sleep of the loop is one, but so is each wait for the
GIL that the poller's thread holds) are read at the start and the end of SECONDS seconds and scaled
to 30 s. The loop's own turns are counted in this process: the same configs, the real ``Kiosk.run``
with SDL's dummy driver and its watchdog at 30 s, each ``step()`` counted for TURNS seconds.

    python bench/power_off.py [SECONDS] [WARMUP]     # defaults 120 and 10
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, quiet_env, stop, table, xvfb
from idle_cost import cpu_seconds

from kiosk.config import load
from kiosk.fetch.source import make_sources
from kiosk.shell.app import Kiosk
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.power_methods import for_config
from kiosk.shell.screen import Screen

SECONDS = 120
WARMUP = 10
TURNS = 60
SIZE = (1920, 1080)
WATCHDOG_USEC = 30_000_000


def context_switches(pid: int) -> int:
    """The main thread's voluntary and involuntary context switches so far."""
    total = 0
    for line in Path(f"/proc/{pid}/task/{pid}/status").read_text().splitlines():
        if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
            total += int(line.split()[1])
    return total


def config_file(directory: Path, name: str, *, blank: bool, power: bool) -> Path:
    """The demo, dark from an hour ago until two hours on (UTC), with or without switching the screen."""
    now = datetime.now(UTC)
    on, off = now + timedelta(hours=2), now - timedelta(hours=1)
    switched = directory / f"{name}.switched"
    lines = [
        '[event]\ntimezone = "UTC"',
        f'[source]\nurl = "{ROOT / "config" / "demo-schedule.json"}"\ndemo = true',
        f'[cache]\ndir = "{directory / name}"',
        f'[display]\non = "{on:%H:%M}"\noff = "{off:%H:%M}"\nblank = {"true" if blank else "false"}',
    ]
    if power:
        lines[-1] += (
            f'\npower = ["command"]\npower_off = "touch {switched}.off"\npower_on = "touch {switched}.on"'
        )
    path = directory / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


class Notifications:
    """systemd's side of sd_notify: a datagram socket that counts WATCHDOG=1 and keeps the last STATUS."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.5)
        self.pings = 0
        self.status = ""
        self._running = True
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while self._running:
            try:
                message = self.sock.recv(4096).decode()
            except TimeoutError:
                continue
            except OSError:
                return
            for line in message.splitlines():
                if line == "WATCHDOG=1":
                    self.pings += 1
                elif line.startswith("STATUS="):
                    self.status = line[len("STATUS=") :]

    def close(self) -> None:
        self._running = False
        self._thread.join()
        self.sock.close()


@dataclass
class Result:
    name: str
    cpu_per_30s: float
    wakeups_per_30s: float
    pings_per_30s: float
    status: str
    switched: str


def measure(name: str, config: Path, seconds: int, warmup: int, directory: Path) -> Result:
    with ExitStack() as stack:
        display = stack.enter_context(xvfb(SIZE))
        notes = Notifications(directory / f"{name}.notify")
        stack.callback(notes.close)
        env = quiet_env(
            SDL_VIDEODRIVER="x11",
            DISPLAY=display,
            NOTIFY_SOCKET=str(notes.path),
            WATCHDOG_USEC=str(WATCHDOG_USEC),
        )
        log = stack.enter_context(open(directory / f"{name}.log", "wb"))
        command = [
            sys.executable,
            "-m",
            "kiosk",
            "--config",
            str(config),
            "--windowed",
            "--size",
            "1920x1080",
        ]
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        stack.callback(stop, process)
        time.sleep(warmup)
        cpu0, switches0, pings0 = cpu_seconds(process.pid), context_switches(process.pid), notes.pings
        time.sleep(seconds)
        if process.poll() is not None:
            tail = (directory / f"{name}.log").read_text()[-2000:]
            raise SystemExit(f"{name}: the kiosk exited with {process.returncode}:\n{tail}")
        cpu1, switches1, pings1 = cpu_seconds(process.pid), context_switches(process.pid), notes.pings
        status = notes.status
    scale = 30 / seconds
    switched = ", ".join(sorted(p.suffix[1:] for p in directory.glob(f"{config.stem}.switched.*"))) or "-"
    return Result(
        name,
        (cpu1 - cpu0) * scale,
        (switches1 - switches0) * scale,
        (pings1 - pings0) * scale,
        status,
        switched,
    )


class Counting(Kiosk):
    turns = 0

    def step(self) -> float:
        self.turns += 1
        return super().step()


def loop_turns(config: Path, seconds: float, directory: Path) -> tuple[int, bool]:
    """How often the real loop turns in ``seconds`` (dummy driver, watchdog at 30 s); and if it was off."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    notify = directory / f"{config.stem}.turns.notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sink:
        sink.bind(str(notify))
        screen = Screen(windowed=True, size=SIZE)
        screen.open()
        loaded = load(config)
        kiosk = Counting(
            LiveConfig(loaded),
            screen,
            source_for=make_sources,
            notifier=Notifier({"NOTIFY_SOCKET": str(notify), "WATCHDOG_USEC": str(WATCHDOG_USEC)}),
            power_for=for_config,
        )
        timer = threading.Timer(seconds, lambda: setattr(kiosk, "running", False))
        timer.start()
        try:
            kiosk.run()
            off = kiosk.power.off
        finally:
            timer.cancel()
            kiosk.stop()
            screen.close()
    return kiosk.turns, off


def main(argv: list[str]) -> None:
    seconds = int(argv[0]) if argv else SECONDS
    warmup = int(argv[1]) if len(argv) > 1 else WARMUP
    with tempfile.TemporaryDirectory(prefix="kiosk-power-") as temp:
        directory = Path(temp)
        variants = [
            ("black page", config_file(directory, "black", blank=True, power=False)),
            ("powered off", config_file(directory, "off", blank=True, power=True)),
            ("dim page", config_file(directory, "dim", blank=False, power=False)),
        ]
        results = [measure(name, path, seconds, warmup, directory) for name, path in variants]
        turns = [(name, *loop_turns(path, min(seconds, TURNS), directory)) for name, path in variants[:2]]
    print(
        f"The kiosk out of hours at {SIZE[0]}x{SIZE[1]} under Xvfb, {seconds} s after {warmup} s of warm-up\n"
    )
    print(
        table(
            (
                "variant",
                "CPU s per 30 s",
                "main-thread switches per 30 s",
                "watchdog pings per 30 s",
                "switched",
                "status",
            ),
            [
                (
                    r.name,
                    f"{r.cpu_per_30s:.4f}",
                    f"{r.wakeups_per_30s:.0f}",
                    f"{r.pings_per_30s:.1f}",
                    r.switched,
                    r.status,
                )
                for r in results
            ],
        )
    )
    window = min(seconds, TURNS)
    print(f"\nThe loop's turns in this process (dummy driver, watchdog 30 s), {window} s each\n")
    print(
        table(
            ("variant", "turns", "turns per 30 s", "screen off"),
            [
                (name, count, f"{count * 30 / window:.1f}", "yes" if off else "no")
                for name, count, off in turns
            ],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
