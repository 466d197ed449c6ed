"""The workspace in real headless Chromium, with an agent, a lead and an admin each in their own browser: intake of
two customers in a row, the views, search in 简/繁/en, structured offer and resolve forms, an approval request only
the lead sees (with an unread count), the interface in zh-Hans and zh-Hant, 390 px and the keyboard."""

import os

import pytest

from tests.web.test_browser import launch, login_link, need_chromium

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SHOT_DIR")


@pytest.fixture
async def browser(client):
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch(pw)
        errors = []

        async def person(ref, name, *, width=1440):
            context = await browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900},
                                                locale="en-US")
            page = await context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.set_default_timeout(15_000)
            await page.goto(login_link(client, ref, name))
            await page.wait_for_url(str(client.make_url("/")))
            await page.locator("#who").filter(has_text=name).wait_for()
            return page
        yield person
        await browser.close()
        assert errors == []


async def shot(page, name):
    if SHOTS:
        await page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


async def run(page, line):
    from playwright.async_api import expect

    await page.fill("#command", line)
    await page.click("#command-form button[type=submit]")
    await expect(page.locator("#command")).to_have_value("")


async def intake(page, text, customer):
    await page.get_by_label("What the customer wrote").fill(text)
    await page.get_by_label("Customer id").fill(customer)
    await page.click("#analyze")


