"""Reading the published channels for the public pages."""

from .models import ConsultationChannel

_REQUEST_ATTR = "_published_consultation_channels"


def published_channels(request=None):
    """Every published consultation channel, in the order Marketing set.

    Every public page shows the channels (P1.1), some pages twice (the strip and
    the channel list), so the list is read once per request and kept on it.
    Each channel carries `action_url`: where clicking it leads (a call, a mail,
    the chat, or the message form in the visitor's language), and its name, hours
    and description in the visitor's language where Marketing wrote them.
    """
    if request is None:
        return _with_actions(list(ConsultationChannel.objects.published()), None)
    channels = getattr(request, _REQUEST_ATTR, None)
    if channels is None:
        channels = _with_actions(list(ConsultationChannel.objects.published()), request)
        setattr(request, _REQUEST_ATTR, channels)
    return channels


def _with_actions(channels, request):
    from wagtail.models import Locale

    from home.navigation import pages_in_locale

    channels = [channel.in_language() for channel in channels]
    page_ids = {channel.page_id for channel in channels if channel.page_id}
    pages = pages_in_locale(page_ids, Locale.get_active()) if page_ids else {}
    for channel in channels:
        page = pages.get(channel.page_id)
        channel.action_url = channel.href or (page.get_url(request) if page is not None else "")
    return channels
