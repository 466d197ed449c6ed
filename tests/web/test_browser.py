"""The console in a real headless Chromium, as a person uses it."""

import shutil

import pytest

from tests.needs import missing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.browser


def need_chromium():
    if CHROMIUM is None:
        missing("Debian's chromium is not installed (apt-get install chromium); scripts/test installs it when run as root")


@pytest.fixture
async def page(client):
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch(pw)
        # Playwright's string predicates run through eval, which the console's CSP forbids; the test that
        # signs in under the real CSP is in test_security.py.
        page = await (await browser.new_context(bypass_csp=True)).new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_default_timeout(15_000)
        yield page
        await browser.close()
        assert errors == []


async def launch(pw):
    """Debian's headless Chromium, quiet: no network of its own, no updates, no sync."""
    return await pw.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


def login_link(client, ref: str, name: str) -> str:
    """A one-time sign-in link for a console member (made if new), as `bot login-link` prints it."""
    from bot.app import CORE_KEY
    from bot.members import access
    from bot.members.service import find_member, resolve_member
    from bot.store import db

    core = client.server.app[CORE_KEY]
    with db.session(core.engine) as s:
        member = find_member(s, ref) or resolve_member(s, ref, name=name, register=True, now=core.clock.now())
        raw = access.issue_login_link(s, member, actor="test", now=core.clock.now())
        s.commit()
    return str(client.make_url("/login")) + "#" + raw


async def sign_in(page, client, ref: str, name: str) -> None:
    from playwright.async_api import expect

    await page.goto(login_link(client, ref, name))
    await page.wait_for_url(str(client.make_url("/")))
    await expect(page.locator("#who")).to_contain_text(f"Signed in as {name}")


async def test_agent_pastes_a_complaint_and_works_the_card(page, client, tmp_path):
    await sign_in(page, client, "web:mei", "Mei")

    await page.fill("#text", "再不给我退款我就去12315投诉你们")
    await page.fill("#customer-id", "C-9")
    await page.fill("#customer-name", "张先生")
    await page.click("#analyze")
    card = page.locator("article.card.high_risk")
    await card.wait_for()
    text = await card.inner_text()
    assert "12315" in text and "regulator" in text and "HIGH RISK" in text
    reply = await card.locator("pre.copy").first.inner_text()
    assert reply.startswith("张先生，您好。") and "客服主管" in reply
    await page.screenshot(path=str(tmp_path / "console.png"), full_page=True)

    await card.locator("button[data-action=take]").click()
    await page.wait_for_function(
        "[...document.querySelectorAll('article.card.high_risk dd')].some(d => d.textContent === 'Mei')")

    await card.locator("button[data-action=note]").click()
    await card.locator("form.card-form textarea[name=text]").fill("已致电客户")
    await card.locator("form.card-form button[type=submit]").click()
    await page.wait_for_function("document.querySelector('article.card.high_risk').innerText.includes('已致电客户')")

    await card.locator("button[data-action=sent]").click()
    await page.wait_for_function(
        "[...document.querySelectorAll('article.card.high_risk dd')].some(d => d.textContent.includes('CST'))")
    await page.click("#audit")  # Mei is an agent: the audit log is for admins, and the console says so
    await page.wait_for_function("document.querySelector('#notice').innerText.includes('admin role')")

    await page.fill("#text", "请问发票怎么开")
    await page.fill("#customer-id", "C-10")
    await page.click("#analyze")
    await page.locator("article.card.none").wait_for()
    await page.wait_for_function("document.querySelectorAll('#cases li[data-case]').length === 2")


async def test_console_shows_a_clear_error_for_bad_input(page, client):
    await sign_in(page, client, "web:kai", "Kai")
    await page.click("#analyze")
    await page.wait_for_function("document.querySelector('#notice').textContent.includes('empty')")
    assert await page.locator("#notice.error").count() == 1
    await page.fill("#command", "/nope")
    await page.click("#command-form button")
    await page.wait_for_function("document.querySelector('#notice').textContent.includes('Unknown command')")


