#!/usr/bin/env python3
"""Regenerates (or checks) the screen captures in docs/USER_GUIDE.md and README.md.

Each capture in those pages is a fenced block right after a marker line such as

    <!-- capture 80x24: 4 | b | text:tampere | Enter -->

The steps run in order against `nettui --demo` in a private tmux pane of that size: a step is a
tmux key name (`Enter`, `Tab`, `C-o`, `j`, …), `text:…` types text literally, `wait:S` pauses. The
day is pinned (NETTUI_TODAY) and no user settings are read, so a capture is the same on any day and
machine. With --check (what .ci/run does) a capture that differs from the program's screen fails;
without it the guide is rewritten.

    python3 docs/captures.py [--check] [--binary PATH]
"""
import os, re, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = [os.path.join(ROOT, "docs", "USER_GUIDE.md"), os.path.join(ROOT, "README.md")]
TODAY = "2026-11-23"
MARKER = re.compile(r"^<!-- capture (\d+)x(\d+): (.*) -->$")


def capture(binary, cols, rows, steps, home, number):
    sock = f"nettui-capture-{os.getpid()}-{number}"  # a new server each time: a killed one's socket may linger
    tmux = ["tmux", "-L", sock]
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    cmd = (f"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 NETTUI_TODAY={TODAY} HOME={home} "
           f"XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data {binary} --demo; sleep 30")
    subprocess.run(tmux + ["-f", "/dev/null", "new-session", "-d", "-s", "c", "-x", str(cols), "-y", str(rows), cmd],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while "NetTUI" not in pane(tmux):
            if time.time() > deadline:
                raise SystemExit("captures: nettui did not draw its first frame")
            time.sleep(0.1)
        for step in steps:
            if step.startswith("text:"):
                subprocess.run(tmux + ["send-keys", "-t", "c", "-l", "--", step[5:]], check=True)
            elif step.startswith("wait:"):
                time.sleep(float(step[5:]))
            else:
                subprocess.run(tmux + ["send-keys", "-t", "c", step], check=True)
            time.sleep(0.15)
        # Settle: the same screen twice in a row.
        last, screen = None, pane(tmux)
        while screen != last:
            time.sleep(0.3)
            last, screen = screen, pane(tmux)
        return "\n".join(line.rstrip() for line in screen.rstrip("\n").split("\n")).rstrip("\n")
    finally:
        subprocess.run(tmux + ["kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pane(tmux):
    return subprocess.run(tmux + ["capture-pane", "-p", "-t", "c"], capture_output=True, text=True).stdout


def main():
    check = "--check" in sys.argv
    binary = os.path.join(ROOT, ".build", "debug", "nettui")
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    if not shutil.which("tmux"):
        raise SystemExit("captures: tmux is not installed (apt-get install -y tmux)")
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"captures: {binary} is not built (swift build)")
    home = tempfile.mkdtemp(prefix="nettui-captures-")
    count, stale = 0, []
    try:
        for page in PAGES:
            n, changed = refresh(page, binary, home, check, count)
            count += n
            stale += changed
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if check:
        if stale:
            print("captures: these captures differ from the program's screen "
                  "(run python3 docs/captures.py to regenerate them):\n  " + "\n  ".join(stale))
            sys.exit(1)
        print(f"captures: all {count} captures in docs/USER_GUIDE.md and README.md match the program")
    else:
        print(f"captures: {count} captures written, {len(stale)} changed")


def refresh(page, binary, home, check, number):
    """The captures of one page checked against the program (and the page rewritten unless
    `check`): how many there are, and which differ. A capture is exactly the screen, so anything
    else in its block (a capture tool's own lines, say) makes it differ."""
    name = os.path.relpath(page, ROOT)
    lines = open(page, encoding="utf-8").read().split("\n")
    out, stale, count, i = [], [], 0, 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        out.append(lines[i])
        i += 1
        if not m:
            continue
        if i >= len(lines) or lines[i] != "```":
            raise SystemExit(f"captures: {name} line {i}: a capture marker must be followed by a ``` block")
        end = lines.index("```", i + 1)
        steps = [s.strip() for s in m.group(3).split("|") if s.strip()]
        count += 1
        screen = capture(binary, int(m.group(1)), int(m.group(2)), steps, home, number + count)
        if "\n".join(lines[i + 1:end]) != screen:
            stale.append(f"{name} line {i}: {m.group(3)}")
        out += ["```", screen, "```"]
        i = end + 1
    if not check:
        open(page, "w", encoding="utf-8").write("\n".join(out))
    return count, stale

if __name__ == "__main__":
    main()
