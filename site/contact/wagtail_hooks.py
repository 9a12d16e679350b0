from wagtail.snippets.models import register_snippet

from .viewsets import ConsultationChannelViewSet

register_snippet(ConsultationChannelViewSet)
