"""Time whole `twofold` commands on big files, each beside the script a data person would write.

Every figure is a whole process, from start-up to the last byte written, as a
user runs it; the peers are separate Python processes in the same run, so a
busy or a different machine moves both. Peak memory is the child process's
maximum resident set size (``os.wait4``), measured from a small runner process
so that the size of this script does not count.

1. 1,000,000 respondents × the TLMI's 48 items (answers 1–5, 2% empty; about
   100 MB of CSV):
   - ``twofold score --instrument tlmi --responses FILE --out OUT`` against a
     pandas peer: ``read_csv``, the keyed row mean of each of the 16 scales,
     the mean of each composite's scales, ``to_csv`` at full precision
     (pandas' default, as Twofold's). Target: Twofold at least 3× as fast.
   - ``twofold analyze`` on the same file. Target: score and analyze each
     peaking under 1 GB.
2. 100,000 respondents: ``twofold analyze --instrument tlmi`` (alpha, omega
   and item statistics of the TLMI's 16 scales of 3 items) against a peer
   doing ``pandas.read_csv`` and ``pingouin.cronbach_alpha`` for each of the
   same 16 keyed scales. Target: Twofold at least 2× as fast (best of 3).

Wall times are the targets; CPU times (user + system) are printed beside
them because on a shared machine they move less with the load of others.

The files are generated once per run in a temporary directory (the 1M file
takes a few seconds) and removed at the end. Run with ``make bench`` or
``.venv/bin/python bench/cli_bench.py``; it takes a few minutes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twofold.content import builtin_instrument
from twofold.core.scoring import ScoringKey

BIG, SMALL = 1_000_000, 100_000
MISSING = 0.02
TWOFOLD = str(Path(sys.executable).with_name("twofold"))

PANDAS_SCORE = """
import json, sys
import pandas as pd
spec = json.loads(sys.argv[1])
df = pd.read_csv(sys.argv[2], index_col="respondent_id")
keyed = df.copy()
keyed[spec["reverse"]] = spec["low"] + spec["high"] - keyed[spec["reverse"]]
out = pd.DataFrame(index=df.index)
for scale, items in spec["scales"].items():
    out[scale] = keyed[items].mean(axis=1)
for composite, scales in spec["composites"].items():
    out[composite] = out[scales].mean(axis=1)
out.to_csv(sys.argv[3])
"""

PINGOUIN_ANALYZE = """
import json, sys
import pandas as pd
import pingouin as pg
spec = json.loads(sys.argv[1])
df = pd.read_csv(sys.argv[2])
df[spec["reverse"]] = spec["low"] + spec["high"] - df[spec["reverse"]]
for scale, items in spec["scales"].items():
    pg.cronbach_alpha(data=df[items])
"""


def write_responses(path: Path, n: int, item_ids: tuple[str, ...]) -> None:
    """A responses CSV of ``n`` respondents with uniform answers and 2% of cells empty."""
    rng = np.random.default_rng(20261201)
    cells = np.array(["", "1", "2", "3", "4", "5"], dtype=object)
    with path.open("w") as handle:
        handle.write(",".join(["respondent_id", *item_ids]) + "\n")
        for start in range(0, n, 100_000):
            rows = min(100_000, n - start)
            answers = rng.integers(1, 6, size=(rows, len(item_ids)))
            answers[rng.random(answers.shape) < MISSING] = 0
            ids = np.array([f"r{i}" for i in range(start, start + rows)], dtype=object)
            table = np.column_stack([ids, cells[answers]])
            handle.write("\n".join(map(",".join, table.tolist())) + "\n")


RUNNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    start = time.perf_counter()
    child = subprocess.Popen(json.loads(line), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([wall, cpu, usage.ru_maxrss, code, err]), flush=True)
"""


