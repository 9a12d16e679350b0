"""Admin for the consultation channels that Marketing keeps correct (P1.1)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.models import Revision
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import ConsultationChannel


class ConsultationChannelIndexView(IndexView):
    """The channel listing, with the status of every row read in one query.

    A channel's status tag asks whether a revision is scheduled to go live,
    which is one query per row unless the rows shown are looked up together.
    """

    def get_table(self, object_list):
        channels = list(object_list)
        scheduled = {}
        revisions = Revision.objects.filter(
            base_content_type=ConsultationChannel.get_base_content_type(),
            object_id__in=[str(channel.pk) for channel in channels],
            approved_go_live_at__isnull=False,
        ).order_by("-pk")
        for revision in revisions:
            scheduled[revision.object_id] = revision  # the lowest pk wins, as in .first()
        for channel in channels:
            # `scheduled_revision` is a cached_property: fill its cache.
            channel.scheduled_revision = scheduled.get(str(channel.pk))
        return super().get_table(channels)


class ConsultationChannelViewSet(SnippetViewSet):
    """Channels are published like pages and shown on the website in the order set here."""

    model = ConsultationChannel
    index_view_class = ConsultationChannelIndexView
    icon = "mobile-alt"
    menu_label = _("Consultation channels")
    menu_name = "consultation-channels"
    menu_order = 250  # right below Pages: what Marketing opens most after the pages
    add_to_admin_menu = True

    ordering = "sort_order"
    list_display = [
        "name",
        "kind",
        "contact_detail",
        "service_hours",
        Column(
            "reply_within_hours", label=_("Reply within (hours)"), sort_key="reply_within_hours"
        ),
        # Built once at start-up: the label must stay lazy to follow each user's language.
        LiveStatusTagColumn(label=_("Status")),
    ]
    list_filter = ["kind", "live"]
    # A plain substring match: the full-text backends split Chinese text poorly,
    # and there are only a few dozen channels.
    search_backend_name = None
    search_fields = ["name", "contact_detail", "service_hours", "description"]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldPanel("contact_detail"),
                FieldPanel("link"),
                FieldPanel("page"),
                FieldPanel("service_hours"),
            ],
            heading=_("How customers reach us"),
        ),
        FieldPanel("description"),
        FieldPanel("reply_within_hours"),
        InlinePanel(
            "texts",
            heading=_("In other languages"),
            label=_("Language"),
            help_text=_(
                "Name, hours and description for the Simplified Chinese and English pages; "
                "what is left empty is shown as above."
            ),
        ),
    ]
