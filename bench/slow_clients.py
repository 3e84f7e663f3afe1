"""Slow clients of the remote, in a process of their own: each sends its request in pieces and reads
the answer a kilobyte at a time, over and over, asking for the page, the screenshot, status and metrics.

They stop when their standard input closes (the parent is done) or after ``--seconds``, whichever
comes first, and print how many answers they read in full. Only 127.0.0.1 is ever contacted.

    python bench/slow_clients.py PORT TOKEN [--clients 50] [--seconds 120]
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time

PATHS = ("/screenshot.png?width=640", "/metrics", "/status.json", "/")
PAUSE = 0.02  # between the pieces of a request and between kilobytes read


def one_client(port: int, token: str, number: int, stop: threading.Event, done: list[int]) -> None:
    turn = number
    while not stop.is_set():
        path = PATHS[turn % len(PATHS)]
        turn += 1
        head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
        head += "Connection: close\r\n\r\n"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                for start in range(0, len(head), 24):
                    sock.sendall(head[start : start + 24].encode())
                    time.sleep(PAUSE)
                answer = b""
                while chunk := sock.recv(1024):
                    answer += chunk
                    time.sleep(PAUSE)
            if answer.startswith(b"HTTP/1.1 200"):
                done[number] += 1
        except OSError:
            time.sleep(PAUSE)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("token")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args(argv)
    stop = threading.Event()
    done = [0] * args.clients
    threads = [
        threading.Thread(target=one_client, args=(args.port, args.token, n, stop, done), daemon=True)
        for n in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    print("started", flush=True)
    watcher = threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True)
    watcher.start()
    stop.wait(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(35)
    print(sum(done), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
