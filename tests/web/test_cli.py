"""The `bot` command as a user runs it: a real subprocess."""

import json
import os
import subprocess
import sys


from tests.needs import shared_data



def run_bot(*args, stdin=b"", env=None):
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_analyze_one_message_as_json():
    proc = run_bot("analyze", "再不给我退款我就去12315投诉你们", "--json")
    result = json.loads(proc.stdout)
    assert proc.returncode == 0 and result["level"] == "high_risk"
    assert any(t["signal"] == "regulator" and t["phrase"] == "12315" for t in result["triggers"])


def test_analyze_jsonl_keeps_order_and_survives_bad_lines():
    lines = [json.dumps({"id": "a", "text": "请问发票怎么开"}, ensure_ascii=False), "{broken",
             json.dumps({"id": "c", "text": "我要投诉"}, ensure_ascii=False), json.dumps([1, 2]),
             json.dumps({"id": "e", "text": None})]
    proc = run_bot("analyze", "--jsonl", stdin=("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 0 and len(out) == 6
    assert [o.get("id") for o in out[:3]] == ["a", None, "c"]
    assert out[0]["level"] == "none" and out[2]["level"] == "explicit"
    assert "error" in out[1] and "error" in out[3] and out[4] == {"id": "e", "error": out[4]["error"]}


def test_analyze_jsonl_over_the_development_set():
    data = shared_data("risk_dev.jsonl").read_bytes()
    proc = run_bot("analyze", "--jsonl", stdin=data)
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    ids = [json.loads(line)["id"] for line in data.decode().splitlines() if line.strip()]
    assert len(out) == len(ids) == 300 and [o["id"] for o in out] == ids
    levels = {"none", "potential", "explicit", "high_risk"}
    assert all(o["level"] in levels and 0 <= o["score"] <= 100 and o["lang"] for o in out)


def test_serve_refuses_an_open_network_without_token(tmp_path):
    proc = run_bot("serve", env={"BOT_HOST": "0.0.0.0", "BOT_WEB_TOKEN": "", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert proc.returncode == 2 and b"BOT_PUBLIC_URL" in proc.stderr and b"Traceback" not in proc.stderr


def test_db_upgrade_twice_is_fine(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    assert run_bot("db", "upgrade", env=env).returncode == 0
    assert run_bot("db", "upgrade", env=env).returncode == 0
