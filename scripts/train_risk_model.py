"""Train the shipped dissatisfaction model and write its card.

Data (read in place from ../shared/data or RISK_DATA_DIR, never copied into the repository):
- STC-3 Weibo helpdesk dialogues (public/stc3_weibo_helpdesk): the first customer turn in Chinese and,
  where the set has one, its English translation, labelled by the dialogue's own mean customer
  satisfaction from 19 annotators: dissatisfied at or below LOW, not dissatisfied at or above HIGH, the
  ambiguous middle left out. The 200 posts of risk_real_weibo.jsonl (both halves) are left out, so that
  set stays a measurement.
- AFQMC payment-app questions (public/afqmc_alipay_cs_questions) as not dissatisfied, and short SophonPlus
  reviews (public/sophonplus_reviews), negative as dissatisfied and positive as not; "train" halves only.
Prints cross-validated and held-out figures; writes bot/risk/model/shipped.json and CARD.md.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sys
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.risk.learn import TrainingSet, cross_validate, fit, half_of  # noqa: E402
from bot.risk.model import MODEL_DIR  # noqa: E402

DATA = Path(os.environ.get("RISK_DATA_DIR", ROOT.parent / "shared" / "data"))
STC3 = DATA / "public" / "stc3_weibo_helpdesk" / "stc3_train_customer_turns.csv"
REAL = DATA / "risk_real_weibo.jsonl"
DEV = DATA / "risk_dev.jsonl"
AFQMC = DATA / "public" / "afqmc_alipay_cs_questions" / "afqmc_dev_unique_questions.txt"
REVIEWS = DATA / "public" / "sophonplus_reviews"
LOW, HIGH = -0.2, 0.1  # mean satisfaction on -2..2
DEV_GUARD = 0.96  # the development set's macro-F1 may not fall below this (the floor is 0.95)
PER_PUBLIC_SET = 3000  # questions taken from AFQMC (its "train" half only)
# The scripts the shipped model reads. English is left to the rules: learned only from translated Weibo
# posts, the model told English complaints to brands from enquiries no better than chance, and at the
# engine's threshold it flagged 6.9 % of Bitext's plain enquiries (2.6 % with the rules alone).
LANGUAGES = ("zh-Hans", "zh-Hant", "mixed")
PER_REVIEW_SIDE = 6000  # negative reviews as dissatisfied and as many positive ones as not ("train" half only)
REVIEW_CHARS = (6, 80)  # a review as long as a chat message, not an essay


def stc3_examples(held_out: set[str]) -> TrainingSet:
    csv.field_size_limit(sys.maxsize)
    data = TrainingSet()
    with STC3.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["first_customer_turn_zh"].strip() in held_out:
                continue
            satisfaction = float(row["mean_S_satisfaction"])
            if LOW < satisfaction < HIGH:
                continue
            label = int(satisfaction <= LOW)
            data.add(row["first_customer_turn_zh"], label, lang="zh-Hans", source="stc3-zh")
            if row["first_customer_turn_en"].strip():
                data.add(row["first_customer_turn_en"], label, lang="en", source="stc3-en")
    return data


def public_examples(data: TrainingSet) -> None:
    """Plain enquiries (AFQMC's payment-app questions) as not dissatisfied: a question is not a complaint.
    Only the set's "train" half."""
    rnd = random.Random(7)
    if AFQMC.exists():
        questions = [q.strip() for q in AFQMC.read_text(encoding="utf-8").splitlines()
                     if q.strip() and half_of(q) == "train"]
        for q in rnd.sample(questions, min(PER_PUBLIC_SET, len(questions))):
            data.add(q, 0, lang="zh-Hans", source="afqmc")


def review_examples(data: TrainingSet) -> None:
    """Short product and food-delivery reviews, negative as dissatisfied and positive as not, in equal numbers:
    both sides are reviews, so what they teach is unhappy against happy, not "review against question".
    Only the "train" half of each set."""
    negative: list[str] = []
    positive: list[str] = []

    def take(text: str, label: str) -> None:
        text = (text or "").strip().lstrip("\ufeff")
        if REVIEW_CHARS[0] <= len(text) <= REVIEW_CHARS[1] and half_of(text) == "train":
            (negative if label == "0" else positive).append(text)

    shopping = REVIEWS / "online_shopping_10_cats.zip"
    if shopping.exists():
        with zipfile.ZipFile(shopping) as archive, archive.open("online_shopping_10_cats.csv") as fh:
            for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig")):
                take(row["review"], row["label"])
    delivery = REVIEWS / "waimai_10k.csv"
    if delivery.exists():
        with delivery.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                take(row["review"], row["label"])
    rnd = random.Random(7)
    n = min(PER_REVIEW_SIDE, len(negative), len(positive))
    for text in rnd.sample(negative, n):
        data.add(text, 1, lang="zh-Hans", source="reviews")
    for text in rnd.sample(positive, n):
        data.add(text, 0, lang="zh-Hans", source="reviews")


def labelled(path: Path, split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r.get("split") == split]


def main() -> int:
    if not STC3.exists():
        sys.exit(f"train_risk_model: {STC3} is missing; training needs ../shared/data")
    held_out = {r["text"].strip() for r in labelled(REAL)} if REAL.exists() else set()
    data = stc3_examples(held_out)
    public_examples(data)
    review_examples(data)
    print(f"training examples: {len(data)} ({data.describe()})")
    folds = cross_validate(data, k=5)
    print(f"5-fold cross-validation on the training data: complaint F1 {folds['f1']:.3f}, AUC {folds['auc']:.3f}")
    model = fit(data, name=f"shipped-{date.today():%Y%m%d}")
    model.languages = LANGUAGES
    chosen = choose_threshold(model)
    print(f"engine threshold {model.threshold:.2f}: {chosen}")
    lines = []
    for name, rows in (("real Weibo tune half", labelled(REAL, "tune") if REAL.exists() else []),
                       ("development set (hand-written)", labelled(DEV) if DEV.exists() else [])):
        if rows:
            figures = model_figures(model, rows)
            lines.append(f"| {name} | {len(rows)} | {figures} |")
            print(f"{name}: {figures}")
    MODEL_DIR.mkdir(exist_ok=True)
    (MODEL_DIR / "shipped.json").write_text(json.dumps(model.as_json(), ensure_ascii=False, sort_keys=True),
                                            encoding="utf-8")
    (MODEL_DIR / "CARD.md").write_text(card(model, data, folds, lines), encoding="utf-8")
    print(f"wrote {MODEL_DIR / 'shipped.json'} ({len(model.weights)} weights)")
    return 0


def choose_threshold(model) -> str:
    """Where a message with no rule trigger reads as potential, chosen for the whole engine (rules and model): the best macro-F1 on the real Weibo tune half
    while the development set stays at or above DEV_GUARD (a regression guard, not the goal). The check
    half is never read here."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_risk import level_report

    from bot.risk.analyzer import Analyzer

    analyzer = Analyzer.from_directory(model_path=None).with_model(model)
    if not (REAL.exists() and DEV.exists()):
        model.threshold = max(model.threshold, 0.7)
        return "the labelled sets are missing: threshold at least 0.70"
    tune, dev = labelled(REAL, "tune"), labelled(DEV)
    best = (-1.0, 0.5, "")
    for step in range(40, 91, 5):
        model.threshold = step / 100
        tuned, guard = (level_report([(r["level"], analyzer.analyze(r["text"]).level, "", "") for r in rows])
                        ["macro_f1"] for rows in (tune, dev))
        if guard >= DEV_GUARD and tuned > best[0] + 1e-9:
            best = (tuned, model.threshold, f"tune half macro-F1 {tuned:.3f}, development set {guard:.3f}")
    model.threshold = best[1]
    return best[2]


def model_figures(model, rows: list[dict]) -> str:
    """Complaint (anything above none) against none, the model alone at its threshold."""
    from bot.text.normalize import fold

    tp = fp = fn = 0
    for r in rows:
        got = model.read(fold(r["text"]).text).probability >= model.threshold
        gold = r["level"] != "none"
        tp += got and gold
        fp += got and not gold
        fn += gold and not got
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"complaint P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}"


def card(model, data: TrainingSet, folds: dict, lines: list[str]) -> str:
    return f"""# Model card: the shipped dissatisfaction model

**What it is.** Logistic regression (scikit-learn, L2, C={folds['C']}) over binary n-gram features of the
folded text (`bot/risk/model.py`: Han characters 1-2 at a time after Traditional→Simplified folding,
Latin words 1-2 at a time, number and punctuation marks), scaled by 1/sqrt(number of features).
Words of address (你, 们, 你们, 您, "you", "your") are left out: every Weibo post in the data speaks to the
brand and no payment-app question does, so they taught "a post to a brand", not dissatisfaction: with
them, 你们的网点在哪里 read 0.80 and 请问网点在哪里 0.23.
{len(model.weights)} weights are kept (those with the largest magnitude), in `shipped.json`.
Threshold {model.threshold:.2f}: at or above it, a message the rules find no trigger in reads as
`potential`, and the card names the n-grams that weighed most (a second threshold that would
let the model overrule weak rule words, a bare 怎么回事 or "still", was tried and did not help). The
threshold is chosen for the whole
engine (rules and model): the best macro-F1 on the real Weibo tune half while the development set
stays at or above {DEV_GUARD}; the check half is never used to choose anything. A message framed as a
polite question (请问, 想问下) needs more: halfway from the threshold to certainty.

**What it reads.** {", ".join(LANGUAGES)}. English is left to the rules: learned only from translated
Weibo posts, the model told English complaints to brands from enquiries no better than chance, and it
flagged 6.9 % of Bitext's plain enquiries where the rules alone flag 2.6 %. (A team model trained with
`bot train` reads every language its team labelled.)

