"""Learning curve: train a team model on one half of a labelled set and score the other half, both ways,
exactly as a team would (a fresh database, `bot db upgrade`, `bot train --from half_a`, `bot analyze
--jsonl < half_b`), beside the shipped engine's figures on the same half. Prints figures; asserts nothing.

Sets, read in place from ../shared/data (or RISK_DATA_DIR): the 200 labelled real Weibo posts (four levels;
their own tune and check halves) and Bitext (binary: the complaint intent against routine enquiries,
split in halves by a fixed hash; --bitext N examples a half, default 1000).
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.risk.learn import Example, half_of, score  # noqa: E402

DATA = Path(os.environ.get("RISK_DATA_DIR", ROOT.parent / "shared" / "data"))
BITEXT_NEUTRAL = {"track_order", "track_refund", "get_invoice", "check_invoice", "delivery_options",
                  "delivery_period", "check_payment_methods", "check_refund_policy", "create_account",
                  "edit_account", "recover_password", "change_shipping_address", "place_order", "change_order"}


def bot(*args: str, env: dict, stdin: bytes | None = None) -> str:
    out = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, env=env,
                         check=True, timeout=600)
    return out.stdout.decode("utf-8")


def run(name: str, half_a: list[dict], half_b: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bot.db"}
        train_file = Path(tmp) / "half_a.jsonl"
        train_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in half_a), encoding="utf-8")
        feed = "".join(json.dumps({"id": i, "text": r["text"]}, ensure_ascii=False) + "\n" for i, r in enumerate(half_b))
        shipped = [json.loads(line)["level"] for line in bot("analyze", "--jsonl", env=env, stdin=feed.encode()).splitlines()]
        bot("db", "upgrade", env=env)
        trained = bot("train", "--from", str(train_file), env=env)
        learned = [json.loads(line) for line in bot("analyze", "--jsonl", env=env, stdin=feed.encode()).splitlines()]
    golds = [Example(r["text"], r.get("level") if "level" in r else (None if r["complaint"] else "none"), r.get("lang", ""))
             for r in half_b]
    a, b = score(golds, shipped), score(golds, [r["level"] for r in learned])
    status = next((line for line in trained.splitlines() if "active" in line or "not activated" in line), "")
    print(f"{name}: trained on {len(half_a)}, scored on {len(half_b)} ({learned[0].get('model', '?')}; {status})")
    if "macro_f1" in a:
        print(f"  macro-F1      shipped {a['macro_f1']:.3f}   learned {b['macro_f1']:.3f}")
    print(f"  complaint F1  shipped {a['complaint_f1']:.3f}   learned {b['complaint_f1']:.3f}   "
          f"(P {b['complaint_precision']:.3f} R {b['complaint_recall']:.3f})")


def main() -> int:
    real = DATA / "risk_real_weibo.jsonl"
    if real.exists():
        rows = [json.loads(line) for line in real.read_text(encoding="utf-8").splitlines() if line.strip()]
        tune = [r for r in rows if r["split"] == "tune"]
        check = [r for r in rows if r["split"] == "check"]
        run("real Weibo, tune → check", tune, check)
        run("real Weibo, check → tune", check, tune)
    else:
        print(f"real Weibo: {real} is missing, skipped")
    folder = DATA / "public" / "bitext_customer_service"
    per_half = int(sys.argv[sys.argv.index("--bitext") + 1]) if "--bitext" in sys.argv else 1000
    if folder.is_dir():
        halves: dict[str, list[dict]] = {"train": [], "held": []}
        seen: set[str] = set()
        for path in sorted(folder.glob("*.csv")):
            with path.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    text = row["utterance"]
                    if text in seen or (row["intent"] != "complaint" and row["intent"] not in BITEXT_NEUTRAL):
                        continue
                    seen.add(text)
                    halves[half_of(text)].append({"text": text, "complaint": int(row["intent"] == "complaint"),
                                                  "lang": "en"})
        rnd = random.Random(3)
        a, b = (rnd.sample(halves[h], min(per_half, len(halves[h]))) for h in ("train", "held"))
        run("Bitext (binary), half a → half b", a, b)
        run("Bitext (binary), half b → half a", b, a)
    else:
        print(f"Bitext: {folder} is missing, skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
