from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .panels import ReplyTimelinessPanel
from .viewsets import ConsultationViewSet

register_snippet(ConsultationViewSet)


@hooks.register("construct_homepage_panels")
def add_reply_timeliness_panel(request, panels):
    if request.user.has_perm("consultations.view_consultation"):
        panels.append(ReplyTimelinessPanel(request))
