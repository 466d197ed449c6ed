"""Train the shipped high-risk model and write its card.

The rules find high risk by its words (12315, a lawyer, 住院, the third call); customers also say it in words no
list holds. This model reads a whole message for high risk, learned from the project's hand-labelled messages
against real public posts that are mostly ordinary complaints and questions.

Data (the public sets read in place from ../shared/data or RISK_DATA_DIR, never copied into the repository):
- high risk against every other level: the hand-written probes (scripts/risk_probes.tsv) and the development set;
- as not high risk: real Weibo helpdesk posts (STC-3 first customer turns) and the project's English posts to
  brands, AFQMC payment-app questions and Bitext's plain enquiries, each from the half `half_of` calls "train"
  (scripts/eval_risk measures the other halves); the 200 posts of risk_real_weibo.jsonl are left out.
Prints a measurement on probe rounds the model did not train on; writes bot/risk/model/high_risk.json and
HIGH_RISK.md.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_risk import BITEXT_NEUTRAL, level_report  # noqa: E402
from train_risk_model import HIGH, LOW  # noqa: E402

from bot.risk.analyzer import Analyzer  # noqa: E402
from bot.risk.learn import TrainingSet, fit, half_of  # noqa: E402
from bot.risk.model import HIGH_RISK, MODEL_DIR, LinearModel, features, function_only  # noqa: E402
from bot.text.normalize import fold  # noqa: E402

DATA = Path(os.environ.get("RISK_DATA_DIR", ROOT.parent / "shared" / "data"))
PROBES = ROOT / "scripts" / "risk_probes.tsv"
POSTS = ROOT / "scripts" / "brand_posts_en.tsv"
DEV = DATA / "risk_dev.jsonl"
REAL = DATA / "risk_real_weibo.jsonl"
STC3 = DATA / "public" / "stc3_weibo_helpdesk" / "stc3_train_customer_turns.csv"
AFQMC = DATA / "public" / "afqmc_alipay_cs_questions" / "afqmc_dev_unique_questions.txt"
BITEXT = DATA / "public" / "bitext_customer_service"
PER_PUBLIC_SET = 3000  # AFQMC questions and Bitext enquiries, each
# Weak regularisation: the hand-labelled messages are few and varied, and at C=1 the model stayed near its prior.
# C and the threshold were chosen once, on the time split below (C 0.3 / 1 / 3 / 10, threshold 0.3 to 0.9).
C = 10.0
THRESHOLD = 0.8
# Fewer n-grams than this (about ten Han characters or ten English words) and the rules decide alone: in 气死我了 or
# 给我个说法 one word the probes wrote mostly in high-risk messages decided. Chosen on the time split (0, 15, 20, 25,
# 30, 40): at 20 macro-F1 0.785 against 0.782 with no floor, and 8 rather than 13 of the unit tests' 698 look-alikes
# and ordinary complaints read high risk.
MIN_FEATURES = 20
# English words and pairs of function words alone ("to the", "and my", "i've been") get no weight: with one they stood
# in for the messages they came from ("to the" weighed most in "I'll take the bike to the repair station tomorrow").
# Han ones keep theirs: 已经 in 我已经报警了 is news, and without them the time split's high-risk recall fell 0.025.
# The probe rounds written after the engine of commit 68f6c9e: the time split's measurement half.
LATER_ROUNDS_FROM = "EA"


def meaningful(feature: str) -> bool:
    """Whether a feature may carry a weight: not an English word, or pair of words, of function words alone."""
    return not (feature.startswith("w:") and function_only(feature))


def probes() -> list[tuple[str, str, str]]:
    """(set, level, text) for every hand-written probe, in the file's order."""
    return [tuple(line.split("\t", 2)) for line in PROBES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def public_examples(data: TrainingSet, *, complaints: bool = False) -> None:
    """Real posts and plain enquiries, from their "train" halves only: all as not high risk, or with `complaints`
    as complaint or not (STC-3 posts by their dialogue's satisfaction, the posts to brands by their labels, Bitext's
    complaints as complaints)."""
    rnd = random.Random(7)
    held_out = {json.loads(line)["text"].strip() for line in REAL.read_text(encoding="utf-8").splitlines()
                if line.strip()} if REAL.exists() else set()
    csv.field_size_limit(sys.maxsize)
    with STC3.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row["first_customer_turn_zh"].strip()
            if not text or text in held_out or half_of(text) != "train":
                continue
            satisfaction = float(row["mean_S_satisfaction"])
            if not complaints:
                data.add(text, 0, lang="zh-Hans", source="stc3")
            elif not LOW < satisfaction < HIGH:  # as the dissatisfaction model, the ambiguous middle left out
                data.add(text, int(satisfaction <= LOW), lang="zh-Hans", source="stc3")
    for _set, label, text in (line.split("\t", 2) for line in POSTS.read_text(encoding="utf-8").splitlines()
                              if line.strip() and not line.startswith("#")):
        if half_of(text) == "train":
            data.add(text, complaints and label == "1", lang="en", source="brand-posts")
    if AFQMC.exists():
        questions = [q.strip() for q in AFQMC.read_text(encoding="utf-8").splitlines()
                     if q.strip() and half_of(q) == "train"]
        for q in rnd.sample(questions, min(PER_PUBLIC_SET, len(questions))):
            data.add(q, 0, lang="zh-Hans", source="afqmc")
    seen: set[str] = set()
    enquiries, grievances = [], []
    for path in sorted(BITEXT.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                text = row["utterance"]
                if text not in seen and half_of(text) == "train":
                    if row["intent"] in BITEXT_NEUTRAL:
                        enquiries.append(text)
                    elif row["intent"] == "complaint":
                        grievances.append(text)
                seen.add(text)
    for text in rnd.sample(enquiries, min(PER_PUBLIC_SET, len(enquiries))):
        data.add(text, 0, lang="en", source="bitext")
    for text in grievances if complaints else ():
        data.add(text, 1, lang="en", source="bitext")


def training_set(rows: list[tuple[str, str, str]], *, complaints: bool = False) -> TrainingSet:
    """The labelled messages in `rows` and the development set, high risk against the rest (with `complaints`,
    every level above none against none), and the public examples, classes weighed equally."""
    data = TrainingSet()

    def target(level: str) -> bool:
        return level != "none" if complaints else level == "high_risk"

    for _set, level, text in rows:
        data.add(text, target(level), source="probes")
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            data.add(row["text"], target(row["level"]), lang=row["lang"], source="development set")
    public_examples(data, complaints=complaints)
    positive = sum(data.labels)
    # As scikit-learn's "balanced": each class weighs half the total.
    data.weights = [len(data) / (2 * (positive if y else len(data) - positive)) for y in data.labels]
    return data


def time_split(rows: list[tuple[str, str, str]]) -> tuple[str, list[str]]:
    """Trained on the rounds before LATER_ROUNDS_FROM, measured on that round and every later one."""
    order = list(dict.fromkeys(r[0] for r in rows))
    later = set(order[order.index(LATER_ROUNDS_FROM):])
    model = fit(training_set([r for r in rows if r[0] not in later]), name="time-split", c=C, threshold=THRESHOLD,
                keep=meaningful)
    test = [r for r in rows if r[0] in later]
    golds = [level for _set, level, _text in test]
    model.min_features = MIN_FEATURES
    high = [_lifts(model, text) for _set, _level, text in test]
    rules = Analyzer.from_directory(high_risk_path=None)
    alone = [rules.analyze(text).level for _set, _level, text in test]
    both = ["high_risk" if h else got for h, got in zip(high, alone)]
    tp = sum(g == "high_risk" and h for g, h in zip(golds, high))
    summary = (f"{len(test)} messages of {len(later)} rounds ({golds.count('high_risk')} high risk), the model "
               f"alone: high-risk precision {tp / max(1, sum(high)):.3f}, recall {tp / max(1, golds.count('high_risk')):.3f}")
    figures = [level_report([(g, p, "", "") for g, p in zip(golds, levels)]) for levels in (alone, both)]
    return summary, [f"today's rules alone: macro-F1 {figures[0]['macro_f1']:.3f}, rules and model "
                     f"{figures[1]['macro_f1']:.3f} (today's rules were taught these rounds' misses)"]


def _lifts(model: LinearModel, text: str) -> bool:
    """Whether the model reads `text` as high risk, as the analyzer asks it (long enough, at its threshold)."""
    feats = features(fold(text).text)
    return len(feats) >= model.min_features and model.read("", feats=feats).probability >= model.threshold


def main() -> int:
    if not (STC3.exists() and DEV.exists()):
        sys.exit("train_high_risk_model: ../shared/data is missing; training needs it")
    rows = probes()
    alone, engine = time_split(rows)
    print(f"time split: {alone}\n  {engine[0]}")
    data = training_set(rows)
    print(f"training examples: {len(data)} ({data.describe().replace('dissatisfied', 'high risk')})")
    model = fit(data, name=f"high-risk-{date.today():%Y%m%d}", c=C, threshold=THRESHOLD, keep=meaningful)
    model.min_features = MIN_FEATURES
    MODEL_DIR.mkdir(exist_ok=True)
    HIGH_RISK.write_text(json.dumps(model.as_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (MODEL_DIR / "HIGH_RISK.md").write_text(card(model, data, alone), encoding="utf-8")
    print(f"wrote {HIGH_RISK} ({len(model.weights)} weights)")
    return 0


def lifted(model: LinearModel) -> str:
    """How many real posts (the English posts to brands, STC-3's first customer turns) the model lifts to high risk."""
    csv.field_size_limit(sys.maxsize)
    with STC3.open(encoding="utf-8", newline="") as fh:
        weibo = [row["first_customer_turn_zh"] for row in csv.DictReader(fh)]
    posts = [line.split("\t", 2)[2] for line in POSTS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    rules = Analyzer.from_directory(high_risk_path=None)
    engine = Analyzer(rules.lexicon, rules.model, model)
    counts = [sum(engine.analyze(t).level != rules.analyze(t).level for t in texts) for texts in (posts, weibo)]
    return f"{counts[0]} of the {len(posts)} posts to brands and {counts[1]} of STC-3's {len(weibo):,} posts"


def card(model: LinearModel, data: TrainingSet, alone: str) -> str:
    lifted_posts = lifted(model)
    return f"""# Model card: the shipped high-risk model

**What it is.** Logistic regression (scikit-learn, L2, C={C}, classes weighed equally) over the same n-gram
features as the dissatisfaction model (`bot/risk/model.py`), {len(model.weights)} weights kept, in `high_risk.json`.
Made by `scripts/train_high_risk_model` on {date.today():%Y-%m-%d}.

**What it decides.** Whether a message the rules read below high risk is high risk after all: at or above
{THRESHOLD:.2f} it is, and the card names the n-gram that weighed most as the reason (signal `learned`). A message of
fewer than {MIN_FEATURES} n-grams (about ten Han characters or ten English words) is left to the rules. It never
lowers a level, and it does not read a message whose risky words the rules found negated, hypothetical or
someone else's (不是要投诉, "my neighbour reported you"), nor one the rules found nothing in that thanks or praises
(回购第五次了, where it read a count). A team model, once a team trains one, decides
levels instead of both shipped models.

**Trained on** {len(data)} examples ({data.describe().replace('dissatisfied', 'high risk')}):
- high risk against every other level: the project's hand-written probes (`scripts/risk_probes.tsv`, written by
  the project, every round with harmless look-alikes) and the development set (`risk_dev.jsonl`);
- as not high risk, from the half `bot.risk.learn.half_of` calls "train" (scripts/eval_risk measures the other):
  STC-3's real Weibo helpdesk posts (NTCIR-14; annotations CC BY 4.0, texts belong to their Weibo authors; the
  200 posts of `risk_real_weibo.jsonl` left out), the project's English posts to brands
  (`scripts/brand_posts_en.tsv`), {PER_PUBLIC_SET} AFQMC payment-app questions (CLUE, no licence stated) and {PER_PUBLIC_SET}
  of Bitext's plain enquiries (CDLA-Sharing 1.0). A few real posts are high risk and are taught as not: the price
  of teaching that an ordinary public complaint is not high risk. A first version trained without them (at a
  threshold of 0.6) read 14.4 % of STC-3's posts as high risk rather than 10.8 %, and the Weibo tune half fell
  from 0.755 to 0.705 macro-F1.

**Figures.** Time split: trained the same way on the probe rounds written before round {LATER_ROUNDS_FROM}, measured on
{alone}. Measured once, on the 33 rounds EA-FI, with the rules of commit 68f6c9e written before them (the engine as
it then stood, with and without this model): macro-F1 0.745 → 0.785, high-risk recall 0.704 → 0.897, high-risk precision
0.864 → 0.858; 简体 0.750 → 0.791, 繁體 0.790 → 0.837, English 0.692 → 0.724. The real Weibo halves, Bitext, AFQMC,
the English posts to brands and the STC-3 posts score the same with and without it (`scripts/eval_risk`; this
model lifts {lifted_posts}). Rounds written after it and scored once: FJ and FK (45 messages each, every level) read
macro-F1 0.926 and 0.911 with it, 0.926 and 0.872 without, high-risk recall 1.000 and 0.933 with it, 1.000 and 0.800
without; FL (20 high risk, 20 harmless) high-risk recall 0.950 with it, 0.900 without, 15 and 16 of the 20 harmless
right; FM (30 English, every level) 0.873 with it, 0.846 without, high-risk recall 0.750 and 0.667; FN (36 in
简体 and 繁體/粤语, every level) 0.903 with it, 0.816 without, high-risk recall 0.938 and 0.688; FO (24 English, 14
high risk) high-risk recall 1.000 with it, 0.929 without; FP (30 harmless messages with risky words) 22 read none
with it, 23 without; FQ (24 in Taiwan Chinese and Cantonese, every level) 0.767 with it or without, high-risk recall
1.000 either way; FS (36, every level, hard wording, the last) 0.711 with it, 0.688 without, high-risk recall 0.889
and 0.778; FT (30 quiet complaints and harmless messages with risky words) 27 right with it or without; FU (20 quiet
complaints and their twins) 12 right with it, 13 without; FV (36, every level, the first round after the complaint
model) high-risk recall 1.000 with it or without; FX (29 English, every level) high-risk recall 1.000 either way,
precision 0.889 with it (a formal complaint about a driver lifted) and 1.000 without; FY (24 Chinese) the same
either way; FZ (36, every level, hard wording) 0.861 with it, 0.808 without, high-risk recall 1.000 and 0.778; GA
(36, every level) 0.944 with it, 0.917 without, high-risk recall 1.000 and 0.889; GC (30, mixed Chinese and
English chat and long emails) the same either way; GD (24 Chinese, high risk without its words beside look-alikes)
high-risk recall 7 of 8 with it, 6 of 8 without; GE, GF and GG (Taiwan Chinese, English, Cantonese, every level)
the same with it or without, as GH and GJ (24 English each), GI (24 简体) and GQ (36, said through negations and "but":
high-risk recall 7 of 9 either way); GR (30, hedged) 0.802 with it, 0.837 without ("I hate to nitpick, but the table
was by the kitchen door" lifted); GS (24 简体) 18 of 24 with it, 19 without (rubbish left on the stairs lifted); GV (36
English) high-risk precision 9 of 10 with it, 9 of 9 without (a gate left open lifted). On the time split of rounds
FJ-GU (1,098 messages) with the engine of commit 1d52fd7: high-risk recall 0.873 -> 0.931, precision 0.894 -> 0.867.
HD (36, every level, the last) 1.000 with it, 0.972 without (one high risk missed).

**Limits.** It knows high risk as the project wrote it: hand-written messages in 简体, 繁體 (Taiwan and Hong Kong)
and English. It reads real posts to brands and Weibo helpdesks cautiously (taught that most are not high risk),
so there the rules decide nearly alone. It makes mistakes the rules do not: on the unit tests' look-alikes and
ordinary complaints (written for the rules, never trained on) it lifts about one in a hundred to high risk, among
them 這是我第三次追這部劇了 (a TV series followed a third time) and 每次都是这个借口，我已经不信了. Messages near its
threshold move with each retrain: two second contacts among the probes (我上星期已經寫過信來反映這件事, 我已经跟你们
客服说过一次了) have gone from explicit to high risk and back several times as rounds were added. Its reasons are
n-grams (shown as their short clause or whole words), weaker explanations than the rules' phrases.
"""


if __name__ == "__main__":
    sys.exit(main())
