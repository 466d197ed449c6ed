"""Events in, messages out, on SQLite and on the local PostgreSQL: intake, dedupe, actions, bad input."""

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from bot.cases import service as cases
from bot.cases.tables import Case, CaseMessage, Note
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins
from bot.messages import ActionId, MessageRef, Severity
from bot.store import db
from bot.store.tables import AuditEntry

AGENT = "slack:U1"


def message(text, event_id, customer=None, member=AGENT):
    return MessageReceived(platform=member.split(":")[0], event_id=event_id, member=member, text=text,
                           customer=customer or CustomerRef(ref="C-1", name="王女士", vip_level=2))


def field(card, label):
    return next(f.value for f in card.fields if f.label == label)


def rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model)))


def test_migrations_create_every_table(engine):
    names = set(inspect(engine).get_table_names())
    assert {"member", "customer", "case", "case_message", "note", "timer", "processed_event", "audit_log",
            "card_ref", "watch_entry"} <= names


def test_forwarded_complaint_becomes_a_case_with_an_explained_card(desk, engine):
    out = desk.handle(message("再不给我退款我就去12315投诉你们", "e1"))
    assert len(out) == 1
    card = out[0].card
    assert card.severity == Severity.HIGH_RISK
    assert "high_risk" in card.fallback and "12315" in card.fallback and "regulator" in card.fallback
    assert field(card, "Contacts") == "1" and field(card, "VIP") == "2"
    assert [b.action for b in card.buttons] == [ActionId.TAKE, ActionId.ADD_NOTE, ActionId.OFFER, ActionId.ESCALATE,
                                               ActionId.RESOLVE, ActionId.MARK_SENT, ActionId.ANOTHER_REPLY,
                                               ActionId.CHECK_DRAFT, ActionId.CORRECT_LEVEL]
    [case] = rows(engine, Case)
    assert (case.level, case.status, out[0].case_id) == ("high_risk", "open", case.id)


def test_same_customer_adds_to_the_open_case_and_third_contact_is_high_risk(desk, engine):
    desk.handle(message("都一个星期了怎么还没发货", "e1"))
    desk.handle(message("还是没发货啊", "e2"))
    out = desk.handle(message("怎么还没发货", "e3"))
    assert "joins" in out[0].card.fallback and out[0].private  # the agent is told it is not a new case
    card = out[-1].card
    assert field(card, "Contacts") == "3"
    assert len(rows(engine, Case)) == 1
    assert card.severity == Severity.HIGH_RISK
    assert any("contact number 3" in line for s in card.sections for line in s.lines)


def test_same_event_twice_gives_one_message_and_one_card(desk, engine):
    first = desk.handle(message("我要投诉", "dup-1"))
    second = desk.handle(message("我要投诉", "dup-1"))
    assert len(first) == 1 and second == []
    assert len(rows(engine, CaseMessage)) == 1


def test_same_event_id_on_another_platform_is_a_different_event(desk, engine):
    desk.handle(message("我要投诉", "same", member="slack:U1"))
    desk.handle(message("我要投诉", "same", member="telegram:7"))
    assert len(rows(engine, CaseMessage)) == 2


@pytest.mark.parametrize("text,says", [
    ("", "empty"), ("   \n\t ", "empty"), ("x" * 100_001, "limit"),
    ("\x00\x01\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd", "binary"),
])
def test_bad_messages_get_a_private_answer_and_change_nothing(desk, engine, text, says):
    [out] = desk.handle(message(text, "bad"))
    assert out.private and out.error == "bad_input" and says in out.card.fallback
    assert rows(engine, CaseMessage) == [] and rows(engine, Case) == []
    # the event was not consumed: fixing the input under the same id still works
    assert desk.handle(message("我要投诉", "bad"))[0].case_id


def test_a_long_message_is_kept_whole(desk, engine):
    text = "我要投诉，" + "情况是这样的。" * 7_000
    assert len(text) > 45_000
    out = desk.handle(message(text, "long"))
    assert out[0].case_id
    [stored] = rows(engine, CaseMessage)
    assert stored.text == text


def test_nul_and_control_characters_are_stripped_before_storage(desk, engine):
    desk.handle(message("我要\x00投诉\x07", "ctl"))
    [stored] = rows(engine, CaseMessage)
    assert stored.text == "我要投诉"


def test_unknown_command_case_and_member(desk):
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="c1", member=AGENT, name="frobnicate"))
    assert out.private and "Unknown command" in out.card.fallback
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="c2", member=AGENT, name="case", args="999"))
    assert out.error == "not_found" and "999" in out.card.fallback
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="c3", member=AGENT, name="case", args="abc"))
    assert out.error == "bad_input"
    [out] = desk.handle(CommandInvoked(platform="web", event_id="c4", member="web:ghost", name="help"))
    assert out.error == "not_found" and "web:ghost" in out.card.fallback


