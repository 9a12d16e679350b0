"""Private files: complaint evidence and signed contract scans.

They live in the `private` storage (settings STORAGES["private"], by default a
folder `PRIVATE_MEDIA_ROOT` outside `MEDIA_ROOT` with no URL), which no web
server serves: the only way to read one is a permission-checked view, which
answers through `private_file_response` (nosniff, a sandboxing
Content-Security-Policy and a Content-Disposition built by Django from a safe
file name). README.md, "Private files", says how to let the web server send
them (X-Accel-Redirect / X-Sendfile) without making them public, and
`manage.py move_private_files` moves files uploaded before this storage existed.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used and again after STORAGES changes
    (as Django's `default_storage` is)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """The storage of private files (a callable, for FileField's `storage=`)."""
    return _private


def private_file_response(file, *, filename, content_type=None, as_attachment=True):
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=as_attachment,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
