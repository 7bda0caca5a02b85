"""Credentials of other clouds, as Heat's ``OS::Heat::Stack`` reads them
from a Barbican secret (``credential_secret_id``), for the Credentials
panel and the launch form.

``store`` lists, stores and checks the credential secrets; ``usage`` finds
the stacks whose templates use a secret; ``picking`` offers secrets and TLS
options in the launch form; ``tls`` the CA and ``insecure`` fields. Talking
to the other cloud (keystoneauth plugins, the address guard, authenticating
as Heat does, the check, a request into that cloud) is the API layer's:
:mod:`mr_dashboard.api.other_cloud`.
"""
