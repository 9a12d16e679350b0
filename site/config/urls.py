from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forms.rating import rate
from forms.survey import survey
from forms.tracking import track

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Switching language only sets a cookie; without a CSRF token the public pages
    # carry no per-visitor cookie and caches can share them.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry their language in the URL (/zh-hans/..., /en/...; the
# default language has no prefix), so that each language version of a page
# can be cached on its own.
urlpatterns += i18n_patterns(
    path("track/<str:token>/", track, name="track"),
    path("track/<str:token>/rate/", rate, name="rate"),
    path("survey/<str:token>/", survey, name="survey"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
