"""Admin views: upload, preview, confirm, template download."""

import io
import uuid

from django import forms as dj_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from workflows.core.admin_pages import FormMediaMixin

from ..refusal import RefusalMixin
from ..tasks import apply_import, check_import
from .background import BACKGROUND_BYTES, report_data
from .checked import fingerprint
from .spec import apply_checked, check_file

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PREVIEW_PAGE = 200  # problems and changes per page of a preview


class UploadForm(dj_forms.Form):
    file = dj_forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "An Excel workbook (.xlsx) or a CSV file (.csv), at most 20 MB and 100,000 rows."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise dj_forms.ValidationError(_("The file is larger than 20 MB; split it."))
        return upload


class ImportPermissionMixin(RefusalMixin):
    spec = None
    index_url_name = None
    # Where the import page's forms post: the status page of a large file answers only GET.
    import_url_name = None

    def has_refusal_permission(self):
        return self.request.user.has_perm(self.spec.permission)


class ImportView(ImportPermissionMixin, FormMediaMixin, WagtailAdminTemplateMixin, FormView):
    """Upload shows a preview (dry run); confirming imports the stored file, all or nothing."""

    template_name = "core/import.html"
    form_class = UploadForm
    header_icon = "upload"
    template_url_name = None
    status_url_name = None

    def get_page_title(self):
        return _("Import %(what)s") % {"what": self.spec.label}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": str(self.spec.label).capitalize()},
            {"url": "", "label": _("Import")},
        ]

    def post(self, request, *args, **kwargs):
        if "remap" in request.POST:
            return self.remap(request.POST["remap"])
        if "pending" in request.POST:
            return self.confirm(
                request.POST["pending"], apply_updates=request.POST.get("apply_updates") == "yes"
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        from ..models import PendingImport

        upload = form.cleaned_data["file"]
        data = upload.read()
        if len(data) > BACKGROUND_BYTES:  # checked by the background task; the page follows
            pending = PendingImport.objects.create(
                user=self.request.user,
                spec=self.spec.name,
                filename=upload.name,
                content=data,
                status="checking",
            )
            transaction.on_commit(lambda: check_import.enqueue(str(pending.pk)))
            return redirect(self.status_url_name, pk=pending.pk)
        report, checked = check_file(self.spec, upload.name, data, user=self.request.user)
        pending = None
        if report.ok or report.unknown_columns:
            # The checked rows are kept: confirming applies exactly them. A file with
            # unknown columns is kept too, to be checked again once they are mapped.
            pending = PendingImport.objects.create(
                user=self.request.user,
                spec=self.spec.name,
                filename=upload.name,
                content=data,
                checked=checked,
                checked_hash=fingerprint(data),
                report=report_data(report),
                status="ready" if report.ok else "refused",
            )
        return self.render_preview(form, report, pending, upload.name)

    def render_preview(self, form, report, pending, filename):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                pending=pending if pending is not None and report.ok else None,
                remap_pending=pending,
                filename=filename,
            )
        )

    def remap(self, pending_id):
        """The preview again, with the unknown columns mapped as the user chose (remembered)."""
        from ..models import PendingImport
        from .spec import remember_mapping, remembered_mapping

        try:
            pending_id = uuid.UUID(str(pending_id))
        except ValueError:
            raise Http404 from None
        pending = get_object_or_404(
            PendingImport, pk=pending_id, user=self.request.user, spec=self.spec.name
        )
        shape = (pending.report or {}).get("shape", "")
        fields = {c.field for c in (*self.spec.columns, *self.spec.extra_columns)}
        chosen = remembered_mapping(self.spec, shape) if shape else {}
        for name, value in self.request.POST.items():
            if name.startswith("map-") and (value == "" or value in fields):
                chosen[name.removeprefix("map-")] = value
        if shape:
            remember_mapping(self.spec, shape, chosen)
        data = bytes(pending.content)
        if len(data) > BACKGROUND_BYTES:  # checked again by the background task
            PendingImport.objects.filter(pk=pending.pk).update(status="checking", progress=0)
            transaction.on_commit(lambda: check_import.enqueue(str(pending.pk)))
            return redirect(self.status_url_name, pk=pending.pk)
        report, checked = check_file(
            self.spec, pending.filename, data, user=self.request.user, chosen=chosen
        )
        pending.checked = checked
        pending.checked_hash = fingerprint(data)
        pending.report = report_data(report)
        pending.status = "ready" if report.ok else "refused"
        pending.save()
        return self.render_preview(self.get_form_class()(), report, pending, pending.filename)

    def confirm(self, pending_id, *, apply_updates=False):
        from ..models import PendingImport

        try:
            pending_id = uuid.UUID(str(pending_id))
        except ValueError:
            # A tampered or malformed form: no such upload, not a server error.
            raise Http404 from None
        pending = get_object_or_404(
            PendingImport, pk=pending_id, user=self.request.user, spec=self.spec.name
        )
        if len(pending.content) > BACKGROUND_BYTES:  # a large file: saved by the background task
            if pending.status != "ready":
                return redirect(self.status_url_name, pk=pending.pk)
            PendingImport.objects.filter(pk=pending.pk, status="ready").update(
                status="saving", progress=0
            )
            transaction.on_commit(
                lambda: apply_import.enqueue(str(pending.pk), apply_updates=apply_updates)
            )
            return redirect(self.status_url_name, pk=pending.pk)
        report = apply_checked(
            self.spec, pending, user=self.request.user, apply_updates=apply_updates
        )
        if report.updates_refused:  # existing records would change: the user must agree
            return self.render_to_response(
                self.get_context_data(
                    form=self.get_form_class()(),
                    report={**pending.report, "updates_refused": True},
                    pending=pending,
                    filename=pending.filename,
                )
            )
        if not report.ok:  # the file or the records changed since the preview
            return self.render_to_response(
                self.get_context_data(
                    form=self.get_form_class()(), report=report, filename=pending.filename
                )
            )
        pending.delete()
        messages.success(
            self.request,
            _("Imported %(file)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "file": pending.filename,
                "new": report.new,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = context.get("report")
        if report is not None and not isinstance(report, dict):
            context["problem_count"] = len(report.problems)
        context.update(
            spec=self.spec,
            columns=self.spec.columns,
            template_url=reverse(self.template_url_name),
            import_url=reverse(self.import_url_name) if self.import_url_name else "",
        )
        return context


class ImportStatusView(ImportView):
    """A large file's import: a progress bar while the task works, then the paginated preview."""

    http_method_names = ["get"]

    def get(self, request, *args, pk, **kwargs):
        from ..models import PendingImport

        pending = get_object_or_404(PendingImport, pk=pk, user=request.user, spec=self.spec.name)
        if pending.status == "done":
            summary = pending.report
            pending.delete()
            messages.success(
                request,
                _("Imported %(file)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "file": pending.filename,
                    **{k: summary[k] for k in ("new", "updated", "unchanged")},
                },
            )
            return redirect(self.index_url_name)
        context = {"form": self.get_form_class()(), "filename": pending.filename}
        if pending.status in ("checking", "saving"):
            context.update(working=pending)
        else:
            report = dict(pending.report)
            page_number = request.GET.get("page") or 1
            problems = Paginator(report["problems"], PREVIEW_PAGE).get_page(page_number)
            changes = Paginator(report["changes"], PREVIEW_PAGE).get_page(page_number)
            context["problem_count"] = len(report["problems"])
            report.update(problems=list(problems), changes=list(changes))
            context.update(
                report=report,
                pending=pending if pending.status == "ready" else None,
                remap_pending=pending,
                pages=problems if problems.paginator.num_pages > 1 else changes,
            )
        return self.render_to_response(self.get_context_data(**context))


class ImportTemplateView(ImportPermissionMixin, View):
    """An empty workbook with the expected headers and one example row."""

    def get(self, request, *args, **kwargs):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(self.spec.label)[:31]
        sheet.append([str(header) for header in self.spec.template_headers()])
        # The example row is recognised and skipped by the import; its key is refused.
        sheet.append([str(column.example) for column in self.spec.columns])
        output = io.BytesIO()
        workbook.save(output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            filename=f"{self.spec.name}-template.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class ImportableViewSetMixin:
    """Adds import URLs and an Import button to a (snippet) viewset: set `import_spec`."""

    import_spec = None

    @cached_property
    def _import_spec(self):
        return self.import_spec()

    def get_urlpatterns(self):
        common = {
            "spec": self._import_spec,
            "index_url_name": self.get_url_name("list"),
            "import_url_name": self.get_url_name("import"),
        }
        return [
            *super().get_urlpatterns(),
            path(
                "import/",
                ImportView.as_view(
                    template_url_name=self.get_url_name("import_template"),
                    status_url_name=self.get_url_name("import_status"),
                    **common,
                ),
                name="import",
            ),
            path(
                "import/<uuid:pk>/",
                ImportStatusView.as_view(
                    template_url_name=self.get_url_name("import_template"),
                    status_url_name=self.get_url_name("import_status"),
                    **common,
                ),
                name="import_status",
            ),
            path(
                "import/template/",
                ImportTemplateView.as_view(**common),
                name="import_template",
            ),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"),
            import_permission=self._import_spec.permission,
            **kwargs,
        )


class ImportButtonMixin:
    """For index views: shows the Import button to users who may import."""

    import_url_name = None
    import_permission = ""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.import_url_name and self.request.user.has_perm(self.import_permission):
            buttons.append(
                HeaderButton(
                    _("Import"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                    attrs={"data-import": "true"},
                )
            )
        return buttons
