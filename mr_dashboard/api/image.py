"""Glance in one region, through openstacksdk: the images one can boot."""

from mr_dashboard.api import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.sdk import Named

SERVICE_TYPE = "image"


def image_list(request: ApiRequest, region: str) -> list[Named]:
    """The active images the project sees in ``region``, every page."""
    image = sdk.region_connection(request, region).image
    return sdk.named(region, image.images(status="active",
                                          **sdk.page_size()))
