"""Benchmark the risk analyzer on one core: throughput, per-message latency, long messages, load time, memory.

The mix is real and hand-written customer text from ../shared/data (never copied): the development
set (three scripts), Weibo helpdesk turns (Simplified, and the same turns converted to Traditional),
and Bitext English utterances, cut to 10-500 characters. Prints figures; asserts nothing.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("RISK_DATA_DIR", ROOT.parent / "shared" / "data"))
MIX_SIZE = 5000
ROUNDS = 3


def main() -> int:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        pinned = f"pinned to CPU {min(os.sched_getaffinity(0))}"
    except (AttributeError, OSError):
        pinned = "not pinned (no sched_setaffinity here)"
    load_s, rss_mb = load_figures()
    from bot.risk.analyzer import Analyzer

    analyzer = Analyzer.from_directory()
    if "--team-model" in sys.argv:  # a team model's JSON (as `bot train` keeps it): the engine with it active
        from bot.risk.model import LinearModel

        path = Path(sys.argv[sys.argv.index("--team-model") + 1])
        analyzer = analyzer.with_model(LinearModel.from_json(json.loads(path.read_text(encoding="utf-8"))))
        print(f"with the team model {analyzer.model.name} from {path}")
    gc.freeze()  # as `bot serve` does once start-up is done: the tables live as long as the process
    mix, long_real, long_dense = corpus()
    print(f"analyzer: {pinned}; {len(mix)} messages, lengths {min(map(len, mix))}-{max(map(len, mix))}, "
          f"median {statistics.median(map(len, mix)):.0f} chars")
    for text in mix[:500]:
        analyzer.analyze(text)
    latencies: list[int] = []
    wall = 0.0
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for text in mix:
            s = time.perf_counter_ns()
            analyzer.analyze(text)
            latencies.append(time.perf_counter_ns() - s)
        wall += time.perf_counter() - t0
    latencies.sort()
    n = len(latencies)
    print(f"throughput: {n / wall:,.0f} messages/s on one core ({n} analyses in {wall:.2f} s)")
    print(f"latency per message: p50 {latencies[n // 2] / 1000:.1f} µs, p99 {latencies[int(n * 0.99)] / 1000:.1f} µs, "
          f"max {latencies[-1] / 1000:.1f} µs")
    for name, text in (("4,000-char message (real Weibo complaint threads)", long_real),
                       ("4,000-char message (densest: dev-set complaints back to back)", long_dense)):
        print(f"{name}: median {median_ms(analyzer, text, 50):.2f} ms")
    huge = (long_real * (1_000_000 // len(long_real) + 1))[:1_000_000]
    result = analyzer.analyze(huge)
    print(f"1,000,000-char message: median {median_ms(analyzer, huge, 5):.1f} ms, "
          f"truncated={result.truncated} (first {len(huge) if not result.truncated else 'MAX_ANALYSED_CHARS'} chars read)")
    print(f"load: {load_s * 1000:.0f} ms (imports, lexicon, automaton; median of 5 fresh processes), "
          f"memory {rss_mb:.0f} MB peak RSS of such a process")
    return 0


def median_ms(analyzer, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        analyzer.analyze(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def load_figures() -> tuple[float, float]:
    """Time and peak memory to import the analyzer and build it, each in a fresh process."""
    code = ("import time, resource; t = time.perf_counter(); "
            "from bot.risk.analyzer import Analyzer; a = Analyzer.from_directory(); a.analyze('warm'); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        seconds, rss_kb = out.stdout.split()
        runs.append((float(seconds), int(rss_kb) / 1024))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def clip(text: str, rng: random.Random) -> str:
    text = " ".join(text.split())
    return text[:rng.randint(10, 500)] if len(text) > 500 else text


def corpus() -> tuple[list[str], str, str]:
    import opencc

    rng = random.Random(315)
    dev_path = DATA / "risk_dev.jsonl"
    stc_path = DATA / "public" / "stc3_weibo_helpdesk" / "stc3_train_customer_turns.csv"
    bitext = DATA / "public" / "bitext_customer_service" / "Bitext_Sample_Customer_Support_20k_utterances.csv"
    for path in (dev_path, stc_path, bitext):
        if not path.exists():
            sys.exit(f"bench_analyze: {path} is missing; the benchmark needs ../shared/data")
    dev = [json.loads(line)["text"] for line in dev_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    csv.field_size_limit(sys.maxsize)
    with stc_path.open(encoding="utf-8", newline="") as fh:
        turns = [r["all_customer_turns_zh"] for r in csv.DictReader(fh)]
    with bitext.open(encoding="utf-8-sig", newline="") as fh:
        english = [r["utterance"] for r in csv.DictReader(fh)]
    s2t = opencc.OpenCC("s2t")
    # About half Simplified, a quarter Traditional, a fifth English and the rest mixed, as PERFORMANCE.md.
    simplified = [clip(t, rng) for t in rng.sample(turns, 3700)]
    en = [clip(t, rng) for t in rng.sample(english, 1550)]
    traditional = [s2t.convert(t) for t in simplified[1900:3150]]
    mixed = [clip(a + " " + b, rng) for a, b in zip(simplified[3150:], en[1000:])]
    mix = [clip(t, rng) for t in dev + simplified[:1900] + traditional + en[:1000] + mixed]
    mix = [t for t in mix if len(t) >= 10]
    rng.shuffle(mix)
    long_real = ""
    for t in turns:
        if len(t) > 400:
            long_real += t.replace(" || ", "\n") + "\n"
        if len(long_real) >= 4000:
            break
    return mix[:MIX_SIZE], long_real[:4000], ("\n".join(dev) * 2)[:4000]


if __name__ == "__main__":
    sys.exit(main())
