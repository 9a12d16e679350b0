"""Factories for the public website: pages, contact details, consultation channels."""

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Page

from contact.models import ChannelKind, ConsultationChannel, ContactSettings, ContactText
from home.models import ChannelIndexPage, HomePage, StandardPage


class ContactSettingsFactory(DjangoModelFactory):
    class Meta:
        model = ContactSettings

    company_name = "大安設備租賃股份有限公司"
    hotline = "(02) 2345-6789"
    email = "service@rental.example"
    address = "台北市大安區復興南路一段 100 號 8 樓"
    opening_hours = "週一至週五 09:00–18:00"
    complaint_hotline = "0800-123-456"
    complaint_email = "complaints@rental.example"


class ContactTextFactory(DjangoModelFactory):
    """The contact details in English (give `language` for another)."""

    class Meta:
        model = ContactText

    contact = factory.SubFactory(ContactSettingsFactory)
    language = "en"
    company_name = "Da-An Equipment Rental Co., Ltd."
    address = "8F, No. 100, Sec. 1, Fuxing S. Rd., Taipei"
    opening_hours = "Mon–Fri 09:00–18:00"


class ConsultationChannelFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationChannel

    name = factory.Sequence(lambda n: f"客服專線 {n}")
    kind = ChannelKind.PHONE
    contact_detail = factory.Sequence(lambda n: f"(02) 2345-{n:04d}")
    service_hours = "週一至週五 09:00–18:00"
    description = factory.Faker("sentence", locale="zh_TW")
    reply_within_hours = 24
    sort_order = factory.Sequence(int)
    live = True

    class Params:
        draft = factory.Trait(live=False)
        email = factory.Trait(
            kind=ChannelKind.EMAIL,
            name=factory.Sequence(lambda n: f"客服信箱 {n}"),
            contact_detail=factory.Sequence(lambda n: f"service{n}@rental.example"),
        )


class PageFactory(DjangoModelFactory):
    """Creates the page in the tree, under `parent` (the tree's root by default)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "首頁"
    hero_heading = "設備租賃，一通電話就好"
    intro = "<p>工程機械、發電機、高空作業車：租賃、交付、保養一次到位。</p>"


class ChannelIndexPageFactory(PageFactory):
    class Meta:
        model = ChannelIndexPage

    title = "聯絡我們"
    intro = "<p>以下任何一種方式都能找到我們。</p>"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = "關於我們"
    intro = "我們提供專業的設備租賃服務。"
