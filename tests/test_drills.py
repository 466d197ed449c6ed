"""Short versions of the crash drills (scripts/drill): `bot serve` killed under load loses nothing it acknowledged."""

import subprocess
import sys
from pathlib import Path

import pytest

DRILL = Path(__file__).resolve().parent.parent / "scripts" / "drill.py"


def drill(*args: str) -> str:
    done = subprocess.run([sys.executable, str(DRILL), *args, "--check"], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize("stop", ["kill", "term"])
def test_slack_events_acknowledged_before_a_stop_are_all_handled_and_carded(stop):
    out = drill("slack", "--rate", "40", "--seconds", "5", "--stop", stop)
    assert "ACKNOWLEDGED BUT LOST 0; cards missing 0" in out, out


def test_slack_on_postgres_with_kill_loses_nothing():
    out = drill("slack", "--rate", "40", "--seconds", "5", "--stop", "kill", "--db", "postgres")
    assert "ACKNOWLEDGED BUT LOST 0; cards missing 0" in out, out


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_telegram_updates_confirmed_before_a_kill_all_become_cases(mode):
    out = drill("telegram", "--mode", mode, "--updates", "80", "--rate", "30")
    assert "ACKNOWLEDGED BUT LOST 0; cards missing 0" in out, out


def test_pings_of_new_cases_reach_slack_on_time():
    out = drill("pings", "--cases", "16", "--seconds", "8", "--window", "12", "--grace", "6")
    assert "MISSING 0, sent twice 0" in out, out


def test_three_replicas_with_one_killed_send_every_ping_once():
    # grace beyond the 10 s lease: a ping the killed replica had claimed is fired again by a survivor
    out = drill("pings", "--replicas", "3", "--cases", "24", "--seconds", "8", "--window", "12", "--grace", "14")
    assert "MISSING 0, sent twice 0" in out, out


def test_a_slack_outage_holds_every_card_and_sends_it_once_soon_after():
    out = drill("outage", "--rate", "10", "--seconds", "16", "--outage", "8")
    assert "CARDS MISSING 0; complaints carded twice 0" in out, out