async def test_the_first_admin_sees_the_set_up_checklist_until_it_is_done(page, client, tmp_path):
    from playwright.async_api import expect

    await sign_in(page, client, "web:alice", "alice")
    setup = page.locator("#setup")
    await expect(setup).to_be_visible()
    await expect(setup).to_contain_text("nobody is in lead (D)")
    assert await setup.locator("code", has_text="tier add lead <member>").count() == 1
    await page.screenshot(path=str(tmp_path / "console-setup.png"), full_page=True)
    await page.fill("#command", "tier add lead web:alice")
    await page.click("#command-form button[type=submit]")
    await expect(setup).not_to_contain_text("nobody is in lead (D)")
    await expect(setup).to_contain_text("nobody is in senior (E)")  # the rest stays until it is done


async def test_an_agent_is_not_shown_the_admins_checklist(page, client):
    await sign_in(page, client, "web:mei", "Mei")
    assert await page.locator("#setup").is_hidden()


async def test_a_lead_reads_the_report_page_with_its_chart_and_csv(page, client, tmp_path):
    from playwright.async_api import expect

    await sign_in(page, client, "web:alice", "alice")
    for i, text in enumerate(["快递三天了还没到，物流一直不更新", "我要投诉，东西坏了给我退款", "My parcel is late again"]):
        await page.fill("#text", text)
        await page.fill("#customer-id", f"C-{i}")
        await page.click("#analyze")
        await expect(page.locator("#feed article")).to_have_count(i + 1)
    await page.click("#reports summary")
    figures = page.locator("#report-out .figures")
    await expect(figures).to_contain_text("Cases opened3")
    await expect(page.locator("#report-out table.reasons")).to_contain_text("delivery")
    chart = page.locator("#report-out img.chart")
    await page.wait_for_function("document.querySelector('#report-out img.chart')?.naturalWidth > 500")
    assert "cases opened a day" in (await chart.get_attribute("alt")).lower()
    await page.select_option("#report-period", "30d")
    await page.click("#report-form button[type=submit]")
    await expect(page.locator("#report-csv")).to_have_attribute("href", "/api/report.csv?period=30d")
    csv_text = await page.evaluate("fetch('/api/report.csv?period=30d').then(r => r.text())")
    assert csv_text.splitlines()[0].startswith("case,opened,channel") and len(csv_text.splitlines()) == 4
    await page.screenshot(path=str(tmp_path / "console-report.png"), full_page=True)
    import os
    if os.environ.get("SHOT_DIR"):
        await page.screenshot(path=os.path.join(os.environ["SHOT_DIR"], "console-report.png"), full_page=True)


async def test_an_agent_has_no_report_page_and_the_api_refuses(page, client):
    await sign_in(page, client, "web:mei", "Mei")
    assert await page.locator("#reports").is_hidden()
    status = await page.evaluate("fetch('/api/report?period=7d').then(r => r.status)")
    assert status == 403


async def test_the_inbox_has_views_with_counts_and_finds_by_words(page, client):
    from playwright.async_api import expect

    await sign_in(page, client, "web:alice", "alice")
    for i, message in enumerate(["快遞三天了還沒到，我要退貨", "耳机坏了，质量太差"]):
        await page.fill("#text", message)
        await page.fill("#customer-id", f"C-{i}")
        await page.click("#analyze")
        await expect(page.locator("#feed article")).to_have_count(i + 1)
    await expect(page.locator("#views button[data-view=open]")).to_have_text("All open (2)")
    await page.click("#views button[data-view=mine]")
    await expect(page.locator("#views button[data-view=mine]")).to_have_attribute("aria-pressed", "true")
    await expect(page.locator("#cases")).to_contain_text("No cases in this view.")
    await page.click("#views button[data-view=open]")
    await expect(page.locator("#cases li[data-case]")).to_have_count(2)
    await page.fill("#search", "退货")  # Simplified finds the Traditional message
    await page.press("#search", "Enter")
    await expect(page.locator("#cases li[data-case]")).to_have_count(1)
    row = page.locator("#cases li[data-case] button.case-row")
    await row.focus()
    await page.keyboard.press("Enter")  # a row is a button: the keyboard opens the case
    await expect(page.locator("#feed article").first).to_contain_text("Case #1")


