"""The outbox in the admin: every message stored, read-only, for proof."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .exports import SafeExportMixin
from .models import OutboundMessage
from .roles import CUSTOMER_SERVICE, MANAGEMENT, SUPERVISION

SEES_ALL_MESSAGES = {CUSTOMER_SERVICE, SUPERVISION, MANAGEMENT}


def private_messages():
    """Messages to staff about records that must not name their recipient to others
    (`ProcessRecord.private_recipient_records`, e.g. an anonymous employee's suggestion)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from .transitions import process_models

    condition = Q(pk__in=[])
    for model in process_models():
        records = model.private_recipient_records()
        if records is None:
            continue
        ids = records.order_by().annotate(_id=Cast("pk", CharField())).values("_id")
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_id__in=ids)
    return Q(recipient_user__isnull=False) & condition


def visible_messages(user):
    queryset = OutboundMessage.objects.select_related("recipient_user", "content_type")
    if user.is_superuser:
        return queryset
    if user.groups.filter(name__in=SEES_ALL_MESSAGES).exists():
        return queryset.exclude(private_messages() & ~Q(recipient_user=user))
    return queryset.filter(recipient_user=user)


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Messages are proof: nobody adds, edits or deletes them, administrators included."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class OutboxIndexView(SafeExportMixin, generic.IndexView):
    """The listing (and its export) shows each user only the messages visible to them; the
    export neutralises formulas (a recipient or body typed by a visitor may start with =)."""

    def get_base_queryset(self):
        return visible_messages(self.request.user)


class OutboxInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_messages(self.request.user), pk=self.pk)


class OutboxViewSet(ModelViewSet):
    model = OutboundMessage
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "created_at",
        "channel",
        "recipient_name",
        "recipient_address",
        "subject",
        "status",
    ]
    list_filter = ["channel", "status", "template"]
    list_export = [
        "created_at",
        "channel",
        "recipient_name",
        "recipient_address",
        "template",
        "subject",
        "body",
        "status",
        "sent_at",
    ]
    search_fields = ["subject", "recipient_name", "recipient_address", "body"]
    form_fields = []
    # ModelViewSet has no get_queryset(request) hook (SnippetViewSet does): the views filter.
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView


@login_required
@require_POST
def mark_read(request, pk):
    message = get_object_or_404(OutboundMessage, pk=pk)
    if message.recipient_user_id != request.user.pk:
        raise Http404
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return redirect("wagtailadmin_home")
