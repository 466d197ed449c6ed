"""Measure the risk engine: the labelled development set, then the public sets where they apply.

Prints figures; asserts nothing. Data is read from ../shared/data (or RISK_DATA_DIR) and never copied.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bot.levels import LEVELS
from bot.risk.analyzer import Analyzer
from bot.risk.learn import half_of
from bot.text.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("RISK_DATA_DIR", ROOT.parent / "shared" / "data"))

# Bitext intents that are complaints or problem reports a customer expects someone to fix.
BITEXT_COMPLAINT = {"complaint"}
# Bitext intents that are plain enquiries or routine requests: these should stay `none`.
BITEXT_NEUTRAL = {
    "track_order", "track_refund", "get_invoice", "check_invoice", "check_invoices", "delivery_options",
    "delivery_period", "check_payment_methods", "check_refund_policy", "check_cancellation_fee",
    "create_account", "edit_account", "switch_account", "recover_password", "newsletter_subscription",
    "set_up_shipping_address", "change_shipping_address", "place_order", "change_order",
    "contact_customer_service",
}


def main() -> int:
    analyzer = Analyzer.from_directory()
    dev = DATA / "risk_dev.jsonl"
    if dev.exists():
        eval_dev(analyzer, dev)
    else:
        print(f"development set: {dev} is missing, skipped")
    eval_real_weibo(analyzer, DATA / "risk_real_weibo.jsonl", show_misses="--misses" in sys.argv)
    eval_probes(analyzer, ROOT / "scripts" / "risk_probes.tsv", show_misses="--misses" in sys.argv)
    eval_posts(analyzer, ROOT / "scripts" / "brand_posts_en.tsv", show_misses="--misses" in sys.argv)
    eval_model(analyzer, DATA / "risk_real_weibo.jsonl")
    eval_bitext(analyzer, DATA / "public" / "bitext_customer_service")
    eval_afqmc(analyzer, DATA / "public" / "afqmc_alipay_cs_questions")
    eval_stc3(analyzer, DATA / "public" / "stc3_weibo_helpdesk")
    return 0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def level_report(pairs: list[tuple[str, str, str, str]]) -> dict:
    """pairs: (gold level, predicted level, gold category, predicted category)."""
    n = len(pairs)
    correct = sum(g == p for g, p, _, _ in pairs)
    per_level = {}
    for level in LEVELS:
        tp = sum(g == level and p == level for g, p, _, _ in pairs)
        fp = sum(g != level and p == level for g, p, _, _ in pairs)
        fn = sum(g == level and p != level for g, p, _, _ in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_level[level] = (prec, rec, f1(prec, rec))
    macro = sum(v[2] for v in per_level.values()) / len(LEVELS)
    tp = sum(g != "none" and p != "none" for g, p, _, _ in pairs)
    fp = sum(g == "none" and p != "none" for g, p, _, _ in pairs)
    fn = sum(g != "none" and p == "none" for g, p, _, _ in pairs)
    cp = tp / (tp + fp) if tp + fp else 0.0
    cr = tp / (tp + fn) if tp + fn else 0.0
    cat = sum(gc == pc for _, _, gc, pc in pairs)
    return {"n": n, "accuracy": correct / n, "macro_f1": macro, "per_level": per_level,
            "complaint_f1": f1(cp, cr), "category": cat / n}


def print_row(name: str, rep: dict, extra: str = "") -> None:
    """One line of a figures table: n, accuracy, macro-F1, high-risk P and R, complaint F1 (and `extra`)."""
    hp, hr, _ = rep["per_level"]["high_risk"]
    print(f"{name:8} {rep['n']:>4} {rep['accuracy']:>6.3f} {rep['macro_f1']:>8.3f} {hp:>6.3f} {hr:>6.3f} "
          f"{rep['complaint_f1']:>8.3f}{extra}")


def eval_dev(analyzer: Analyzer, path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_lang: dict[str, list] = defaultdict(list)
    misses = []
    for row in rows:
        r = analyzer.analyze(row["text"])
        pair = (row["level"], r.level, row["category"], r.category)
        by_lang[row["lang"]].append(pair)
        by_lang["all"].append(pair)
        if r.level != row["level"]:
            misses.append((row["id"], row["level"], r.level, row["text"][:90]))
    print(f"== development set: {path} ({len(rows)} messages)")
    print(f"{'lang':8} {'n':>4} {'acc':>6} {'macroF1':>8} {'hr P':>6} {'hr R':>6} {'cmpl F1':>8} {'cat acc':>8}")
    for lang in ("zh-Hans", "zh-Hant", "en", "all"):
        if lang not in by_lang:
            continue
        rep = level_report(by_lang[lang])
        print_row(lang, rep, f" {rep['category']:>8.3f}")
    rep = level_report(by_lang["all"])
    print("per level (all):  " + "  ".join(f"{lv} P={p:.3f} R={r:.3f} F1={f:.3f}"
                                          for lv, (p, r, f) in rep["per_level"].items()))
    print("confusion (rows gold, columns predicted):")
    print(f"{'':10}" + "".join(f"{lv:>10}" for lv in LEVELS))
    counts = Counter((g, p) for g, p, _, _ in by_lang["all"])
    for g in LEVELS:
        print(f"{g:10}" + "".join(f"{counts[(g, p)]:>10}" for p in LEVELS))
    if misses:
        print(f"level misses ({len(misses)}):")
        for mid, gold, got, text in misses:
            print(f"  {mid} gold={gold} got={got}  {text}")


def eval_real_weibo(analyzer: Analyzer, path: Path, *, show_misses: bool) -> None:
    """Both halves; misses are printed for the tune half only (the check half's errors are never read)."""
    if not path.exists():
        print(f"== real Weibo: {path} is missing, skipped")
        return
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"== real Weibo helpdesk posts: {path} ({len(rows)} messages)")
    print(f"{'half':8} {'n':>4} {'acc':>6} {'macroF1':>8} {'hr P':>6} {'hr R':>6} {'cmpl F1':>8}")
    for half in ("tune", "check"):
        part = [r for r in rows if r["split"] == half]
        results = [(r, analyzer.analyze(r["text"]).level) for r in part]
        print_row(half, level_report([(r["level"], got, "", "") for r, got in results]))
        if half == "tune" and show_misses:
            counts = Counter((r["level"], got) for r, got in results)
            print(f"{'':10}" + "".join(f"{lv:>10}" for lv in LEVELS))
            for g in LEVELS:
                print(f"{g:10}" + "".join(f"{counts[(g, p)]:>10}" for p in LEVELS))
            for r, got in results:
                if got != r["level"]:
                    print(f"  {r['id']} gold={r['level']} got={got}  {r['text'][:110]}")


