"""Reads of the organisation records."""

from django.db.models import Count, Q

from accounts.models import Organisation


def organisations_list(*, query=""):
    """The records by name, each with how many people name it, filtered by name or identifier."""
    records = Organisation.objects.annotate(people_count=Count("people")).order_by("name", "pk")
    if query:
        records = records.filter(
            Q(name__icontains=query) | Q(name_en__icontains=query) | Q(identifier__icontains=query)
        )
    return records
