"""Who records a city's adoption of a technology."""


def can_record_adoption(user):
    """Funding officers record a stage by hand (the `record_adoption` permission)."""
    return bool(user.is_authenticated and user.has_perm("projects.record_adoption"))
