"""What a page asks of the signed-in person again and again — roles, permissions, the
programmes they manage, the unread notifications — read in one query (`User.load_access`)."""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models import Count, F, Subquery, Value
from django.db.models.functions import Cast


def access_rows(user):
    """What `User.load_access` reads, in one query: (source, name, app label, codename) rows,
    ("group", its name, …) for each group of `user` with each of its permissions, ("own", "",
    …) for each permission given to the person, ("programme", its pk, "", "") for each
    programme managed, ("unread", the number of unread notifications or None, "", ""). Every
    column is an annotation, so that the parts line up."""
    text = models.CharField()

    def columns(queryset, source, name, app_label, codename):
        return queryset.annotate(
            access_source=Value(source, output_field=text),
            access_name=name if isinstance(name, Value) else Cast(name, text),
            access_app=F(app_label) if app_label else Value("", output_field=text),
            access_code=F(codename) if codename else Value("", output_field=text),
        ).values_list("access_source", "access_name", "access_app", "access_code")

    groups = columns(
        Group.objects.filter(user=user),
        "group",
        "name",
        "permissions__content_type__app_label",
        "permissions__codename",
    )
    own = columns(
        Permission.objects.filter(user=user),
        "own",
        Value("", output_field=text),
        "content_type__app_label",
        "codename",
    )
    managed = columns(
        type(user)._default_manager.filter(pk=user.pk, managed_programmes__isnull=False),
        "programme",
        "managed_programmes__pk",
        None,
        None,
    )
    unread = columns(
        type(user)._default_manager.filter(pk=user.pk),
        "unread",
        Subquery(
            user.notifications.filter(read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        ),
        None,
        None,
    )
    return groups.order_by().union(own.order_by(), managed.order_by(), unread.order_by(), all=True)
