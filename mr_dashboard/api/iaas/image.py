"""Glance in one region, through openstacksdk: the images one can boot,
all of them or those a value names."""

from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.iaas.sdk import Named

SERVICE_TYPE = "image"


def image_list(request: ApiRequest, region: str) -> list[Named]:
    """The active images the project sees in ``region``, every page."""
    image = sdk.region_connection(request, region).image
    return sdk.named(region, image.images(status="active",
                                          **sdk.page_size()))


def image_find(request: ApiRequest, region: str, value: str) -> list[Named]:
    """The active images ``value`` names in ``region`` (by id, else by
    name: one filtered call, not every page)."""
    image = sdk.region_connection(request, region).image
    return sdk.find_named(
        region, image.get_image,
        lambda **query: image.images(status="active", **query), value,
        lambda item: item.status == "active")
