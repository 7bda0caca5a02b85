"""Credentials of other clouds, as Heat's ``OS::Heat::Stack`` reads them
from a Barbican secret (``credential_secret_id``), for the Credentials
panel and the launch form.

``store`` lists, stores and checks the credential secrets; ``usage`` finds
the stacks whose templates use a secret. The forms' fields are the panels':
:mod:`mr_dashboard.panels.shared.credential_picking` (secrets and TLS
options in the launch form), :mod:`mr_dashboard.panels.shared.tls_fields`
(the CA and ``insecure`` fields). Talking
to the other cloud (keystoneauth plugins, the address guard, authenticating
as Heat does, the check, a request into that cloud) is the API layer's:
:mod:`mr_dashboard.api.other_cloud`.
"""
