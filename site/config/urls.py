from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forms.rating import rate
from forms.survey import survey
from forms.tracking import track
from home.search import search
from home.seo import robots_txt, sitemap
from home.views import switch_language
from workflows.core.redirect_import import guarded_process_import

urlpatterns = [
    # In front of Wagtail's own view of the same URL (see the module's docstring).
    path("admin/redirects/import/process/", guarded_process_import),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", switch_language, name="set_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry their language in the URL (/zh-hans/..., /en/...; the
# default language has no prefix), so that each language version of a page
# can be cached on its own.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("track/<str:token>/", track, name="track"),
    path("track/<str:token>/rate/", rate, name="rate"),
    path("survey/<str:token>/", survey, name="survey"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
