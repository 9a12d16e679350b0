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
    """True when this client has used up its submissions for the current window."""
    return (cache.get(_key(scope, request)) or 0) >= settings.INTAKE_RATE_LIMIT


def count_submission(request, scope="intake"):
    key = _key(scope, request)
    # add() starts the window only if none is running; incr() is atomic on Redis.
    cache.add(key, 0, timeout=settings.INTAKE_RATE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.INTAKE_RATE_WINDOW_SECONDS)


def honeypot_filled(data):
    return bool((data.get(HONEYPOT_FIELD) or "").strip())
