"""Reads one event repeats are made once until the session writes again or its transaction ends."""

from sqlalchemy import select, update

from bot.store import db
from bot.store.kept import read_once
from bot.store.tables import Setting


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
