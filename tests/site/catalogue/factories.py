"""Factories for the public equipment catalogue."""

import factory
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from catalogue.models import CataloguePage
from tests.site.factories import PageFactory


class CataloguePageFactory(PageFactory):
    class Meta:
        model = CataloguePage

    title = "設備型錄"
    slug = "catalogue"
    intro = "<p>工程機械、發電機、高空作業車，日租、週租、月租皆可。</p>"
    quote_intro = "填寫數量、期間與地點，客服會回覆報價。"
    thank_you_text = "<p>感謝您的詢價！</p>"


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"設備照片 {n}")
    file = factory.LazyFunction(lambda: get_test_image_file(size=(640, 480)))
