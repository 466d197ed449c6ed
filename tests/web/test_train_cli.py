"""`bot train`, `bot eval` and `bot analyze` on a team's database, each a real process, as a team runs them."""

import json

from bot.desk import Desk
from bot.events import CommandInvoked
from bot.members.service import ensure_admins
from bot.store import db
from tests.web.test_cli import run_bot

LINES = ([{"id": f"c{i}", "text": f"等了{i + 2}天快递还没到，客服也不回", "level": "potential"} for i in range(15)]
         + [{"id": f"h{i}", "text": f"我打了{i + 3}次电话都没人处理，再不解决我就去12315", "level": "high_risk"}
            for i in range(10)]
         + [{"id": f"n{i}", "text": f"请问{i}号门店周末营业吗", "level": "none"} for i in range(20)])


def test_train_from_a_file_then_analyze_with_the_team_model_then_roll_back(tmp_path, analyzer, clock):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'team.db'}"}
    labelled = tmp_path / "history.jsonl"
    bad = ['{"text": "没有等级"}', '{"text": "你好", "level": "angry"}', "{broken", '{"level": "none"}']
    labelled.write_text("\n".join([json.dumps(r, ensure_ascii=False) for r in LINES] + bad) + "\n", encoding="utf-8")
    assert run_bot("db", "upgrade", env=env).returncode == 0
    proc = run_bot("train", "--from", str(labelled), "--force", env=env)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "imported 45 labelled examples" in out and "4 lines skipped" in out
    assert "line 46: skipped: no level" in err and "line 47: skipped: level “angry”" in err
    assert "line 48: skipped: not valid JSON" in err and "line 49: skipped: no text" in err
    assert "macro-F1" in out and "complaint F1" in out and "team model" in out and "current" in out
    assert "team-v1 is now active" in out

    feed = json.dumps({"id": 1, "text": "请问门店周末营业吗"}, ensure_ascii=False).encode() + b"\n"
    [result] = [json.loads(line) for line in run_bot("analyze", "--jsonl", stdin=feed, env=env).stdout.splitlines()]
    assert result["model"] == "team-v1" and result["level"] == "none"

    engine = db.make_engine(env["DATABASE_URL"])
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    with db.session(engine) as s:
        ensure_admins(s, ["web:admin"], now=clock.now())
        s.commit()
    [said] = desk.handle(CommandInvoked(platform="web", event_id="rb", member="web:admin", name="model", args="rollback"))
    assert "shipped" in said.card.fallback
    engine.dispose()
    [result] = [json.loads(line) for line in run_bot("analyze", "--jsonl", stdin=feed, env=env).stdout.splitlines()]
    assert result["model"].startswith("shipped-")


def test_eval_prints_the_engines_figures_on_a_labelled_csv(tmp_path):
    labelled = tmp_path / "history.csv"
    labelled.write_text("text,complaint,lang\n请问发票怎么开,0,zh-Hans\n再不退款我就去12315,1,zh-Hans\n"
                        "my order still hasn't arrived,1,en\nthanks for the help,0,en\n,1,en\n", encoding="utf-8")
    proc = run_bot("eval", str(labelled), env={"DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}"})
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "4 labelled messages" in out and "complaint vs none: P 1.000 R 1.000 F1 1.000" in out
    assert "line 6: skipped: no text" in proc.stderr.decode()
    assert not (tmp_path / "none.db").exists()  # measuring creates no database
