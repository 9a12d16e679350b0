"""Move complaint evidence and signed contract scans from public media to the private storage.

Files uploaded before the private storage existed sit under MEDIA_ROOT, which a web
server may serve to anyone. Run once after upgrading (safe to run again: files
already in the private storage are left alone).
"""

from django.core.files.storage import storages
from django.core.management.base import BaseCommand

from workflows.complaints.models import ComplaintAttachment
from workflows.leasing.models import Contract


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        public = storages["default"]
        moved = 0
        for model, field in ((ComplaintAttachment, "file"), (Contract, "signed_original")):
            private = model._meta.get_field(field).storage
            for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True):
                if private.exists(name) or not public.exists(name):
                    continue
                with public.open(name, "rb") as source:
                    private.save(name, source)
                public.delete(name)
                moved += 1
        self.stdout.write(f"Moved {moved} private file(s) out of public media.")