def test_help_case_and_note_commands(desk, engine):
    case_id = desk.handle(message("我要投诉", "m1"))[0].case_id
    [help_out] = desk.handle(CommandInvoked(platform="slack", event_id="h", member=AGENT, name="help"))
    assert "note <case> <text>" in help_out.card.fallback
    [case_out] = desk.handle(CommandInvoked(platform="slack", event_id="c", member=AGENT, name="case",
                                            args=str(case_id)))
    assert case_out.case_id == case_id and f"Case #{case_id}" in case_out.card.title
    out = desk.handle(CommandInvoked(platform="slack", event_id="n", member=AGENT, name="note",
                                     args=f"{case_id} called back, customer calmer"))
    assert any("Note added" in o.card.fallback for o in out)
    assert [n.text for n in rows(engine, Note)] == ["called back, customer calmer"]
    [empty] = desk.handle(CommandInvoked(platform="slack", event_id="n2", member=AGENT, name="note",
                                         args=f"{case_id}"))
    assert empty.error == "bad_input"


def test_buttons_take_escalate_resolve_update_the_card_in_place(desk, engine):
    case_id = desk.handle(message("我要投诉", "m1"))[0].case_id
    posted = MessageRef("slack", "C42", "1700000000.0001")
    cases.remember_cards(engine, [(case_id, posted)])

    out = desk.handle(ActionInvoked(platform="slack", event_id="a1", member="slack:U2", member_name="Lee",
                                    action=ActionId.TAKE, value=str(case_id), message=posted))
    update = next(o for o in out if o.replace == posted)
    assert field(update.card, "Owner") == "Lee"

    out = desk.handle(ActionInvoked(platform="slack", event_id="a2", member="slack:U2", action=ActionId.ESCALATE,
                                    value=str(case_id), inputs={"reason": "customer mentions lawyer"}, message=posted))
    assert field(next(o for o in out if o.replace == posted).card, "Status") == "escalated"

    out = desk.handle(ActionInvoked(platform="slack", event_id="a3", member="slack:U2", action=ActionId.RESOLVE,
                                    value=str(case_id), inputs={"outcome": "refunded"}, message=posted))
    resolved = next(o for o in out if o.replace == posted).card
    assert field(resolved, "Status") == "resolved" and resolved.buttons == ()

    actions = [(a.action, a.actor) for a in rows(engine, AuditEntry)]
    assert actions == [("case.owner", "slack:U2"), ("case.escalate", "slack:U2"), ("case.resolve", "slack:U2")]

    [again] = desk.handle(ActionInvoked(platform="slack", event_id="a4", member="slack:U2", action=ActionId.RESOLVE,
                                        value=str(case_id), message=posted))
    assert again.error == "bad_input" and "already resolved" in again.card.fallback


def test_a_new_message_after_resolution_opens_a_new_case(desk, engine):
    first = desk.handle(message("我要投诉", "m1"))[0].case_id
    desk.handle(ActionInvoked(platform="slack", event_id="r", member=AGENT, action=ActionId.RESOLVE, value=str(first)))
    second = desk.handle(message("又坏了", "m2"))[0].case_id
    assert second != first


def test_customers_without_reference_get_their_own_case(desk, engine):
    a = desk.handle(message("我要投诉", "x1", customer=CustomerRef()))[0].case_id
    b = desk.handle(message("我要投诉", "x2", customer=CustomerRef()))[0].case_id
    assert a != b


def test_admins_from_settings_are_members_with_the_admin_role(engine, clock):
    with db.session(engine) as s:
        ensure_admins(s, ["web:alice", "slack:U9"], now=clock.now())
        s.commit()
    from bot.members.tables import Member
    assert {(m.ref, m.role) for m in rows(engine, Member)} == {("web:alice", "admin"), ("slack:U9", "admin")}


def test_a_crash_inside_the_core_reaches_the_user_as_a_plain_sentence(desk, engine, monkeypatch):
    def boom(text):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(desk.team.analyzers.analyzer, "analyze", boom)
    [out] = desk.handle(message("我要投诉", "boom"))
    assert out.error == "internal" and "secret internals" not in out.card.fallback and "Traceback" not in out.card.fallback
    assert rows(engine, CaseMessage) == []


def test_a_new_members_first_events_at_once_are_all_handled(desk, engine):
    from concurrent.futures import ThreadPoolExecutor

    events = [MessageReceived(platform="slack", event_id=f"burst-{i}", member="slack:UNEW", text=f"第{i}次投诉，质量太差",
                              customer=CustomerRef(ref=f"cust-{i}")) for i in range(6)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(desk.handle, events))
    assert all(a and a[-1].error is None for a in answers), answers
    assert len(rows(engine, CaseMessage)) == 6


def test_a_refused_command_is_audited_and_its_member_kept(desk, engine):
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="r1", member="slack:UAGENT", name="role",
                                       args="grant slack:UAGENT admin"))
    assert out.private and out.error == "refused" and "needs the admin role" in out.card.fallback
    [entry] = rows(engine, AuditEntry)
    assert (entry.actor, entry.action, entry.outcome) == ("slack:UAGENT", "command.role", "refused")
    ensure_admin = CommandInvoked(platform="slack", event_id="r2", member="slack:UBOSS", name="role",
                                  args="grant slack:UAGENT lead")
    with db.session(engine) as s:
        ensure_admins(s, ["slack:UBOSS"], now=desk.team.now())
        s.commit()
    [out] = desk.handle(ensure_admin)
    assert out.error is None and "agent → lead" in out.card.fallback
