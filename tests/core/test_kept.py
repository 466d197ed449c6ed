"""Reads one event repeats are made once until the session writes again or its transaction ends."""

import threading
import time

import pytest
from sqlalchemy import select, update

from bot.store import db
from bot.store.kept import read_once
from bot.store.setting import read_setting, write_setting
from bot.store.tables import Setting
from bot.timers.runner import TimerRunner


def test_a_read_is_made_again_after_any_write_and_after_the_transaction(engine, clock):
    loads = []

    def read(s):
        def load():
            loads.append(s.exec(select(Setting.key)).all())
            return len(loads)
        return read_once(s, ("probe",), load)

    with db.session(engine) as s:
        assert read(s) == read(s) == 1
        s.add(Setting(key="probe", value="1", updated_by="t", updated_at=clock.now()))
        s.flush()
        assert read(s) == read(s) == 2  # a flush wrote
        s.execute(update(Setting).where(Setting.key == "probe").values(value="2"))
        assert read(s) == 3  # an UPDATE wrote
        s.commit()
        assert read(s) == 4  # a new transaction may see what others wrote
        s.rollback()
        assert read(s) == 5


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_a_setting_changed_by_another_replica_is_forgotten_when_its_commit_lands(engine, clock):
    """Replica A keeps the settings in memory; replica B commits a change: A's runner hears the notice and A reads
    the new value at once, not KEEP_SECONDS later."""
    replica_b = engine.execution_options()  # another process's memory: its own kept values
    runner = TimerRunner(engine=engine, clock=clock, handle=lambda e: [], deliver=None)
    runner._listening = True
    listener = threading.Thread(target=runner._listen, daemon=True)
    listener.start()
    try:
        time.sleep(0.5)  # listening
        with db.session(engine) as s:
            assert read_setting(s, "probe", "default") == "default"  # kept by A
        with db.session(replica_b) as s:
            write_setting(s, "probe", '"changed"', actor="t", now=clock.now())
            s.commit()
        deadline = time.monotonic() + 3
        while True:
            with db.session(engine) as s:
                seen = read_setting(s, "probe", "default")
            if seen == "changed" or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert seen == "changed"
        assert time.monotonic() < deadline  # well before KEEP_SECONDS
    finally:
        runner._listening = False
        listener.join(timeout=5)
