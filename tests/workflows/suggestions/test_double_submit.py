"""Recording the same progress twice (a double click) publishes, logs and tells once."""

import pytest
from wagtail.models import ModelLogEntry

from workflows.core.models import OutboundMessage
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

pytestmark = pytest.mark.django_db


def test_the_same_progress_sent_twice_counts_once(make, owner):
    suggestion = make(S.IMPLEMENTING)

    def record(text):
        services.record_progress(
            suggestion, user=owner, progress=text, expected_state=S.IMPLEMENTING
        )
        return (
            ModelLogEntry.objects.for_instance(suggestion).count(),
            OutboundMessage.objects.count(),
        )

    before = record("新檢查表試行中")
    assert record("新檢查表試行中") == before
    suggestion.refresh_from_db()
    assert suggestion.latest_progress == "新檢查表試行中"
    logs, messages = record("第二週：全面使用")
    assert logs > before[0] and messages > before[1]
