"""`make run` is quiet: the demo loader prints a summary and the logins, not message bodies."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management.base import OutputWrapper
from wagtail.models import Page, Workflow

from fixtures import demo

pytestmark = pytest.mark.django_db


def test_the_demo_prints_a_summary_and_the_logins_only(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.SMS_BACKEND = "workflows.core.sms.LogSmsBackend"
    out = StringIO()
    demo.load(stdout=OutputWrapper(out))
    printed = out.getvalue() + capsys.readouterr().out
    lines = printed.strip().splitlines()

    assert lines[0].startswith("Demo data loaded: ")
    assert "Demo logins" in printed
    assert "Subject:" not in printed
    assert len(lines) < 40
    assert not mail.outbox or all(m.subject for m in mail.outbox)
    assert Page.get_first_root_node().title == "網站根目錄"
    assert not Workflow.objects.filter(name="Moderators approval").exists()