class Runner:
    """Runs each command from a small process of its own, to measure its peak memory.

    A child's peak resident memory (``ru_maxrss``) counts the memory of the
    process it was forked from, so children forked from this script (numpy,
    the generated files) would all seem to need at least as much as it does.
    The runner is started first and stays small.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, args: list[str]) -> Timing:
        """Wall and CPU seconds and peak resident memory of one command."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(args) + "\n")
        self.process.stdin.flush()
        wall, cpu, peak_kb, code, err = json.loads(self.process.stdout.readline())
        if code != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{err}")
        return Timing(wall, cpu, peak_kb / 1024)  # ru_maxrss is in KB on Linux

    def best(self, runs: int, args: list[str]) -> Timing:
        """The fastest of ``runs`` runs (wall and CPU each), and the highest peak."""
        results = [self.run(args) for _ in range(runs)]
        return Timing(
            min(r.wall for r in results),
            min(r.cpu for r in results),
            max(r.peak_mb for r in results),
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    peak_mb: float

    def ratio(self, peer: Timing) -> str:
        return f"{peer.wall / self.wall:.1f}x the peer ({peer.cpu / self.cpu:.1f}x in CPU time)"


def spec() -> str:
    """The TLMI's scales and keys for the peers, as a data person would write them down."""
    tlmi = builtin_instrument("tlmi")
    key = ScoringKey.from_instrument(tlmi)
    scales = {s.id: [item.id for item in s.items] for s in tlmi.scales}
    composites = {
        cid: [key.scale_ids[j] for j in np.flatnonzero(key.scales_to_composites[:, m])]
        for m, cid in enumerate(key.composite_ids)
    }
    reverse = [item.id for item in tlmi.items if item.key < 0]
    return json.dumps(
        {
            "scales": scales,
            "composites": composites,
            "reverse": reverse,
            "low": tlmi.response_scale.min,
            "high": tlmi.response_scale.max,
        }
    )


def same_scores(ours: Path, theirs: Path, scales: list[str], rows: int = 20_000) -> bool:
    """Whether both give the same scale scores where both give one (the peer scores anyone
    who answered an item; Twofold needs half the scale), on the first rows."""
    import pandas as pd

    a = pd.read_csv(ours, nrows=rows, index_col="respondent_id")[scales]
    b = pd.read_csv(theirs, nrows=rows, index_col="respondent_id")[scales]
    both = a.notna() & b.notna()
    return bool(np.allclose(a[both].fillna(0), b[both].fillna(0), rtol=0, atol=1e-12))


def line(label: str, timing: Timing, note: str = "") -> None:
    print(
        f"  {label:<34} {timing.wall:7.2f} s  (CPU {timing.cpu:6.2f} s)  "
        f"{timing.peak_mb:6.0f} MB  {note}"
    )


def main() -> None:
    runner = Runner()
    try:
        measure(runner)
    finally:
        runner.close()


def measure(runner: Runner) -> None:
    tlmi = builtin_instrument("tlmi")
    keys = spec()
    with tempfile.TemporaryDirectory(prefix="twofold-bench-") as tmp:
        big, small = Path(tmp) / "big.csv", Path(tmp) / "small.csv"
        write_responses(big, BIG, tlmi.item_ids)
        write_responses(small, SMALL, tlmi.item_ids)
        ours, theirs = Path(tmp) / "scores.csv", Path(tmp) / "pandas.csv"
        size = big.stat().st_size / 1e6
        print(f"{BIG:,} respondents x {len(tlmi.items)} items, {MISSING:.0%} empty ({size:.0f} MB)")
        scoring = [TWOFOLD, "score", "--instrument", "tlmi", "--responses", str(big)]
        score = runner.best(2, [*scoring, "--out", str(ours)])
        peer = runner.best(2, [sys.executable, "-c", PANDAS_SCORE, keys, str(big), str(theirs)])
        analyzing = [TWOFOLD, "analyze", "--instrument", "tlmi", "--json"]
        analyze = runner.run([*analyzing, "--responses", str(big)])
        print("  (wall: best of 2; CPU: user + system time of the process)")
        line("twofold score (CSV to CSV)", score, score.ratio(peer))
        line("pandas read_csv, means, to_csv", peer)
        line("twofold analyze", analyze)
        agree = same_scores(ours, theirs, list(ScoringKey.from_instrument(tlmi).scale_ids))
        print(f"  same scale scores as the peer       {agree}")

        print(f"\n{SMALL:,} respondents, 16 scales of 3 items (best of 3)")
        small_run = runner.best(3, [*analyzing[:-1], "--responses", str(small)])
        pingouin = runner.best(3, [sys.executable, "-c", PINGOUIN_ANALYZE, keys, str(small)])
        line("twofold analyze", small_run, small_run.ratio(pingouin))
        line("pandas read_csv + pingouin alpha", pingouin)

        print("\nstart-up (best of 5)")
        for args in (["--help"], ["--version"]):
            line(f"twofold {args[0]}", runner.best(5, [TWOFOLD, *args]))

        print("\ntargets (wall time)")
        print(f"  score at least 3x the pandas peer   {peer.wall / score.wall >= 3}")
        print(f"  score and analyze peak under 1 GB   {max(score.peak_mb, analyze.peak_mb) < 1024}")
        print(f"  analyze at least 2x the peer        {pingouin.wall / small_run.wall >= 2}")


if __name__ == "__main__":
    main()
