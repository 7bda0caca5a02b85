"""A resource of a stack's tree, opened from that stack's page.

:class:`OpenResourceView` sends the browser to Horizon's page of the
resource in the resource's region (through Horizon's region switch) and
leaves a message there linking back to the stack. :class:`VpnDetailView`
shows a VPN object read from its region's Neutron, in place (a modal) or
as a page, when the VPN dashboard is not installed.
"""

from django import http
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic
from keystoneauth1 import exceptions as ksa_exc
from openstack import exceptions as sdk_exc

from horizon import exceptions
from horizon import messages
from horizon import views

from mr_dashboard.api.iaas import network
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.panels.shared import stack_urls
from mr_dashboard.panels.stacks.detail import links

# What people read for each field of a VPN object (api.network).
FIELD_LABELS = {
    "router_id": _("Router"), "subnet_id": _("Subnet"),
    "external_v4_ip": _("External IPv4 address"),
    "external_v6_ip": _("External IPv6 address"),
    "is_admin_state_up": _("Admin state up"),
    "auth_algorithm": _("Authorization algorithm"),
    "encryption_algorithm": _("Encryption algorithm"),
    "ike_version": _("IKE version"), "pfs": _("Perfect forward secrecy"),
    "phase1_negotiation_mode": _("Phase 1 negotiation mode"),
    "lifetime": _("Lifetime"), "transform_protocol": _("Transform protocol"),
    "encapsulation_mode": _("Encapsulation mode"),
    "peer_address": _("Peer address"), "peer_id": _("Peer ID"),
    "peer_cidrs": _("Peer CIDRs"), "local_id": _("Local ID"),
    "vpnservice_id": _("VPN service"), "ikepolicy_id": _("IKE policy"),
    "ipsecpolicy_id": _("IPsec policy"), "route_mode": _("Route mode"),
    "mtu": _("MTU"), "initiator": _("Initiator"),
    "auth_mode": _("Authentication mode"), "dpd": _("Dead peer detection"),
}


def _resource(request, resource_region: str) -> tuple[str, str]:
    """The ``type`` and ``id`` asked for; 404 for an unknown region."""
    if resource_region not in heat_region_names(request):
        raise http.Http404(gettext("Unknown region."))
    return request.GET.get("type", ""), request.GET.get("id", "")


class OpenResourceView(generic.View):
    """To Horizon's page of a resource, with a way back to the stack."""

    http_method_names = ["get"]

    def get(self, request, region: str, stack_id: str,
            resource_region: str) -> http.HttpResponse:
        resource_type, physical_id = _resource(request, resource_region)
        page = links.horizon_page(resource_type, physical_id)
        if page is None:
            raise http.Http404(gettext("Horizon has no page for %(type)s.")
                               % {"type": resource_type})
        # A warning: Horizon lets info messages fade, and the way back
        # must stay; Horizon's region is switched for every panel too.
        messages.warning(request, format_html(
            '{} <a href="{}" class="mr-back-to-stack">{}</a>',
            gettext("Opened from a stack of %(stack_region)s; Horizon now "
                    "shows %(region)s.") % {"stack_region": region,
                                            "region": resource_region},
            stack_urls.stack_page(region, stack_id),
            gettext("Back to the stack")))
        return http.HttpResponseRedirect(
            links.switched(request, resource_region, page))


class VpnDetailView(views.HorizonTemplateView):
    """A VPN object's details, read from its own region's Neutron."""

    page_title = _("VPN details")
    template_name = "project/mr_stacks/detail/vpn.html"
    ajax_template_name = "project/mr_stacks/detail/_vpn.html"

    @property
    def ajax(self) -> bool:
        return self.request.headers.get("x-requested-with") == (
            "XMLHttpRequest")

    def get_template_names(self) -> list[str]:
        return [self.ajax_template_name if self.ajax else self.template_name]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, stack_id = self.kwargs["region"], self.kwargs["stack_id"]
        back = stack_urls.stack_page(region, stack_id)
        resource_type, object_id = _resource(self.request,
                                             self.kwargs["resource_region"])
        if resource_type not in network.VPN_OBJECTS:
            raise http.Http404(gettext("Not a VPN object."))
        try:
            found = network.vpn_object_get(
                self.request, self.kwargs["resource_region"], resource_type,
                object_id)
        except (sdk_exc.SDKException, ksa_exc.ClientException) as exc:
            # Not exceptions.handle: Horizon registers every openstacksdk
            # HTTP error, a 404 included, as "unauthorized" (a 403 here).
            error = RegionError.from_exception(
                exc, (self.request.user.token.id,))
            messages.error(self.request, gettext(
                "Unable to read %(type)s %(id)s in %(region)s: %(error)s") % {
                "type": resource_type, "id": object_id,
                "region": self.kwargs["resource_region"],
                "error": error.message})
            raise exceptions.Http302(back) from None
        context.update(vpn=found, back_url=back, hide=self.ajax, fields=[
            (FIELD_LABELS.get(name, name), value)
            for name, value in found.fields])
        return context
