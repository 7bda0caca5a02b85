"""How the dashboard's server talks to clouds: keystoneauth sessions on the
user's token (session), the one guard of every URL a user chose (outbound,
addresses, watchdog) and templates fetched from URLs (fetch)."""
