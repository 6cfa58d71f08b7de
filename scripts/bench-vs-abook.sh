#!/usr/bin/env bash
# bench-vs-abook.sh -- nettui side by side with abook (Debian's ncurses address book), interleaved.
#
#   scripts/bench-vs-abook.sh                 # 1,000, 10,000 and 100,000 contacts, 5 runs each
#   SIZES="1000 10000" RUNS=9 scripts/bench-vs-abook.sh
#
# For each size N it generates one set of contacts with ../shared/tools/gen.py (abook's own format
# and vCard, same people), imports the vCards into a nettui data file, and also writes nettui's
# generated demo network of N contacts (N/50 networks, 3N interactions: the heavier file). Then, run
# by run and program by program in turn (so that the machine's noise hits all alike), in an 80x24 pty
# through ../shared/tools/pty_time.sh:
#   - start -> first frame, and peak memory (abook is quit with Q, y; nettui with q). For nettui two
#     figures: its first frame of any kind (the loading frame, for a file of 4 MB or more) and the
#     first frame with the contacts on it (its status line's "s save");
#   - abook --convert of the vCards to abook's format vs `nettui import vcard` into a new file;
# and prints medians, spreads and the ratio nettui / abook. Installs abook when it is missing.
# Environment: SIZES, RUNS, OUT (work folder, default /tmp/nettui-vs-abook), SHARED (the folder
# holding tools/, default ../shared next to the repository), NETTUI (the binary, default a release build).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$repo/../shared}
tools=$shared/tools
sizes=${SIZES:-1000 10000 100000}
runs=${RUNS:-5}
out=${OUT:-/tmp/nettui-vs-abook}
[ -x "$tools/pty_time.sh" ] && [ -f "$tools/gen.py" ] || { echo "bench-vs-abook: $tools/pty_time.sh and gen.py are needed (set SHARED)" >&2; exit 2; }
if ! command -v abook >/dev/null; then
  echo "bench-vs-abook: installing abook" >&2
  apt-get install -y abook >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y abook >/dev/null; }
fi
nettui=${NETTUI:-$repo/.build/release/nettui}
if [ -z "${NETTUI:-}" ]; then
  echo "bench-vs-abook: building nettui (release)" >&2
  (cd "$repo" && swift build -c release >/dev/null)
fi
mkdir -p "$out"
for n in $sizes; do
  d=$out/N$n
  [ -f "$d/contacts.vcf" ] || python3 "$tools/gen.py" -n "$n" -o "$out" --seed 1 >/dev/null 2>&1
  if [ ! -f "$d/peer.json" ]; then "$nettui" import vcard "$d/contacts.vcf" --file "$d/peer.json" >/dev/null; rm -f "$d/peer.json.bak"; fi
  [ -f "$d/demo.json" ] || "$nettui" demo --write "$d/demo.json" --contacts "$n" >/dev/null
done
export NETTUI_BIN=$nettui PTY_TIME=$tools/pty_time.sh OUT=$out SIZES=$sizes RUNS=$runs
exec python3 - <<'PY'
import json, os, statistics, subprocess, tempfile, time
nettui, pty, out = os.environ["NETTUI_BIN"], os.environ["PTY_TIME"], os.environ["OUT"]
sizes, runs = [int(s) for s in os.environ["SIZES"].split()], int(os.environ["RUNS"])

def pty_run(expect_keys, cmd):
    """One run in a pty: (first frame s, peak RSS KiB)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as j:
        args = [pty, "-s", "80x24", "-t", "120", "--json", j.name]
        for e, k in expect_keys: args += ["-e", e, "-k", k]
        subprocess.run(args + ["--"] + cmd, check=True, stdout=subprocess.DEVNULL)
        r = json.load(open(j.name))["runs"][0]
        return r["ready_s"], r["maxrss_kib"]

def wall(cmd):
    t = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t

def fmt(v, scale):
    m = statistics.median(v)
    return f"{m*scale:.0f} ({min(v)*scale:.0f}–{max(v)*scale:.0f})" if m*scale >= 10 else f"{m*scale:.1f} ({min(v)*scale:.1f}–{max(v)*scale:.1f})"

print(f"nettui vs abook — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load {open('/proc/loadavg').read().split()[0]}; "
      f"{runs} interleaved runs; median (min–max); 80x24 pty")
print(f"{'contacts':>8}  {'figure':<34} {'abook':>20} {'nettui, same contacts':>22} {'nettui, demo network':>22} {'ratio':>7}", flush=True)
for n in sizes:
    d = f"{out}/N{n}"
    work = tempfile.mkdtemp(prefix="nettui-vs-abook-")
    res = {k: [] for k in ("ab_frame", "ab_rss", "nt_frame", "nt_rss", "dm_frame", "dm_rss", "nt_first", "dm_first", "ab_conv", "nt_imp")}
    for _ in range(runs):
        f, m = pty_run([("q:quit", "Q"), ("Quit without", "y")], ["abook", "--datafile", f"{d}/addressbook"])
        res["ab_frame"].append(f); res["ab_rss"].append(m)
        f, m = pty_run([("s save", "q")], [nettui, f"{d}/peer.json"])
        res["nt_frame"].append(f); res["nt_rss"].append(m)
        f, m = pty_run([("s save", "q")], [nettui, f"{d}/demo.json"])
        res["dm_frame"].append(f); res["dm_rss"].append(m)
        # The first frame of any kind: the loading frame of a file of 4 MB or more, else the dashboard.
        res["nt_first"].append(pty_run([("loading|s save", "q")], [nettui, f"{d}/peer.json"])[0])
        res["dm_first"].append(pty_run([("loading|s save", "q")], [nettui, f"{d}/demo.json"])[0])
        if os.path.exists(f"{work}/converted"): os.unlink(f"{work}/converted")  # abook will not overwrite
        res["ab_conv"].append(wall(["abook", "--convert", "--informat", "vcard", "--infile", f"{d}/contacts.vcf",
                                    "--outformat", "abook", "--outfile", f"{work}/converted"]))
        for p in ("imported.json", "imported.json.bak"):
            if os.path.exists(f"{work}/{p}"): os.unlink(f"{work}/{p}")
        res["nt_imp"].append(wall([nettui, "import", "vcard", f"{d}/contacts.vcf", "--file", f"{work}/imported.json"]))
    med = lambda k: statistics.median(res[k])
    rows = [("start → first frame (ms)", "ab_frame", "nt_first", "dm_first", 1000),
            ("start → contacts on screen (ms)", "ab_frame", "nt_frame", "dm_frame", 1000),
            ("peak memory (MiB)", "ab_rss", "nt_rss", "dm_rss", 1 / 1024),
            ("vCard import / abook --convert (ms)", "ab_conv", "nt_imp", None, 1000)]
    for name, a, b, c, scale in rows:
        ratio = f"×{med(b)/med(a):.2f}" if med(a) > 0 else "–"
        print(f"{n:>8}  {name:<34} {fmt(res[a], scale):>20} {fmt(res[b], scale):>22} {fmt(res[c], scale) if c else '':>22} {ratio:>7}", flush=True)
    subprocess.run(["rm", "-rf", work])
PY
