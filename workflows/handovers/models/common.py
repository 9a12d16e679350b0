import uuid

from django.utils import timezone


def private_path(folder):
    """Uploads are stored under an unguessable name; the admin serves them to staff only."""

    def path(instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"handovers/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"

    path.__name__ = f"{folder}_path"
    return path


def photo_path(instance, filename):
    return private_path("photos")(instance, filename)


def signature_path(instance, filename):
    return private_path("signatures")(instance, filename)


def scan_path(instance, filename):
    return private_path("scans")(instance, filename)
