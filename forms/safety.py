"""What keeps the public forms safe: client address, rate limit, honeypot.

The rate limit counts in the cache, which production shares between every
process through Redis (REDIS_URL); with the local-memory default it holds per
process only, which is enough for one development server.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

HONEYPOT_FIELD = "website"


def client_ip(request):
    if settings.CLIENT_IP_HEADER:
        forwarded = request.META.get(settings.CLIENT_IP_HEADER, "")
        if forwarded:
            # The proxy appends the address it saw last; that one it vouches for.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, request):
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"intake-rate:{scope}:{digest}"


def rate_limited(request, scope="intake"):
    """Take one of this client's submissions for the window; True when none is left.

    Counting first and comparing after (an atomic increment on Redis) means
    that several requests arriving at once cannot all slip under the limit.
    """
    count = _increment(_key(scope, request))
    request._intake_counted = True
    return count > settings.INTAKE_RATE_LIMIT


def count_submission(request, scope="intake"):
    """Count a submission that did not go through `rate_limited` (e.g. a bot's)."""
    if not getattr(request, "_intake_counted", False):
        _increment(_key(scope, request))
        request._intake_counted = True


def _increment(key):
    # add() starts the window only if none is running; incr() is atomic on Redis.
    cache.add(key, 0, timeout=settings.INTAKE_RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.INTAKE_RATE_WINDOW_SECONDS)
        return 1


def honeypot_filled(data):
    return bool((data.get(HONEYPOT_FIELD) or "").strip())
