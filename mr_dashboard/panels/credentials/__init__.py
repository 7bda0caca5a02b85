"""The Credentials panel: Barbican secrets holding other clouds'
credentials for Heat's OS::Heat::Stack."""
