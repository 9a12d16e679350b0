"""Preview then confirm of one workbook in a process of its own, as a worker runs an import.

    python -m tests.bench.import_worker SPEC FILE

Run by the import benchmark with the test database's DATABASE_URL, so that the peak memory
it prints is the import's plus Django's, not the test runner's (whose creation
of the test database alone peaks near 300 MB). Prints one JSON line.
"""

import json
import resource
import sys
import time


def peak_mb():
    """This process's peak resident memory, in MB.

    Linux's VmHWM, which starts afresh with the program: `ru_maxrss` would carry the
    peak of the test runner this process was forked from."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main(spec_name, path):
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from workflows.core.imports.checked import fingerprint
    from workflows.core.imports.spec import apply_checked, check_file, spec_named
    from workflows.core.models import PendingImport

    spec = spec_named(spec_name)
    with open(path, "rb") as handle:
        data = handle.read()
    ready = peak_mb()
    started = time.perf_counter()
    # As in the admin: the preview checks the file and stores the checked rows; confirming
    # applies them without reading the file again.
    preview, checked = check_file(spec, path, data, user=None)
    if not preview.ok:
        print(json.dumps({"problems": [str(p.message) for p in preview.problems[:5]]}))
        return 1
    preview_seconds = time.perf_counter() - started
    preview_peak = peak_mb()
    pending = PendingImport.objects.create(
        user=get_user_model().objects.create(username=f"bench-importer-{time.time_ns()}"),
        spec=spec.name,
        filename=path.rsplit("/", 1)[-1],
        content=data,
        checked=checked,
        checked_hash=fingerprint(data),
    )
    del preview, checked
    saved = apply_checked(spec, pending, user=None)
    total_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "saved": saved.saved,
                "new": saved.new,
                "preview_seconds": preview_seconds,
                "total_seconds": total_seconds,
                "ready_mb": ready,
                "preview_peak_mb": preview_peak,
                "peak_mb": peak_mb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