async def test_a_team_works_the_inbox_in_its_own_languages(browser, client):
    from playwright.async_api import expect

    admin = await browser("web:alice", "alice")  # the first console member is the admin
    await browser("web:lily", "Lily")  # Lily has signed in once; the admin puts her in the lead tier
    await run(admin, "tier add lead web:lily")
    await run(admin, "authority set agent ¥50")
    mei = await browser("web:mei", "Mei")

    # Two customers in a row: the second is a case of its own, and nothing of the first stays in the form.
    await intake(mei, "商品壞了，我要退錢，已經等了兩個星期", "C-1")
    await expect(mei.locator("#feed article").first).to_contain_text("Case #1")
    for label in ("What the customer wrote", "Customer id", "Name", "VIP level", "Annual value"):
        await expect(mei.get_by_label(label)).to_have_value("")
    await intake(mei, "My parcel never arrived and nobody answers my emails", "C-2")
    await expect(mei.locator("#feed article").first).to_contain_text("Case #2")
    await expect(mei.locator("#cases li[data-case]")).to_have_count(2)

    # Each view, with its count.
    for view, count in (("mine", 0), ("unassigned", 2), ("approval", 0), ("open", 2), ("resolved", 0)):
        await mei.click(f"#views button[data-view={view}]")
        await expect(mei.locator(f"#views button[data-view={view}]")).to_have_attribute("aria-pressed", "true")
        await expect(mei.locator(f"#views button[data-view={view}]")).to_contain_text(f"({count})")
        await expect(mei.locator("#cases li[data-case]")).to_have_count(count)
    await mei.click("#views button[data-view=open]")
    await mei.select_option("#filter-channel", "telegram")  # nothing came from Telegram
    await expect(mei.locator("#cases li[data-case]")).to_have_count(0)
    await mei.select_option("#filter-channel", "web")
    await expect(mei.locator("#cases li[data-case]")).to_have_count(2)
    await mei.select_option("#filter-channel", "")

    # Search in the three scripts: Simplified finds what was written in Traditional; English finds English.
    for words, found in (("退钱", "1"), ("退錢 商品", "1"), ("parcel", "2")):
        await mei.fill("#search", words)
        await mei.click("#search-form button[type=submit]")
        await expect(mei.locator("#cases li[data-case]")).to_have_count(1)
        await expect(mei.locator("#cases li[data-case]")).to_have_attribute("data-case", found)
    await mei.fill("#search", "")
    await mei.locator("#search").dispatch_event("search")

    # The offer form: a type from one vocabulary and an amount; above Mei's limit it goes to the lead.
    card = mei.locator('#feed article[data-ref="case-1"]')
    await card.locator("button[data-action=offer]").click()
    form = card.locator("form.card-form")
    await form.locator("select[name=kind]").select_option("refund")
    await form.locator("input[name=amount]").fill("200")
    await form.locator("button[type=submit]").click()
    await expect(mei.locator("#feed")).to_contain_text("for approval")

    # Only the lead sees the request, with an unread count; reading it clears the count.
    lily = await browser("web:lily", "Lily")
    notices = lily.locator("#notices-button")
    await expect(notices).to_have_text("Notifications (1 unread)")
    await notices.click()
    await expect(lily.locator("#notice-list")).to_contain_text("Approval needed: offer #1")
    await shot(lily, "console-en-1440.png")
    await expect(notices).to_have_text("Notifications", timeout=5_000)
    await lily.locator("#notice-list button[data-action=approve]").click()
    await expect(lily.locator("#feed")).to_contain_text("Offer #1 approved")
    assert "Approval needed" not in await mei.locator("body").inner_text()
    await expect(mei.locator("#notices-button")).to_have_text("Notifications (1 unread)", timeout=12_000)
    await mei.click("#notices-button")
    await expect(mei.locator("#notice-list")).to_contain_text("was approved by Lily")

    # The resolve form: a type, an amount with its currency, evidence and a follow-up date.
    await mei.locator("#cases li[data-case='2'] button.case-row").click()
    card = mei.locator('#feed article[data-ref="case-2"]')
    await card.locator("button[data-action=take]").click()
    await expect(card).to_contain_text("Mei")
    await card.locator("button[data-action=resolve]").click()
    form = card.locator("form.card-form")
    await form.locator("textarea[name=outcome]").fill("sent a new parcel by express")
    await form.locator("select[name=type]").select_option("replacement")
    await form.locator("input[name=evidence]").fill("EXP-99")
    await form.locator("input[name=follow]").fill("2026-03-09")
    await shot(mei, "resolve-form-1440.png")
    await form.locator("button[type=submit]").click()
    await expect(mei.locator('#feed article[data-ref="case-2"]')).to_contain_text("replacement · sent a new parcel")
    await mei.click("#views button[data-view=resolved]")
    await expect(mei.locator("#cases li[data-case]")).to_have_count(1)

    # The keyboard alone: from the search box to the views, to a case, and open it.
    await mei.click("#views button[data-view=open]")
    await expect(mei.locator("#cases li[data-case]")).to_have_count(1)
    await expect(mei.locator("#cases li[data-case]")).to_have_attribute("data-case", "1")  # the open view's
    await mei.focus("#search")
    for _press in range(12):
        await mei.keyboard.press("Tab")
        if await mei.evaluate("document.activeElement.classList.contains('case-row')"):
            break
    assert await mei.evaluate("document.activeElement.classList.contains('case-row')")
    await mei.keyboard.press("Enter")
    await expect(mei.locator("#feed article").first).to_have_attribute("data-ref", "case-1")

    # Mei chooses Traditional Chinese: the whole interface and her cards follow; Lily's stays English.
    await mei.select_option("#language", "zh-Hant")
    await expect(mei.locator("h1")).to_have_text("投訴工作台")
    assert await mei.evaluate("document.documentElement.lang") == "zh-Hant"
    await expect(mei.locator("#views button[data-view=mine]")).to_contain_text("我的")
    await mei.locator("#cases li[data-case] button.case-row").first.click()
    opened = mei.locator("#feed article").first
    await expect(opened).to_contain_text("客戶原話")
    said = opened.locator(".section[lang]").first
    assert await said.get_attribute("lang") in ("zh-Hant", "zh-Hans", "en")
    await shot(mei, "console-zh-Hant-1440.png")
    await lily.reload()
    await expect(lily.locator("h1")).to_have_text("Complaint desk")
    await lily.set_viewport_size({"width": 390, "height": 844})
    assert await lily.evaluate("document.documentElement.scrollWidth") <= 390
    await shot(lily, "console-en-390.png")
    await mei.set_viewport_size({"width": 390, "height": 844})
    assert await mei.evaluate("document.documentElement.scrollWidth") <= 390
    await shot(mei, "console-zh-Hant-390.png")
    await mei.set_viewport_size({"width": 1440, "height": 900})

    # A Simplified reader on a phone: the page stacks, nothing scrolls sideways.
    await mei.select_option("#language", "zh-Hans")
    await expect(mei.locator("h1")).to_have_text("投诉工作台")
    await mei.locator("#cases li[data-case] button.case-row").first.click()
    await expect(mei.locator("#feed article").first).to_contain_text("客户原话")
    await shot(mei, "console-zh-Hans-1440.png")
    await mei.set_viewport_size({"width": 390, "height": 844})
    await mei.reload()
    await expect(mei.locator("#views button[data-view=mine]")).to_contain_text("我的")
    assert await mei.evaluate("document.documentElement.scrollWidth") <= 390
    await shot(mei, "console-zh-Hans-390.png")
