"""Contract templates in the admin: Legal keeps the company's standard contract (P2.3)."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from workflows.core.columns import yes_no
from workflows.core.exports import SafeExportIndexView

from ..forms import ContractTemplateForm
from ..models import ContractTemplate
from ..placeholders import PLACEHOLDERS
from .common import RefusingViewSetMixin


def placeholder_help():
    return format_html(
        "<p>{}</p><dl>{}</dl>",
        _(
            "Clause text may use these placeholders; they are filled in from each contract. "
            "Any other name in braces is refused."
        ),
        format_html_join("", "<dt><code>{{{}}}</code></dt><dd>{}</dd>", PLACEHOLDERS.items()),
    )


class PlaceholderHelpPanel(HelpPanel):
    """The placeholders a clause may use, listed where Legal writes the clauses."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = placeholder_help()


class ContractTemplateViewSet(RefusingViewSetMixin, SnippetViewSet):
    model = ContractTemplate
    icon = "doc-full"
    menu_label = _("Contract templates")
    menu_order = 40
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "language", "title", yes_no(ContractTemplate, "active")]
    list_filter = ["language", "active"]
    list_export = ["name", "language", "title", "active"]
    export_filename = "contract-templates"
    search_fields = ["name", "title"]
    # Substring search in the database (as the process listings): the models have no search
    # index, and Chinese text is not split into words.
    search_backend_name = None
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("language")]),
            FieldRowPanel([FieldPanel("title"), FieldPanel("active")]),
            PlaceholderHelpPanel(heading=_("Placeholders")),
            InlinePanel(
                "clauses",
                heading=_("Clauses"),
                label=_("Clause"),
                min_num=1,
                panels=[FieldPanel("kind"), FieldPanel("title"), FieldPanel("text")],
            ),
        ],
        base_form_class=ContractTemplateForm,
    )
