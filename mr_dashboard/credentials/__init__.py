"""Credentials of other clouds, as Heat's ``OS::Heat::Stack`` reads them
from a Barbican secret (``credential_secret_id``).

``plugins`` turns keystoneauth's own plugin loaders into form fields and
builds the secret's JSON; ``guard`` keeps every call to another cloud on
the addresses allowed; ``auth`` authenticates with a credential exactly as
Heat does; ``check`` reports what a credential reaches; ``remote`` gives
the stack tree a request into the other cloud; ``usage`` finds the stacks
whose templates use a secret; ``picking`` offers secrets and TLS options
in the launch form.
"""