def eval_probes(analyzer: Analyzer, path: Path, *, show_misses: bool) -> None:
    """The project's hand-written probes, per set: development data now (the file's header gives each set's
    figure when it was first read)."""
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    print(f"== hand-written probes: {path.name} ({len(rows)} messages; development data, see the file's header)")
    print(f"{'set':8} {'n':>4} {'acc':>6} {'macroF1':>8} {'hr P':>6} {'hr R':>6} {'cmpl F1':>8}")
    levels = [analyzer.analyze(r[2]).level for r in rows]  # each message read once, for its set and for "all"
    for name in sorted({r[0] for r in rows}) + ["all"]:
        results = [(r, got) for r, got in zip(rows, levels) if name in ("all", r[0])]
        print_row(name, level_report([(r[1], got, "", "") for r, got in results]))
        if name == "all" and show_misses:
            for r, got in results:
                if got != r[1]:
                    print(f"  {r[0]} gold={r[1]} got={got}  {r[2][:110]}")


def eval_posts(analyzer: Analyzer, path: Path, *, show_misses: bool) -> None:
    """The project's English posts to brands, complaint or not, per set (development data; see the file's header)."""
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    print(f"== English posts to brands: {path.name} ({len(rows)} posts; development data, see the file's header)")
    print(f"{'set':8} {'n':>4} {'cmpl P':>7} {'cmpl R':>7} {'cmpl F1':>8}")
    readings = [analyzer.analyze(row[2]).level for row in rows]  # each post read once
    flags = [level != "none" for level in readings]
    # "held": the half neither hand-labelled model trained on (scripts/train_high_risk_model.py and
    # train_complaint_model.py)
    for name in sorted({row[0] for row in rows}) + ["all", "held"]:
        results = [(row, flagged) for row, flagged in zip(rows, flags)
                   if name in ("all", row[0]) or name == "held" and half_of(row[2]) == "held"]
        tp = sum(row[1] == "1" and flagged for row, flagged in results)
        fp = sum(row[1] == "0" and flagged for row, flagged in results)
        fn = sum(row[1] == "1" and not flagged for row, flagged in results)
        prec, rec = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        print(f"{name:8} {len(results):>4} {prec:>7.3f} {rec:>7.3f} {f1(prec, rec):>8.3f}")
        if name == "all" and show_misses:
            for row, flagged in results:
                if flagged != (row[1] == "1"):
                    print(f"  {row[0]} {'missed' if row[1] == '1' else 'false alarm'}  {row[2][:110]}")
    print("levels (all): " + " ".join(f"{lv}={readings.count(lv)}" for lv in LEVELS))


