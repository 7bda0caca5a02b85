"""An OS::Heat::Stack resource as the template tests write one."""


def stack(context=None, **properties) -> dict:
    """An OS::Heat::Stack with ``properties`` (and ``context``, if given)."""
    if context is not None:
        properties["context"] = context
    return {"type": "OS::Heat::Stack", "properties": properties}
