"""Codes the bot shows as words (levels, categories, signals, needs, statuses, modes, languages), marked so the
catalogues carry them: `_(code)` shows one in the reader's language; English shows the code itself."""

from bot.i18n.language import N_

VOCABULARY = (
    # levels and what a message is
    N_("none"), N_("potential"), N_("explicit"), N_("high_risk"),
    # case statuses
    N_("open"), N_("escalated"), N_("resolved"), N_("waiting"),
    # categories
    N_("quality"), N_("safety"), N_("after_sales"), N_("contract"), N_("refund_billing"), N_("delivery"),
    N_("false_advertising"), N_("service_attitude"), N_("privacy"), N_("other"),
    # risk signals
    N_("anger"), N_("chargeback"), N_("demand"), N_("dissatisfaction"), N_("harm"), N_("legal"), N_("manager"),
    N_("media"), N_("professional_complainant"), N_("protest_violence"), N_("regulator"), N_("repeat"),
    N_("self_harm"), N_("learned"),  # learned: a model's reading of the whole message, not one phrase
    # what customers ask for
    N_("refund"), N_("replace"), N_("repair"), N_("apology"), N_("compensation"), N_("explanation"), N_("cancel"),
    # the reply playbook's five moves
    N_("empathy"), N_("confirm"), N_("solution"), N_("thanks"),
    # how they write
    N_("strong"), N_("weak"), N_("cooperative"),
    # offers and resolutions
    N_("pending"), N_("granted"), N_("approved"), N_("denied"), N_("withdrawn"), N_("goodwill"), N_("replacement"),
    N_("damages"), N_("no_further_service"),
    # clock modes
    N_("24x7"), N_("business"),
    # the languages a message is written in
    N_("en"), N_("zh-Hans"), N_("zh-Hant"), N_("mixed"),
)