def eval_model(analyzer: Analyzer, path: Path) -> None:
    """The shipped model alone (complaint against none at its threshold), on sets it never trained on."""
    model = analyzer.model
    if model is None or not path.exists():
        return
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"== the model alone ({model.name}, threshold {model.threshold:.2f}): complaint against none")
    for half in ("tune", "check"):
        pairs = [(r["level"] != "none", model.read(fold(r["text"]).text).probability >= model.threshold)
                 for r in rows if r["split"] == half]
        tp = sum(g and p for g, p in pairs)
        fp = sum(p and not g for g, p in pairs)
        fn = sum(g and not p for g, p in pairs)
        prec, rec = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        print(f"real Weibo {half:5}: P {prec:.3f} R {rec:.3f} F1 {f1(prec, rec):.3f}")


def eval_bitext(analyzer: Analyzer, folder: Path) -> None:
    if not folder.is_dir():
        print(f"== Bitext: {folder} is missing, skipped")
        return
    seen: set[str] = set()
    flagged: Counter = Counter()
    total: Counter = Counter()
    held: Counter = Counter()  # (flagged, neutral) in the half neither hand-labelled model trained on
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                text = row["utterance"]
                if text in seen:
                    continue
                seen.add(text)
                total[row["intent"]] += 1
                hit = analyzer.analyze(text).level != "none"
                flagged[row["intent"]] += hit
                if row["intent"] in BITEXT_NEUTRAL and half_of(text) == "held":
                    held[hit] += 1
    print(f"== Bitext ({sum(total.values())} unique utterances)")
    for name, group in (("complaint intents flagged", BITEXT_COMPLAINT), ("neutral intents flagged", BITEXT_NEUTRAL)):
        n = sum(total[i] for i in group)
        k = sum(flagged[i] for i in group)
        print(f"{name}: {k}/{n} = {100 * k / max(n, 1):.1f} %")
    print(f"neutral intents flagged, held half: {held[True]}/{sum(held.values())} = "
          f"{100 * held[True] / max(1, sum(held.values())):.1f} %")
    print("per intent (flagged share): " + ", ".join(
        f"{i} {100 * flagged[i] / total[i]:.0f}%" for i in sorted(total, key=lambda i: -flagged[i] / total[i])))


def eval_afqmc(analyzer: Analyzer, folder: Path) -> None:
    path = folder / "afqmc_dev_unique_questions.txt"
    if not path.exists():
        print(f"== AFQMC: {path} is missing, skipped")
        return
    # The shipped model trained on the other half of these questions: only the held half is measured.
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and half_of(line) == "held"]
    levels = Counter(analyzer.analyze(line).level for line in lines)
    above = len(lines) - levels["none"]
    print(f"== AFQMC questions, held half ({len(lines)}): flagged above none {above} = {100 * above / len(lines):.1f} %  "
          + " ".join(f"{lv}={levels[lv]}" for lv in LEVELS))


def eval_stc3(analyzer: Analyzer, folder: Path) -> None:
    path = folder / "stc3_train_customer_turns.csv"
    if not path.exists():
        print(f"== STC-3: {path} is missing, skipped")
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["split"] == "train"]
    read = [(half_of(r["first_customer_turn_zh"]), analyzer.analyze(r["first_customer_turn_zh"]).level) for r in rows]
    # "held": the half neither hand-labelled model trained on
    for name, part in (("", [lv for _h, lv in read]), (", held half", [lv for h, lv in read if h == "held"])):
        levels = Counter(part)
        print(f"== STC-3 train first customer turns{name} ({len(part)}): "
              + " ".join(f"{lv}={levels[lv]} ({100 * levels[lv] / len(part):.1f} %)" for lv in LEVELS))


if __name__ == "__main__":
    sys.exit(main())
