"""Tests of the auth types offered, from keystoneauth's loaders, and the payload."""


from mr_dashboard.api.other_cloud import plugins


def test_offers_the_unattended_auth_types_keystoneauth_has():
    offered = plugins.auth_types()
    assert offered[0] == plugins.DEFAULT_AUTH_TYPE == "v3applicationcredential"
    assert {"password", "v3password", "v3oidcclientcredentials", "token"} <= set(offered)
    assert not {"v3websso", "v3oidcauthcode", "v3totp", "none"} & set(offered)


def test_payload_is_what_heat_reads():
    assert plugins.payload_of("v3password", {"auth_url": "u"}) == {
        "auth_type": "v3password", "auth": {"auth_url": "u"}}


def test_secret_values_are_the_secret_options_or_all_of_an_unknown_type():
    known = {"auth_type": "v3applicationcredential", "auth": {
        "auth_url": "https://k/v3", "application_credential_id": "abc",
        "application_credential_secret": "s3cr3t-value"}}
    assert plugins.secret_values(known) == ("s3cr3t-value",)
    unknown = {"auth_type": "made-up", "auth": {"a": "one", "b": 2}}
    assert plugins.secret_values(unknown) == ("one", "2")
    assert plugins.secret_values({"auth_type": "password", "auth": "x"}) == ()
