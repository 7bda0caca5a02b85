"""Code that runs inside the cloud venv (Keystone, Heat and Barbican installed)."""
