"""The risk analyzer: one pass of the watch-list automaton, scope rules, then level, score and category."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.levels import level_rank
from bot.risk.lexicon import LEXICON_DIR, Automaton, Lexicon, load_lexicon
from bot.risk.model import COMPLAINT, HIGH_RISK, SHIPPED, LinearModel, Reading, context_features, features, team_level
from bot.risk.repeat import contact_count, past_contacts
from bot.text.normalize import detect_lang, fold

MAX_ANALYSED_CHARS = 50_000  # beyond this the tail is not read; the result says so

# A clause also ends where another is joined on or time moves on (never went off when the pan caught fire, never came
# so my dad went without, told me they were fine and two days later they failed: "never" and "told me" stop there).
_CLAUSE_END = re.compile(r"[，,。!?！？;；:：\n~～…、]|\.(?!\d)|\b(?:but|when|because|while)\b|"
                         r"\bso (?=(?:my|his|her|our|their|the|we|i|he|she|they)\b)|"
                         r"\b(?:days?|weeks?|months?|hours?|minutes?) later\b|但是?|不过|只是|可是")
# What may stand before an imperative that opens a sentence: spaces, punctuation, @handles (@tesco replace it).
_OPENING = re.compile(r"[\s\W_]*(?:@\w+[\s\W_]*)*")
_OBJECT = re.compile(r"\s+(?:it|this|that|my|me|the|these|those|them|us|our|everything|all)\b")
_SENTENCE_END = re.compile(r"[。!?！？;；\n]|\.(?!\d)")
_PUNCT_RUN = re.compile(r"[!?！？]{2,}")
_HALF = str.maketrans("！？", "!?")
_UPPER_RUN = re.compile(r"[A-Z]{3}")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_LETTER = re.compile(r"[A-Za-z]")
# The company named in a clause: you, your, 你们, 你家, 你哋, 贵公司 (folded text).
_YOURS = re.compile(r"\byou(?:rs?|'ve|'re)?\b|你们|你家|你哋|贵公司|贵司|贵店")

# How far before a hit a scope word may stand and still govern it (characters in folded text).
_SCOPE_REACH = {"negation": (8, 28), "identity": (10, 24), "third_party": (24, 60), "hearsay": (24, 60),
                "hypothetical": (14, 40), "reported": (20, 50), "gratitude": (12, 30)}
# Advice the customer says they took: what it named is the customer's own step.
_DONE = re.compile(r"\b(?:so i have|so i did|which i have|which i've done|which i did|and i have now|and now i have|"
                   r"so i've done that|and i did)\b|我已经(?:去|打|投诉|报|找|联系)了|我已经(?:去|打|投诉|找|联系)过了|我照做了")
# Where the customer turns from someone else's case to their own: someone else's words stop there.
_OWN = re.compile(r"\b(?:mine|my own|happened to me|to me too|me too|so did i|so have i)\b|我的也|我家的也|我也遇到|我也被|我也是")
# A quotation: reported speech governs everything inside one that opens right after the speech verb.
_QUOTE = re.compile(r"[\"“「『]([^\"”」』\n]{1,160})[\"”」』]")
# Scope words that follow the hit: a retraction (开玩笑的) or a reading (在消基會的雜誌上看到).
_AFTER_SCOPES = {"retract": (36, False), "reading": (8, True)}
# "I'd rather not go to the ombudsman, but you leave me no choice": the unwanted step becomes the one left (我唔想去消委会，
# 但如果你哋再唔理，我冇得拣), so the negation before it no longer takes it back.
_FORCED = re.compile(r"(?:但|可是|不过|\bbut\b)[^。！？.!?\n]{0,40}?(?:冇得拣|没得选|没有选择|别无选择|只能|只好|不得不|[逼迫]我|被[逼迫]|"
                     r"\bno (?:other )?(?:choice|option)\b|\bforced to\b|\b(?:will|i'll|we'll) have to\b|"
                     r"\bleft with no\b)")
_ASKED_AFTER = re.compile(r"[^,.!?;，。！？；\n]{0,6}?(?:吗|嗎|咩|呢|[?？])")
_LEVEL_BANDS = {"none": (0, 14), "potential": (15, 39), "explicit": (40, 69), "high_risk": (70, 100)}
_REPEAT_WEIGHT = {2: 20, 3: 35}
# Someone else's problem, a retraction or something read is no report of the customer's; a question is weighed
# by the report's own groups (asking, why), not by the hypothetical scope.
_REPORT_SCOPES = ("third_party", "hearsay", "identity", "retract", "reading")


@dataclass(frozen=True)
class Trigger:
    phrase: str  # as written in the original message
    signal: str
    weight: int
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class CardHit:
    card: str  # interest | threat | justice | trust | sympathy
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class RiskAssessment:
    lang: str
    level: str
    score: int
    category: str
    categories: tuple[str, ...]
    signals: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    contacts_stated: int = 0
    truncated: bool = False
    demands: tuple[str, ...] = ()
    need_question: str | None = None
    cards: tuple[CardHit, ...] = ()
    style: str = "weak"
    anger: int = 0
    category_clear: bool = False  # the primary category has more than one piece of evidence and leads the rest
    model: str = ""  # the dissatisfaction model the engine used ("shipped-…" or a team model's version)
    # The model's probability that the message is dissatisfied, when it was asked: it is asked only where
    # it can change the level (no rule fired; every message, for a team model).
    dissatisfaction: float | None = None

    @property
    def need_missing(self) -> bool:
        return self.need_question is not None

    def as_json(self, id=None) -> dict:
        """The `bot analyze` contract: these keys stay; later versions only add."""
        return {
            "id": id,
            "lang": self.lang,
            "level": self.level,
            "score": self.score,
            "category": self.category,
            "categories": list(self.categories),
            "signals": list(self.signals),
            "triggers": [{"phrase": t.phrase, "signal": t.signal, "weight": t.weight,
                          "span": [t.start, t.end]} for t in self.triggers],
            "truncated": self.truncated,
            "demands": list(self.demands),
            "need": {"wants": list(self.demands), "missing": self.need_missing, "question": self.need_question},
            "cards": [{"card": c.card, "phrase": c.phrase, "span": [c.start, c.end]} for c in self.cards],
            "style": self.style,
            "anger": self.anger,
            "contacts_stated": self.contacts_stated,
            "model": self.model,
            "dissatisfaction": self.dissatisfaction,
        }


class _Bounds:
    """Where sentences (or clauses) end in a text, found on first use: many messages never ask."""

    __slots__ = ("text", "pattern", "_ends")

    def __init__(self, text: str, pattern: re.Pattern) -> None:
        self.text, self.pattern, self._ends = text, pattern, None

    def index(self, pos: int) -> int:
        """The number of the sentence (or clause) that position falls in."""
        if self._ends is None:
            self._ends = [m.start() for m in self.pattern.finditer(self.text)]
        return bisect_right(self._ends, pos)

    def asks(self, pos: int) -> bool:
        """True when the sentence that position falls in ends in a question mark."""
        i = self.index(pos)
        ends = self._ends
        return i < len(ends) and self.text[ends[i]] in "?？"

    def bids(self, start: int, end: int) -> bool:
        """True when the verb at start..end opens its sentence, takes an object and asks nothing: the imperative
        (Replace it. Reimburse my fare. Honour the price.), not a noun (Exchange rates ...) or a question."""
        if self.asks(start):
            return False
        i = self.index(start)
        lo = self._ends[i - 1] + 1 if i else 0
        text = self.text
        return _OPENING.fullmatch(text, lo, start) is not None and (
            " " in text[start:end] or _OBJECT.match(text, end) is not None)  # a phrase that holds its object

    def around(self, pos: int) -> str:
        """The text of the sentence (or clause) that position falls in."""
        i = self.index(pos)
        ends = self._ends
        return self.text[ends[i - 1] if i else 0:ends[i] if i < len(ends) else len(self.text)]


def _nowhere(start: int, end: int) -> bool:
    return False


class _Spans:
    """Sorted spans answering "is this span inside one of them" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        if len(spans) > 1:
            spans.sort()
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _unused, e in spans:
            best = max(best, e)
            self.max_end.append(best)

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.max_end[i - 1] >= end


