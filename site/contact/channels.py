"""Reading the published channels for the public pages."""

from .models import ConsultationChannel

_REQUEST_ATTR = "_published_consultation_channels"


def published_channels(request=None):
    """Every published consultation channel, in the order Marketing set.

    Every public page shows the channels (P1.1), some pages twice (the strip and
    the channel list), so the list is read once per request and kept on it.
    """
    if request is None:
        return list(ConsultationChannel.objects.published())
    channels = getattr(request, _REQUEST_ATTR, None)
    if channels is None:
        channels = list(ConsultationChannel.objects.published())
        setattr(request, _REQUEST_ATTR, channels)
    return channels
