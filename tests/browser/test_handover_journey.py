"""A delivery and a return on a phone (P3.1-P3.4, P6.2), clicked through in a real browser.

After-sales ticks the preparation checklist, dispatches, records the demonstration,
accepts each unit, has both sides sign on screen with a finger (a mouse here), completes
the handover and prints the two copies; later receives the units back with a damage item.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.workflows.handovers.conftest import (  # noqa: F401 (fixtures)
    accessories,
    after_sales,
    make_delivery,
    signed_contract,
)
from tests.workflows.leasing.conftest import (  # noqa: F401 (fixtures)
    english_admin,
    excavator,
    legal,
    make_contract,
    make_plan,
    template,
    units,
)
from workflows.handovers.choices import DeliveryState, ReturnState
from workflows.handovers.models import DamageItem, Delivery, LeaseReturn
from workflows.leasing.choices import ContractState as CS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")


def confirm(page, transition, **fields):
    page.click(f"[data-transition={transition}]")
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.click(f"[data-confirm-transition={transition}]")
    expect(page.locator(".messages .success")).to_be_visible()


def draw(page, canvas):
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(
            box["x"] + 20 + step * box["width"] / 14,
            box["y"] + box["height"] * (0.3 if step % 2 else 0.7),
        )
    page.mouse.up()


class TestDeliveryAndReturnOnAPhone:
    def test_after_sales_hands_over_and_takes_back(
        self,
        phone,
        live_server,
        request,
        screenshots,
    ):
        page, url = phone, live_server.url
        staff_member = request.getfixturevalue("after_sales")
        delivery = request.getfixturevalue("make_delivery")()
        sheet = url + reverse("handovers_delivery_sheet", args=[delivery.pk])
        inspect = url + reverse("wagtailsnippets_handovers_delivery:inspect", args=[delivery.pk])
        log_in(page, url, staff_member.username)

        # P3.1: every preparation item ticked, the performance test with its readings.
        page.goto(sheet)
        while page.locator("[data-tick]").count():
            form = page.locator("form.tick-form").first
            if form.locator("[name=readings]").count():
                form.locator("[name=readings]").fill("油壓 210 bar")
            form.locator("[data-tick]").click()
            page.wait_for_load_state()
        page.screenshot(path=screenshots / "handover-prepared.png", full_page=True)

        # P3.2: dispatched, demonstrated.
        page.goto(inspect)
        confirm(page, "dispatch")
        confirm(page, "demonstrate", attendees="林大明（工地主任）")

        # P3.3: each unit accepted jointly.
        page.goto(sheet)
        while page.locator("form[data-accept-unit]").count():
            form = page.locator("form[data-accept-unit]").first
            for name in ("appearance_ok", "performance_ok", "accessories_ok"):
                form.locator(f"[name={name}]").check()
            form.locator("button[type=submit]").click()
            page.wait_for_load_state()

        # P3.4: both sides sign on screen.
        for side, name in (("customer", "林大明"), ("company", "王志明")):
            pad = page.locator("form[data-signature-pad]")
            pad.locator("[name=side]").select_option(side)
            pad.locator("[name=name]").fill(name)
            draw(page, pad.locator("canvas"))
            pad.locator("button[type=submit]").click()
            expect(page.locator(f"[data-signed={side}]")).to_be_visible()
        page.goto(inspect)
        confirm(page, "accept")
        delivery = Delivery.objects.get(pk=delivery.pk)
        assert delivery.state == DeliveryState.ACCEPTED
        assert delivery.contract.state == CS.ACTIVE

        # The checklist prints twice, each copy with both signatures.
        page.goto(url + reverse("handovers_delivery_print", args=[delivery.pk]))
        expect(page.locator("[data-copy]")).to_have_count(2)
        expect(page.locator("[data-print-signature]")).to_have_count(4)
        page.screenshot(path=screenshots / "handover-printed.png", full_page=True)

        # P6.2: the return scheduled from the contract, a damage item, the units received.
        page.goto(
            url
            + reverse("wagtailsnippets_handovers_leasereturn:add")
            + f"?contract={delivery.contract_id}"
        )
        page.locator("form button[type=submit]").last.click()
        lease_return = LeaseReturn.objects.get(contract=delivery.contract)
        page.goto(url + reverse("handovers_return_sheet", args=[lease_return.pk]))
        form = page.locator("form[data-damage-form]").first
        form.locator("[name=description]").fill("駕駛室玻璃裂痕")
        form.locator("[name=proposed_charge]").fill("3500")
        form.locator("button[type=submit]").click()
        expect(page.locator("[data-damage]")).to_have_count(1)
        while page.locator("[data-receive]").count():
            page.locator("[data-receive]").first.click()
            page.wait_for_load_state()
        assert DamageItem.objects.filter(return_unit__lease_return=lease_return).count() == 1
        assert LeaseReturn.objects.get(pk=lease_return.pk).state == ReturnState.SCHEDULED
        lease_return.contract.refresh_from_db()
        assert lease_return.contract.state == CS.RETURNED
