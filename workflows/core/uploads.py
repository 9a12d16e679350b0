"""Checking uploaded files by what they contain, not what they are called.

Used for scanned contracts, complaint evidence and any other upload: the
type is read from the file's first bytes, images are opened to check their
pixel size before anything decodes them, and limits are settings.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: kind → (accepted file name extensions, label)
KINDS = {
    "pdf": ({"pdf"}, "PDF"),
    "jpeg": ({"jpg", "jpeg"}, "JPEG"),
    "png": ({"png"}, "PNG"),
    "webp": ({"webp"}, "WebP"),
}
IMAGE_KINDS = {"jpeg", "png", "webp"}


def sniff(head):
    """The kind of file these first bytes begin, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def validate_upload(upload, *, kinds=("pdf", "jpeg", "png"), max_bytes=None, max_pixels=None):
    """Refuse `upload` unless it is one of `kinds`, within the limits; return its kind.

    Messages name the file and the rule it breaks, for the visitor to fix it.
    """
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    max_pixels = max_pixels or settings.UPLOAD_MAX_PIXELS
    name = getattr(upload, "name", "") or ""
    allowed = ", ".join(KINDS[k][1] for k in kinds)
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(max)s.")
            % {"name": name, "size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in kinds or extension not in KINDS[kind][0]:
        raise ValidationError(
            _("“%(name)s” is not an accepted file. Accepted: %(allowed)s.")
            % {"name": name, "allowed": allowed},
            code="wrong_type",
        )
    if kind in IMAGE_KINDS:
        _check_image(upload, name, max_pixels)
    upload.seek(0)
    return kind


def _check_image(upload, name, max_pixels):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:  # reads the header only
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "“%(name)s” is %(width)s × %(height)s pixels; images may have at most "
                        "%(max)s million pixels."
                    )
                    % {
                        "name": name,
                        "width": width,
                        "height": height,
                        "max": max_pixels // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("“%(name)s” could not be read as an image.") % {"name": name}, code="broken_image"
        ) from None