# Signals that put the threat card on the table (DOMAIN.md: escalating, media, the boss, banners...).
# A person who says they may harm themselves is in distress, not bargaining: self_harm is not a threat card.
_THREAT_SIGNALS = ("regulator", "media", "legal", "protest_violence", "chargeback", "manager")
_THREAT_RULES = ("churn",)
# Parties, protections and protests a customer may name without threatening to go to them (does section 75 apply if I
# pay by card?); harm is never only named. Friendly framings: a plain question (the cue enquiry; the English report
# group asking or the cue request, with a question mark), thanks or praise (the cue kind, the report group pleased).
_NAMED_RULES = frozenset({"regulator", "media", "media_platform", "media_contact", "legal", "chargeback", "protest"})
_SHARING = frozenset({"posted", "post", "posting"})  # threat words that, said with praise, only share
_MAX_SCOPE_BEFORE = 60 + 12  # the widest reach plus the longest scope phrase
_MAX_SCOPE_AFTER = 36


class Analyzer:
    """Reads a customer message and says how likely it is to escalate, and why."""

    def __init__(self, lexicon: Lexicon, model: LinearModel | None = None,
                 high_risk: LinearModel | None = None, complaint: LinearModel | None = None) -> None:
        self.lexicon = lexicon
        self.automaton: Automaton = lexicon.compile()
        self.typos = lexicon.typo_fixer()
        self._press = tuple(lexicon.press_suffixes)  # how a tagged newsroom's handle ends, folded
        self.high_risk = high_risk
        self.complaint = complaint
        self._use(model, shipped=None)

    @classmethod
    def from_directory(cls, directory: Path = LEXICON_DIR, model_path: Path | None = SHIPPED,
                       high_risk_path: Path | None = HIGH_RISK, complaint_path: Path | None = COMPLAINT) -> Analyzer:
        """The lexicon with the shipped models: no `model_path` is the rules alone; no `high_risk_path` or
        `complaint_path`, the dissatisfaction model without that one."""
        return cls(load_lexicon(directory), LinearModel.load(model_path) if model_path else None,
                   LinearModel.load(high_risk_path) if high_risk_path else None,
                   LinearModel.load(complaint_path) if complaint_path else None)

    def with_model(self, model: LinearModel | None) -> Analyzer:
        """The same lexicon read with another model (a team's, or none: the rules alone); a team model keeps the
        shipped one beside it, since it reads the shipped model's judgement as one of its features."""
        twin = object.__new__(Analyzer)
        twin.lexicon, twin.automaton, twin.typos, twin._press = self.lexicon, self.automaton, self.typos, self._press
        twin.high_risk, twin.complaint = self.high_risk, self.complaint
        twin._use(model, shipped=self.shipped)
        return twin

    def _use(self, model: LinearModel | None, *, shipped: LinearModel | None) -> None:
        self.model = model  # the model in use: the shipped one, a team's, or none
        team = model is not None and model.context
        self.shipped = shipped if team or model is None else model
        # The complaint and high-risk models read beside the shipped dissatisfaction model; a team model decides
        # instead of all three, so that what a team taught is not overruled, and with no model the rules read alone.
        beside = model is not None and not team
        self._high_risk = self.high_risk if beside else None
        self._complaint = self.complaint if beside else None
        # A team model reads with the shipped one folded into its weights: one pass over the message.
        self._team = (model.folded_with(self.shipped) if self.shipped else model) if team else None

    def analyze(self, text: str) -> RiskAssessment:
        truncated = len(text) > MAX_ANALYSED_CHARS
        original = text[:MAX_ANALYSED_CHARS] if truncated else text
        lang = detect_lang(original)
        # Spelling is corrected in English words only; Chinese text is not scanned for them.
        folded = fold(original, self.typos if lang in ("en", "mixed") else None)
        ftext = folded.text

        rule_hits: list[tuple[str, int, int, int]] = []
        cue_hits: list[tuple[str, int, int]] = []
        scope_hits: list[tuple[int, int, str]] = []
        shield_spans: list[tuple[int, int]] = []
        cue_shield_spans: list[tuple[int, int]] = []  # only cues inside these are void (发货 is not posting)
        other_hits: list[tuple[str, str, int, int]] = []  # category, need, card, style
        report_hits: list[tuple[str, int, int, int]] = []  # evidence of a problem told plainly
        disclaimed = False  # the customer says it is no complaint (不是投诉哈, "not a complaint")
        automaton = self.automaton
        meanings = automaton.meanings
        for idx, start, end in automaton.find(ftext):
            for kind, name, weight in meanings[idx]:
                if kind == "rule":
                    rule_hits.append((name, start, end, weight))
                elif kind == "cue":
                    cue_hits.append((name, start, end))
                elif kind == "scope":
                    scope_hits.append((start, end, name))
                elif kind == "shield":
                    (cue_shield_spans if name == "cues" else shield_spans).append((start, end))
                    disclaimed = disclaimed or name == "disclaimer"
                elif kind == "report":
                    report_hits.append((name, weight, start, end))
                else:
                    other_hits.append((kind, name, start, end))

        latin = lang in ("en", "mixed")  # the lexicon's regular expressions are written for Latin script
        if latin:
            rule_hits += [(name, m.start(), m.end(), weight)
                          for name, weight, m in automaton.rule_patterns.finditer(ftext)]
        shielded = _Spans(shield_spans).covers if shield_spans else _nowhere
        cue_shielded = _Spans(cue_shield_spans).covers if cue_shield_spans else _nowhere
        sentences = _Bounds(ftext, _SENTENCE_END)
        if shield_spans:  # a scope word inside a longer shield is not one (我跟他们说: the customer's own words)
            scope_hits = [h for h in scope_hits
                          if not any(s <= h[0] and h[1] <= e and e - s > h[1] - h[0] for s, e in shield_spans)]
        if scope_hits:  # a retraction asked is a rhetorical question (吃了拉肚子，跟你们没关系吗？ "not your fault?")
            scope_hits = [h for h in scope_hits if h[2] != "retract" or not _ASKED_AFTER.match(ftext, h[1])]
        scope = _Scope(scope_hits, ftext, sentences) if scope_hits else None
        cues: dict[tuple[str, int], list[tuple[int, int]]] | None = None
        grievance: bool | None = None  # does the message tell of a problem? (found on first need)

        rules = self.lexicon.rules
        kept: list[tuple[int, int, str, int]] = []
        kept_phrases: set[tuple[str, str]] = set()
        # A risky word the customer negated, retracted or put in someone else's mouth, or a message that says it is
        # no complaint: neither the model nor the plain-report weighing reads the words again.
        taken_back = disclaimed
        for name, start, end, weight in rule_hits:
            # The same phrase said twice is one reason, not two, and is checked once.
            key = (name, ftext[start:end])
            if key in kept_phrases:
                continue
            rule = rules[name]
            if shielded(start, end):
                continue
            if rule.requires:
                if cues is None:
                    cues = {}
                    for cue, cs, ce in cue_hits:
                        if not shielded(cs, ce) and not cue_shielded(cs, ce):
                            cues.setdefault((cue, sentences.index(cs)), []).append((cs, ce))
                sentence = sentences.index(start)
                # A demand word needs a word that asks (please, I want). In an English message that tells of no
                # problem, a question needs one that insists (is the refund to my card or a voucher? asks nothing of
                # anyone); an imperative that opens a plain sentence asks too, where a problem is told (Replace it, it's
                # faulty.; not "cancel the newsletter"). Chinese grievances too often have no word the rules know
                # (咱赚钱也得要脸吧), so a Chinese question keeps its asking words.
                needs = rule.requires
                if "asking" in needs and latin:
                    if grievance is None:
                        grievance = _grievance_told(rule_hits, report_hits, rules, shielded, scope)
                    if not grievance and sentences.asks(start):
                        needs = tuple("insist" if cue == "asking" else cue for cue in needs)
                found = any(ce <= start or end <= cs for cue in needs for cs, ce in cues.get((cue, sentence), ()))
                if not found and not (grievance and "asking" in needs and sentences.bids(start, end)):
                    continue
            scopes = rule.scopes
            if (rule.signal == "harm" and scope is not None and "third_party" in scopes
                    and _YOURS.search(scope.clauses.around(start))):
                # Harm the company's product or people did (my sister burned her hand on your kettle) is reported
                # whoever it happened to; someone else's mishap elsewhere (我朋友踢球摔伤了) is not, and hearsay
                # (my friend said your kettle exploded) stays hearsay.
                scopes = tuple(name for name in scopes if name != "third_party")
            if scope is not None and scope.governs(start, end, scopes):
                taken_back = True
                continue
            kept_phrases.add(key)
            kept.append((start, end, name, weight))

        triggers: list[Trigger] = []
        level = "none"
        chosen = _longest_per_signal(kept, rules)
        for start, end, name, weight in chosen:
            rule = rules[name]
            s, e = folded.original_span(start, end)
            triggers.append(Trigger(original[s:e], rule.signal, weight, s, e, name))
            if level_rank(rule.level) > level_rank(level):
                level = rule.level

        stated, span = contact_count(ftext)
        if level in ("potential", "explicit") and stated < 3 and any(t.signal != "repeat" for t in triggers):
            # A grievance that tells of earlier contacts (我打了客服说会退, 电话也催过了) is at least the one after them;
            # an earlier contact named alone (我问过客服，请问怎么改) is no grievance.
            earlier, told = past_contacts(ftext, latin=latin, han=lang != "en")
            if earlier and earlier + 1 > stated:
                stated, span = earlier + 1, told
        if stated >= 2:
            weight = _REPEAT_WEIGHT[min(stated, 3)]
            s, e = folded.original_span(*span)
            # One reason for the same words: a repeat phrase the count overlaps ("called last week" in "I called
            # last week") stays if it weighs as much, else the count takes its place.
            same = [t for t in triggers if t.signal == "repeat" and t.start < e and s < t.end]
            if not any(t.weight >= weight for t in same):
                triggers = [t for t in triggers if t not in same]
                triggers.append(Trigger(original[s:e], "repeat", weight, s, e, "repeat_stated"))
            repeat_level = "high_risk" if stated >= 3 else "explicit"
            if level_rank(repeat_level) > level_rank(level):
                level = repeat_level

        # A words-only model (a team model reads the rules' findings too, which here would be circular): the complaint
        # model where it reads the language, since it learned complaint or not beside such look-alikes (律师事务所团购
        # 咖啡豆能开发票吗 reads 0.09 there, 0.8 to the dissatisfaction model), unhappy when it reads a complaint as
        # likelier than not; else the dissatisfaction model at its threshold.
        words = self.shipped if self.model is not None else None
        unhappy = words.threshold if words is not None else 1.0
        if self._complaint is not None and words is not None and words.reads(lang):
            # Only where the dissatisfaction model reads: in English the complaint model reads praise highly ("my
            # partner works for the BBC ... well done"), and the rules judge alone as before.
            words, unhappy = self._complaint, 0.5
        if level == "high_risk" and _named_in_passing(triggers, cue_hits, report_hits, ftext) and not (
                words is not None and words.reads(lang) and words.read(ftext).probability >= unhappy):
            # A lawyer, the news or a regulator named in a friendly question or thanks, with no threat, no grievance
            # and nothing the model reads as unhappy: where the customer saw or heard of us, not where they will go.
            level, triggers, taken_back = "none", [], True

        if level == "potential" and _praise_only(chosen, cue_hits):
            # Praise that sarcasm phrases also use (给你们点赞), said beside thanks of its own (谢谢客服的耐心) and
            # nothing else: read as meant. The plain-report weighing and the model still read the message.
            level, triggers = "none", []

        anger = self._anger(original, has_grievance=level != "none")
        if anger:
            triggers.append(anger)
            if level == "none" and anger.weight >= 20:
                level = "potential"

        lexicon = self.lexicon
        patterns = automaton.report_patterns if latin else None
        # A lone plain problem word asked about (is it normal that my pre-order hasn't shipped yet?) is weighed too.
        lone = (chosen[0][:2] if level == "potential" and len(triggers) == 1 and triggers[0].rule == "dissatisfaction"
                else None)
        points_told = 0  # the points of a problem told in plain words, when no rule fired
        if (level == "none" and not taken_back or lone) and (report_hits or patterns):
            if patterns:
                report_hits += [(name, points, m.start(), m.end()) for name, points, m in patterns.finditer(ftext)]
            # What weighs against, or only voids another group, counts inside a shield too (can I return, if I'm
            # honest): shields keep risky words from counting, not a question or a figure of speech.
            hits = [h for h in report_hits if h[1] <= 0 or not shielded(h[2], h[3]) and not cue_shielded(h[2], h[3])
                    and (scope is None or not scope.governs(h[2], h[3], _REPORT_SCOPES))]
            if lone:
                if _asked_away(hits, lone, lexicon.report_enough, lexicon.report_voids):
                    level, triggers, taken_back = "none", [], True
            else:
                # No rule fired: a problem told in plain words ("tracking hasn't updated since the 5th") adds up.
                evidence, points_told = _report_evidence(hits, lexicon.report_enough, lexicon.report_voids)
                for start, end, points in _close_together(evidence, sentences):
                    level = "potential"
                    s, e = folded.original_span(start, end)
                    triggers.append(Trigger(original[s:e], "dissatisfaction", 5 * points, s, e, "report"))

        # The shipped model is asked only where it can change the level: no rule fired. A team model decides
        # every level, within the safety floor.
        model = self.model
        reading = None
        if model is not None and model.context:
            # The team model with the shipped one folded in: its "shipped" feature is already in the weights.
            reading = self._team.read(ftext, context_features(level, {t.signal for t in triggers}, 0.0))
            level, triggers = _team_level(self._team, reading, level, triggers, folded, original)
        elif model is not None and level == "potential" and model.reads(lang) and _plain_question(
                triggers, [folded.original_span(s, e) for name, s, e in cue_hits if name == "enquiry"]) \
                and not any(hit[0] == "pointed" for hit in cue_hits):
            # One problem phrase in a plain question (宽带突然拨不上号了是怎么回事): unhappy only if the model reads
            # it so too, and as sure as it must be of any question (halfway from its threshold to certainty, below).
            reading = model.read(ftext)
            if reading.probability < (1 + model.threshold) / 2:
                level, triggers = "none", []
        elif model is not None and level == "none" and not taken_back and model.reads(lang):
            # Not when the rules saw a risky word and its scope took it back (不是要投诉, 听说有人去12315): the
            # model would read the same word again without its scope.
            reading = model.read(ftext)
            # A polite question (请问, 想问下) is most often just that: the model must be surer, halfway from its
            # threshold to certainty, before the question reads as a complaint.
            enquiry = any(hit[0] == "enquiry" for hit in cue_hits)
            if reading.probability >= ((1 + model.threshold) / 2 if enquiry else model.threshold):
                # No rule fired, yet the message reads as unhappy: the model's words are the reason.
                level = "potential"
                triggers.append(_model_trigger(reading, folded, original))

        # The models below do not read what the rules took back (不是要投诉, "my neighbour reported you"): they would
        # read the same word again without its scope; nor lift thanks or praise the rules found nothing wrong in
        # (回购第五次了, where the high-risk model reads a count).
        thanks = any(hit[0] == "kind" for hit in cue_hits)
        feats = reading.feats if reading else None
        complaint = self._complaint
        if complaint is not None and level in ("none", "potential") and not taken_back and not (
                level == "none" and thanks) and complaint.reads(lang):
            feats = feats or features(ftext)
            if len(feats) >= complaint.min_features:
                plain = complaint.read(ftext, feats=feats)
                if level == "potential" and plain.probability < complaint.floor:
                    # A question or remark the rules flagged by a word (摔坏了可以怎么换货) that the hand-labelled
                    # messages say is surely no complaint.
                    level, triggers = "none", []
                elif level == "none" and (lang != "en" or points_told > 0) and plain.probability >= (
                        (1 + complaint.threshold) / 2 if any(hit[0] == "enquiry" for hit in cue_hits)
                        else complaint.threshold):
                    # A quiet complaint neither the rules nor the dissatisfaction model read (说好三天内回覆，已经一个
                    # 星期了); a polite question must read surer, as for the dissatisfaction model. In English the model
                    # also reads praise to brands as a complaint ("shoutout to my driver"): there it lifts only what
                    # the plain-report weighing found some evidence in, short of enough ("installer didn't take the
                    # old boiler away like he said he would").
                    level = "potential"
                    triggers.append(_model_trigger(plain, folded, original))

        high_risk = self._high_risk
        if high_risk is not None and level != "high_risk" and not taken_back and not (
                level == "none" and thanks) and high_risk.reads(lang):
            feats = feats or features(ftext)
            if len(feats) >= high_risk.min_features:
                danger = high_risk.read(ftext, feats=feats)
                if danger.probability >= high_risk.threshold:
                    level = "high_risk"
                    triggers.append(_model_trigger(danger, folded, original, signal="learned"))

        if level != "none" and self._press and "@" in original:
            # A grievance with the press tagged on it (@南方都市报, @BBCNews) is taken to the media (and the card says
            # so when something else already made it high risk). Handles are read in the original text, where a
            # space still ends one (folding joins @南方日报 打 into @南方日报打).
            for tagged in _HANDLE.finditer(original):
                if _fold_handle(tagged.group(1)).endswith(self._press):
                    s, e = tagged.span()
                    triggers.append(Trigger(original[s:e], "media", rules["media"].weight, s, e, "media"))
                    level = "high_risk"
                    break

        categories: dict[str, int] = {}
        seen_category: set = set()
        demands: dict[str, None] = {}
        cards: dict[str, CardHit] = {}
        style_votes = {"strong": 0, "cooperative": 0}
        for kind, name, start, end in other_hits:
            if shielded(start, end):
                continue
            if kind == "category":
                # Evidence is distinct words: 延误 said twice is one piece of evidence.
                if (name, ftext[start:end]) not in seen_category:
                    seen_category.add((name, ftext[start:end]))
                    categories[name] = categories.get(name, 0) + 1
            elif kind == "need":
                if scope is None or not scope.governs(start, end, ("negation",)):
                    demands.setdefault(name)
            elif kind == "card":
                if name not in cards:
                    s, e = folded.original_span(start, end)
                    cards[name] = CardHit(name, original[s:e], s, e)
            else:
                style_votes[name] = style_votes.get(name, 0) + 1

        for t in triggers:
            if "threat" not in cards and (t.signal in _THREAT_SIGNALS or t.rule in _THREAT_RULES):
                cards["threat"] = CardHit("threat", t.phrase, t.start, t.end)

        clear = False
        if level == "none":
            category, ranked = "other", ()
        else:
            # The signals themselves say something about the category (harm is safety).
            for t in triggers:
                implied = _SIGNAL_CATEGORY.get(t.signal)
                if implied:
                    categories[implied] = categories.get(implied, 0) + 2
            ranked = tuple(sorted(categories, key=lambda c: (-categories[c], _CATEGORY_ORDER.index(c)))) or ("other",)
            category = ranked[0]
            votes = sorted(categories.values(), reverse=True) + [0, 0]
            clear = votes[0] >= 2 and votes[0] > votes[1]

        raw = sum(t.weight for t in triggers)
        lo, hi = _LEVEL_BANDS[level]
        score = min(hi, lo + raw // 2) if level != "none" else min(hi, raw // 3)
        anger_score = min(100, sum(t.weight for t in triggers if t.signal == "anger"))
        return RiskAssessment(
            lang=lang, level=level, score=score, category=category, categories=ranked,
            signals=tuple(dict.fromkeys(t.signal for t in triggers)),
            triggers=tuple(sorted(triggers, key=lambda t: t.start)), contacts_stated=stated, truncated=truncated,
            demands=tuple(demands),
            need_question=self._question(lang, hurt=any(t.signal == "harm" for t in triggers))
            if level != "none" and not demands else None,
            cards=tuple(sorted(cards.values(), key=lambda c: c.start)),
            style=_style(style_votes, threat="threat" in cards, anger=anger_score), anger=anger_score,
            category_clear=clear, model=self.model.name if self.model else "",
            dissatisfaction=round(reading.probability, 3) if reading else None)

    def _question(self, lang: str, *, hurt: bool = False) -> str | None:
        """The clarifying question that turns venting into a need, in the customer's script; when someone was hurt,
        how they are now comes first."""
        questions = self.lexicon.questions
        lang = lang if lang in ("zh-Hans", "zh-Hant", "en") else "zh-Hans" if lang == "mixed" else "en"
        return (questions.get(f"{lang} harm") if hurt else None) or questions.get(lang)

    @staticmethod
    def _anger(original: str, *, has_grievance: bool) -> Trigger | None:
        # A shouted run: !! or ?? (either width), or any three of them (?!?).
        runs = [r for r in _PUNCT_RUN.findall(original) if len(r) >= 3 or len(set(r.translate(_HALF))) == 1]
        caps = _CAPS_WORD.findall(original) if _UPPER_RUN.search(original) else ()
        shouting = False
        if len(caps) >= 3:
            letters = len(_LETTER.findall(original))
            shouting = letters >= 12 and sum(map(len, caps)) / letters > 0.6
        weight = 10 * min(len(runs), 3) + (20 if shouting else 0)
        if not weight or not (has_grievance or shouting or len(runs) >= 2):
            return None
        m = next((m for m in _PUNCT_RUN.finditer(original) if m.group(0) == runs[0]), None) if runs else None
        s, e = (m.start(), m.end()) if m else (0, min(len(original), 20))
        return Trigger(original[s:e], "anger", weight, s, e, "anger_intensity")


class _Scope:
    """The scope words of one message, sorted, and whether any of them governs a hit."""

    def __init__(self, hits: list[tuple[int, int, str]], text: str, sentences: _Bounds) -> None:
        hits.sort()
        self.hits = hits
        self.starts = [h[0] for h in hits]
        self.text = text
        self.sentences = sentences
        self.clauses = _Bounds(text, _CLAUSE_END)
        self._quotes: list[tuple[int, int]] | None = None

    def _quoted_after(self, speech_end: int, start: int, end: int) -> bool:
        """True when the span sits inside a quotation that opens within a few characters of the speech verb."""
        if self._quotes is None:
            self._quotes = [m.span() for m in _QUOTE.finditer(self.text)]
        return any(speech_end <= qs <= speech_end + 3 and qs < start and end <= qe for qs, qe in self._quotes)

    def governs(self, start: int, end: int, allowed: tuple[str, ...]) -> bool:
        """True when a negation, third party, identity, hypothetical or retraction governs the span."""
        lo = bisect_right(self.starts, start - _MAX_SCOPE_BEFORE - 1)
        hi = bisect_right(self.starts, end + _MAX_SCOPE_AFTER)
        if lo == hi:
            return False
        ascii_hit = self.text[start:end].isascii()
        for sc_start, sc_end, name in self.hits[lo:hi]:
            if name not in allowed:
                continue
            if name in _AFTER_SCOPES:
                reach, same_clause = _AFTER_SCOPES[name]
                if end <= sc_start <= end + reach and (
                        not same_clause or self.clauses.index(sc_start) == self.clauses.index(start)):
                    return True
                continue
            # A scope word stands before the hit; in Chinese it may share characters with it (不是要 / 要投诉), but an
            # English hit that carries its own negation ("not renewing" after "I'm not") is not negated again.
            if not (sc_start < start and sc_end <= end) or ascii_hit and sc_end > start:
                continue
            if name == "reported" and _DONE.search(self.text, end, end + 40):
                continue  # someone's advice the customer has taken (told me to call trading standards, so I have)
            if name == "reported" and self._quoted_after(sc_end, start, end):
                return True
            zh_reach, en_reach = _SCOPE_REACH[name]
            if start - min(sc_end, start) > (en_reach if ascii_hit else zh_reach):
                continue
            if name in ("third_party", "hearsay") and _OWN.search(self.text, sc_end, start):
                continue  # the customer turns to their own case (my friend said they explode, and mine just did)
            bounds = self.sentences if name in ("third_party", "hearsay", "hypothetical") else self.clauses
            if bounds.index(sc_start) == bounds.index(start) and not (
                    name == "negation" and _FORCED.search(self.text, end, end + 80)):
                return True
        return False


# Signals no learned model may overrule: a person's health and safety.
SAFETY_SIGNALS = frozenset({"harm", "self_harm", "protest_violence"})


def _team_level(model: LinearModel, reading: Reading, level: str, triggers: list[Trigger], folded,
                original: str) -> tuple[str, list[Trigger]]:
    """A team model's level: none below its threshold, else its level head's choice (or at least potential);
    never below what the safety signals say. Rule reasons above the new level are dropped: the team taught
    that those words do not carry that level here; the model's own words are the reason it rose."""
    decided = team_level(probability=reading.probability, threshold=model.threshold,
                         head=model.level_of(reading) if reading.probability >= model.threshold else None,
                         rules_level=level, safety=any(t.signal in SAFETY_SIGNALS for t in triggers))
    if decided == "none":
        return decided, []
    if level_rank(decided) > level_rank(level):
        triggers = triggers + [_model_trigger(reading, folded, original, signal="learned")]
    return decided, triggers


def _grievance_told(rule_hits, report_hits, rules, shielded, scope) -> bool:
    """Whether the message tells of a problem: a dissatisfaction rule or a plain-report word that counts, neither
    inside a shield nor merely supposed (if the delivery is late, do I get a refund?)."""
    def told(start: int, end: int) -> bool:
        return not shielded(start, end) and (scope is None or not scope.governs(start, end, ("hypothetical",)))

    return (any(rules[name].signal == "dissatisfaction" and told(start, end) for name, start, end, _w in rule_hits)
            or any(points > 0 and told(start, end) for _name, points, start, end in report_hits))


def _report_evidence(hits: list[tuple[str, int, int, int]], enough: int,
                     voids: dict[str, str]) -> tuple[list[tuple[int, int, int]], int]:
    """Each group's first hit, (start, end, points), when the groups' points together reach `enough`, and the
    points told; a group counts once however often it is said, groups with negative points (a question, thanks)
    count against, and a group present silences the group it voids (a "why" question is no enquiry)."""
    first: dict[str, tuple[int, int, int]] = {}
    for name, points, start, end in sorted(hits, key=lambda h: h[2]):
        first.setdefault(name, (start, end, points))
    for name in [voids[n] for n in first if n in voids]:
        first.pop(name, None)
    told = sum(p for _s, _e, p in first.values())
    if enough <= 0 or told < enough:
        return [], told
    return sorted((h for h in first.values() if h[2] > 0), key=lambda h: h[0]), told


@lru_cache(maxsize=4096)
def _fold_handle(handle: str) -> str:
    """A handle folded as message text is (the same accounts are tagged again and again)."""
    return fold(handle).text


# An @-handle in the original text: up to a space or a punctuation mark.
_HANDLE = re.compile(r"@([^\s@#:：,，。.!！?？、;；)）]{1,30})")


def _named_in_passing(triggers: list[Trigger], cues: list[tuple[str, int, int]],
                      report: list[tuple[str, int, int, int]], text: str) -> bool:
    """True when the only risk is an outside party or a protest named (a lawyer, the news, a regulator, a petition)
    in a message framed as a friendly question, request or thanks, with no threat said around it (再不, I'll, unless)."""
    if not triggers or any(t.rule not in _NAMED_RULES for t in triggers):
        return False
    said = {name for name, _s, _e in cues}
    threats = {text[s:e] for name, s, e in cues if name == "threat"}
    # English question words also open statements ("next stop is the ombudsman"): a question needs its mark.
    # ("Which?" is a consumer magazine's name, not a question.) A Chinese yes-no question ends in 吗 and either mark.
    asked = ((any(h[0] == "asking" for h in report) or "request" in said) and "?" in text.replace("which?", "")
             or text.rstrip(" ?？。.").endswith("吗") and text.rstrip().endswith(("?", "？")))
    praised = any(h[0] == "pleased" for h in report) or "kind" in said
    friendly = "enquiry" in said or asked or praised
    # A photo posted with thanks (posted my new kitchen on Instagram, thanks!) shares, it does not expose.
    shared = praised and threats <= _SHARING
    return bool(friendly) and ("threat" not in said or shared)


def _praise_only(chosen: list[tuple[int, int, str, int]], cues: list[tuple[str, int, int]]) -> bool:
    """True when every rule hit is a sarcasm phrase and the message also thanks or praises outside them."""
    if not chosen or any(name != "sarcasm" for _s, _e, name, _w in chosen):
        return False
    return any(name == "kind" and not any(s <= cs and ce <= e for s, e, _n, _w in chosen) for name, cs, ce in cues)


def _plain_question(triggers: list[Trigger], asks: list[tuple[int, int]]) -> bool:
    """True when a message asks a question (`asks`: its enquiry cues) and the rules found only one problem phrase
    in it, not counting the question itself (怎么回事, 什么情况); the caller rules out questions asked in frustration."""
    if not asks or any(t.rule != "dissatisfaction" for t in triggers):
        return False
    return sum(1 for t in triggers if not any(s <= t.start and t.end <= e for s, e in asks)) <= 1


def _close_together(spans: list[tuple[int, int, int]], sentences: _Bounds,
                    reach: int = 40) -> list[tuple[int, int, int]]:
    """Signs (start, end, points) in one sentence and within `reach` characters joined into one, points summed:
    the card then shows "hasn't updated since", not "hasn't" and "since" apart."""
    joined: list[tuple[int, int, int]] = []
    for start, end, points in spans:
        if joined and end - joined[-1][0] <= reach and sentences.index(start) == sentences.index(joined[-1][0]):
            first, _last, total = joined[-1]
            joined[-1] = (first, max(end, _last), total + points)
        else:
            joined.append((start, end, points))
    return joined


def _asked_away(hits: list[tuple[str, int, int, int]], span: tuple[int, int], enough: int,
                voids: dict[str, str]) -> bool:
    """True when a lone problem phrase, worth `enough` on its own, sits in a plain enquiry that weighs it back
    below `enough` (the words inside the phrase are no further evidence)."""
    if not any(h[0] == "asking" for h in hits):
        return False
    start, end = span
    hits = [h for h in hits if h[3] <= start or h[2] >= end] + [("problem", enough, start, end)]
    return not _report_evidence(hits, enough, voids)[0]


def _model_trigger(reading: Reading, folded, original: str, signal: str = "dissatisfaction") -> Trigger:
    """The model's reason, shown where its strongest n-gram stands in the message."""
    weight = max(5, min(25, round(40 * (reading.probability - 0.5))))
    for gram, _unused in reading.evidence():
        at = folded.text.find(gram)
        if at >= 0 and gram.strip():
            s, e = folded.original_span(*_reason_span(folded.text, at, at + len(gram)))
            return Trigger(original[s:e], signal, weight, s, e, "model")
    return Trigger(original[:20], signal, weight, 0, min(20, len(original)), "model")


_CLAUSE_BREAK = re.compile(r"[,.!?;:\n，。！？；：、…~～]")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SHORT_CLAUSE = 20  # characters: a clause up to this long is read at a glance


def _reason_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a Han n-gram is shown as a reason: its whole clause when short (昨天买的牛奶今天打开就结块了 rather than
    买的), else the words around it (快递员 rather than 递员); an English word or pair reads as it is."""
    if not _HAN_CHAR.match(text, start):
        return start, end
    since = max(0, start - 200)  # a clause longer than this is shown by its words anyway
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, since, start)), default=since)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    if hi - lo <= _SHORT_CLAUSE:
        return lo, hi
    import rjieba  # here, not at the top: its dictionary takes 0.1 s to load, and a long clause is rare

    words = [(a, b) for _w, a, b in rjieba.tokenize(text[lo:hi])]
    return (lo + max((a for a, b in words if a <= start - lo), default=start - lo),
            lo + min((b for a, b in words if b >= end - lo), default=end - lo))


def _style(votes: dict[str, int], *, threat: bool, anger: int) -> str:
    """strong, cooperative or weak (DOMAIN.md): ultimatums, threats and anger against courtesy."""
    strong = votes["strong"] + (2 if threat else 0) + (2 if anger >= 20 else 0)
    if strong >= 2 or strong > votes["cooperative"]:
        return "strong"
    return "cooperative" if votes["cooperative"] else "weak"


_CATEGORY_ORDER = ("safety", "refund_billing", "quality", "after_sales", "delivery", "contract",
                   "false_advertising", "service_attitude", "privacy", "other")
_SIGNAL_CATEGORY = {"harm": "safety", "chargeback": "refund_billing"}


def _longest_per_signal(hits: list[tuple[int, int, str, int]], rules) -> list[tuple[int, int, str, int]]:
    """Drop a hit inside a longer hit of the same signal (退款 inside 给我退款), keep the rest."""
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    reach: dict[str, int] = {}  # per signal, the furthest end of a kept hit starting at or before this one
    kept = []
    for hit in hits:
        start, end, name, _unused = hit
        signal = rules[name].signal
        if reach.get(signal, -1) >= end:
            continue
        reach[signal] = max(reach.get(signal, -1), end)
        kept.append(hit)
    return kept
