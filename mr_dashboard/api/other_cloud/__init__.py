"""Reaching a stack that lives in another cloud.

The child of an ``OS::Heat::Stack`` whose ``context`` names a
``credential_secret_id`` lives in another cloud: Heat reached it with the
credentials kept in that Barbican secret, verifying TLS as the context
says (``ca_cert``, ``insecure``). The tree walk and a stack's pages ask
:func:`cloud_request` for a request that carries the other cloud's token,
catalog and TLS setting; every function of :mod:`mr_dashboard.api.heat`
then works there unchanged; when it cannot be reached, the answer is
:class:`CloudUnavailable`, with the reason to show.

``plugins`` offers keystoneauth's own plugin loaders and builds the
secret's JSON; ``guard`` keeps every call to another cloud on
the addresses allowed (the credentials' policy on
:mod:`mr_dashboard.api.transport.outbound`); ``auth`` authenticates with a
credential exactly as Heat does; ``check`` reports what a credential
reaches; ``tls`` turns a context's ``ca_cert``/``insecure`` into
keystoneauth's ``verify`` (:class:`Access`); ``remote`` reads the secret
(on the server only) and makes the request into the other cloud;
``gateway`` names the resource a stack of another cloud was reached
through (:class:`Gateway`) and how a region of another cloud is named
(:func:`region_label`).
"""

from mr_dashboard.api.other_cloud.gateway import Gateway
from mr_dashboard.api.other_cloud.gateway import NoGateway
from mr_dashboard.api.other_cloud.gateway import region_label
from mr_dashboard.api.other_cloud.remote import CloudUnavailable
from mr_dashboard.api.other_cloud.remote import cloud_request
from mr_dashboard.api.other_cloud.remote import cloud_request_call
from mr_dashboard.api.other_cloud.tls import Access

__all__ = ["Access", "CloudUnavailable", "Gateway", "NoGateway",
           "cloud_request", "cloud_request_call", "region_label"]