async def test_on_a_phone_the_columns_stack_and_every_field_has_a_label(page, client, tmp_path):
    from playwright.async_api import expect

    await page.set_viewport_size({"width": 390, "height": 844})
    await sign_in(page, client, "web:alice", "alice")
    await page.get_by_label("What the customer wrote").fill("快递三天了还没到，物流一直不更新，太慢了")
    await page.get_by_label("Customer id").fill("C-390")
    await page.click("#analyze")
    card = page.locator("#feed article").first
    await expect(card).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the screen
    form_bottom = await page.evaluate("document.querySelector('#compose').getBoundingClientRect().bottom")
    card_top = await page.evaluate("document.querySelector('#feed article').getBoundingClientRect().top")
    assert card_top >= form_bottom  # the cards come under the form, not beside it
    unlabelled = await page.evaluate("""[...document.querySelectorAll('input, textarea, select')]
        .filter(e => e.type !== 'hidden' && !e.labels.length && !e.getAttribute('aria-label')).map(e => e.id)""")
    assert unlabelled == []
    await page.screenshot(path=str(tmp_path / "console-390.png"), full_page=True)
    import os
    if os.environ.get("SHOT_DIR"):
        await page.screenshot(path=os.path.join(os.environ["SHOT_DIR"], "console-390.png"), full_page=False)


async def test_an_opened_case_shows_its_timeline_and_its_customers_history(page, client):
    from playwright.async_api import expect

    await sign_in(page, client, "web:alice", "alice")
    for message in ("快递三天了还没到", "还是没到，到底怎么回事"):
        await page.get_by_label("What the customer wrote").fill(message)
        await page.get_by_label("Customer id").fill("C-55")
        await page.click("#analyze")
        await expect(page.locator("#feed article").first).to_contain_text("Case #1")
    await page.fill("#command", "note 1 called the courier")
    await page.click("#command-form button[type=submit]")
    await expect(page.locator("#command")).to_have_value("")  # the note is saved
    await page.locator("#cases li[data-case] button.case-row").first.click()
    timeline = page.locator("#feed article details.timeline")
    await expect(timeline.locator("summary")).to_have_text("Timeline (3)")  # two messages and the note
    await timeline.locator("summary").click()
    await expect(timeline).to_contain_text("called the courier")
    history = page.locator("#feed article details.customer-history")
    await history.locator("summary").click()
    await expect(history).to_contain_text("2 contact(s)")
    await expect(history).to_contain_text("wrote again after")  # the first-to-second contact interval
    await expect(history.locator("ol.said li")).to_have_count(2)  # every message the customer wrote
    await expect(history.locator("ol.said q").first).to_have_attribute("lang", "zh-Hans")
    await expect(history).to_contain_text("#1 · open")


async def test_a_case_card_shows_what_to_act_on_and_folds_the_rest(page, client):
    from playwright.async_api import expect

    await sign_in(page, client, "web:alice", "alice")
    await page.get_by_label("What the customer wrote").fill("东西坏了，我要投诉，你们必须补偿我500元")
    await page.get_by_label("Customer id").fill("C-77")
    await page.click("#analyze")
    card = page.locator("#feed article").first
    await expect(card.locator("pre.copy").first).to_be_visible()  # the reply, at a glance
    await expect(card.get_by_text("Level", exact=True)).to_be_visible()  # "Message level" is folded
    authority = card.locator("dt", has_text="Frontline may offer")
    await expect(authority).to_be_hidden()  # folded
    await card.locator("details.more > summary").click()
    await expect(authority).to_be_visible()
    import os
    if os.environ.get("SHOT_DIR"):
        await card.screenshot(path=os.path.join(os.environ["SHOT_DIR"], "card-folded.png"))
