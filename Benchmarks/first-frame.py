#!/usr/bin/env python3
"""Time from fork to a program's first frame on a pseudo-terminal of its own (80×24), without tmux.

Usage: first-frame.py RUNS TEXT -- CMD... [-- CMD...]
Each command is started RUNS times, the commands alternating, and timed until TEXT (UTF-8) has come
out of the terminal; the median in milliseconds is printed per command, one line each.
tmux's `capture-pane` loop in terminal-measure.sh polls every 9 ms or so and starts a server each
time: it measures the user's wait with tmux included, this the programs themselves.
"""
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def first_frame(command, text, timeout=10.0):
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(command[0], command)
    seen = b""
    elapsed = None
    while time.perf_counter() - started < timeout:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if text in seen:
            elapsed = (time.perf_counter() - started) * 1000
            break
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(master)
    if elapsed is None:
        sys.exit(f"first-frame.py: « {text.decode()} » never came from {' '.join(command)}")
    return elapsed


def main():
    runs, text = int(sys.argv[1]), sys.argv[2].encode()
    commands, current = [], None
    for word in sys.argv[3:]:
        if word == "--":
            current = []
            commands.append(current)
        else:
            current.append(word)
    times = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(first_frame(command, text))
            time.sleep(0.05)
    for command, measured in zip(commands, times):
        print(f"{statistics.median(measured):.1f}")


if __name__ == "__main__":
    main()