**What it decides.** Only whether a message is dissatisfied, and how strongly. The rules keep what they
explain: external escalation, harm, demands, repeat counts, negation and scope.

**Trained on** {len(data)} examples ({data.describe()}), made by `scripts/train_risk_model` on
{date.today():%Y-%m-%d}:
- STC-3 (NTCIR-14 Short Text Conversation, Weibo customer→helpdesk dialogues; annotations CC BY 4.0,
  texts belong to their Weibo authors): the first customer turn, in Chinese and in the set's English
  translation where there is one, labelled by the dialogue's mean customer satisfaction (19 annotators,
  -2..2): dissatisfied at or below {LOW}, not at or above {HIGH}, the middle left out.
- AFQMC (CLUE; a payment app's real customer-service questions, no licence stated): {PER_PUBLIC_SET}
  questions as not dissatisfied, taken only from the half that `bot.risk.learn.half_of` calls "train"
  (scripts/eval_risk measures the other half). They teach that a plain question is not a complaint.
- Bitext's vendor-written utterances were tried and left out: their hundreds of formulaic enquiries
  pushed every English text towards "not dissatisfied", and they read nothing like posts to brands.
- SophonPlus ChineseNlpCorpus (online-shopping reviews in 10 categories and food-delivery reviews; no
  licence stated): {PER_REVIEW_SIDE} negative reviews as dissatisfied and {PER_REVIEW_SIDE} positive ones as not,
  {REVIEW_CHARS[0]}-{REVIEW_CHARS[1]} characters, from the "train" half only. Reviews against questions taught "review versus
  question"; negative against positive reviews teach unhappy against happy. Without them the model told
  the Chinese complaints of hand-written probe set F (`scripts/risk_probes.tsv`) from its enquiries barely
  better than chance (AUC 0.63); with them, 0.85, while the Weibo tune half's macro-F1 stayed 0.702.
- The 200 posts of `risk_real_weibo.jsonl` are excluded from training (both halves), so that set stays a
  measurement.


**Figures**

The model alone, complaint against none at its threshold (the engine's figures, rules and model
together, are printed by `scripts/eval_risk`):

| set | n | the model alone |
|---|---|---|
| 5-fold cross-validation on the training data | {len(data)} | complaint F1 {folds['f1']:.3f}, AUC {folds['auc']:.3f} |
{chr(10).join(lines)}

**Limits.** Weibo is telecoms, travel and phone makers; other sectors' words are learned only through
the English translation and general language. English is learned from translations, not from native
posts. Cantonese particles are rare in the data. Teams train their own model on their own labels
(`bot train`), checked against this one before it goes live.
"""


if __name__ == "__main__":
    sys.exit(main())
