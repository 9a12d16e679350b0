from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The machinery every process shares: transitions, audit, deadlines, queue, notifications."""

    name = "workflows.core"
    label = "core"
    verbose_name = _("Service desk")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from . import auth, checks, roles  # noqa: F401  (registers the startup checks)

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        # Substring search on a gram index on PostgreSQL (search.py).
        from .search import register_lookups

        register_lookups()
        # Wagtail's link choosers' fields without a label (wagtail_labels.py).
        from .wagtail_labels import label_wagtail_forms

        label_wagtail_forms()
        # One refusal policy (refusal.py): Wagtail's views refuse with the same 403 page.
        from wagtail.admin import auth as wagtail_auth

        from .refusal import refuse_in_admin

        wagtail_auth.permission_denied = refuse_in_admin
        # One visibility policy (scope.py) for Wagtail's choosers, bulk pages and site history.
        from wagtail.models.audit_log import ModelLogEntryManager
        from wagtail.snippets.views.snippets import SnippetViewSet

        from .scope import ScopedSnippetChooserViewSet, viewable_log_entries

        SnippetViewSet.chooser_viewset_class = ScopedSnippetChooserViewSet
        ModelLogEntryManager.viewable_by_user = viewable_log_entries(
            ModelLogEntryManager.viewable_by_user
        )
        from wagtail.admin.views.workflows import BaseTaskChooserView

        from .scope import workflow_editors_only

        BaseTaskChooserView.dispatch = workflow_editors_only(BaseTaskChooserView.dispatch)
        # Inspect pages show a user field by full name, not Django's username; Wagtail's
        # edit forms offer people by full name.
        from django.conf import settings
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class

        from .columns import PersonDisplay, ValueDisplay, YesNoDisplay
        from .forms import PersonChoiceField

        register_display_class(
            models.ForeignKey, to=settings.AUTH_USER_MODEL, display_class=PersonDisplay
        )
        register_display_class(models.BooleanField, display_class=YesNoDisplay)
        # A link to any record (people keep PersonDisplay: the most specific model wins).
        register_display_class(models.ForeignKey, to=models.Model, display_class=ValueDisplay)
        # Images and documents: at the first request, once Wagtail's apps registered theirs.
        from django.core.signals import request_started

        from .columns import empty_images_and_documents_as_a_dash

        request_started.connect(empty_images_and_documents_as_a_dash)
        for field_class in (
            models.DateField,
            models.DecimalField,
            models.IntegerField,
            models.CharField,
        ):
            register_display_class(field_class, display_class=ValueDisplay)
        register_form_field_override(
            models.ForeignKey,
            to=settings.AUTH_USER_MODEL,
            override={"form_class": PersonChoiceField},
        )
        # Every app's commands are declared in its services; the transition view, the
        # startup checks and the tests find them in the command registry.
        autodiscover_modules("services")
        # Standard sentences to customers are stored as codes (customer_messages.py); each
        # app declares its own, and the tracking page renders them in the reader's language.
        autodiscover_modules("customer_messages")
