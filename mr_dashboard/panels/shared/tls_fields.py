"""TLS options for reaching another cloud: a CA certificate (pasted, or
read from a file by the browser) or no verification at all.

The create form uses them for the check; the launch form offers them for
each child stack in another cloud, where Heat reads them from the
``OS::Heat::Stack`` context (``ca_cert``, ``insecure``).
"""

import contextlib
from collections.abc import Iterator

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mr_dashboard.api.other_cloud import tls as other_cloud_tls

INSECURE_WARNING = gettext_lazy(
    "Anyone between the dashboard (or Heat) and the other cloud could read "
    "and change what is sent, passwords included. Use it only to test.")


class PemWidget(forms.Textarea):
    """A textarea for a PEM certificate, with a file chooser the browser
    reads into it (``mr_dashboard.credentials.js``): nothing is uploaded,
    so the form needs no multipart encoding."""

    def __init__(self) -> None:
        super().__init__(attrs={"rows": 3})

    def render(self, name, value, attrs=None, renderer=None):
        area = super().render(name, value, attrs, renderer)
        target = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '{}<input type="file" accept=".pem,.crt,.cer" '
            'data-mr-pem-into="{}" aria-label="{}">', area, target,
            _("Read the certificate from a file"))


def tls_fields(prefix: str = "") -> dict[str, forms.Field]:
    """``ca_cert`` and ``insecure`` fields, their names prefixed."""
    return {
        prefix + "ca_cert": forms.CharField(
            label=gettext_lazy("CA certificate (PEM)"), required=False,
            widget=PemWidget(),
            help_text=gettext_lazy("The CA that signed the other cloud's "
                                   "certificate, if it is not a public "
                                   "one: paste it or choose its file.")),
        prefix + "insecure": forms.BooleanField(
            label=gettext_lazy("Do not verify the certificate (insecure: "
                               "for tests only)"),
            required=False, help_text=INSECURE_WARNING),
    }


def ca_cert_of(cleaned: dict, prefix: str = "") -> str | None:
    """The CA certificate entered, checked to be PEM; raises a
    ValidationError (for the form) when it is not."""
    text = (cleaned.get(prefix + "ca_cert") or "").strip()
    if not text:
        return None
    try:
        other_cloud_tls.check_pem(text)
    except other_cloud_tls.InvalidCa:
        raise ValidationError(_("This is not a CA certificate in PEM "
                                "format.")) from None
    return text + "\n"


@contextlib.contextmanager
def verify_for(ca_cert: str | None,
               insecure: bool) -> Iterator[other_cloud_tls.Verify]:
    """The ``verify`` of a check, by the one rule of
    :func:`mr_dashboard.api.other_cloud.tls.verify` (a CA becomes a context
    trusting it alone, built from its text: no file is written)."""
    yield other_cloud_tls.verify(ca_cert, insecure)
