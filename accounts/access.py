"""What a page asks of the signed-in person again and again — roles, permissions, the
programmes they manage, the unread notifications — read in one query (`User.load_access`)."""

from django.contrib.auth.models import Group, Permission
from django.db import connections, models, router
from django.db.models import Count, F, Subquery, Value
from django.db.models.functions import Cast

# The query's place for the person's id: its SQL is compiled once per database (compiling the
# union of four annotated querysets cost several times what the database took to answer it),
# then each person's id takes this one's place among the parameters. No person has this id.
_SOMEONE = -1_000_000_007
_compiled = {}


def access_rows(user):
    """What `User.load_access` reads, in one query: [(source, name, app label, codename)]
    (see `_query`)."""
    model = type(user)
    alias = router.db_for_read(model)
    if alias not in _compiled:
        _compiled[alias] = _query(model, _SOMEONE).query.get_compiler(alias).as_sql()
    sql, params = _compiled[alias]
    params = [user.pk if param == _SOMEONE else param for param in params]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _query(model, pk):
    """The rows of the person `pk`: (source, name, app label, codename) rows,
    ("group", its name, …) for each group of the person with each of its permissions, ("own", "",
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
        Group.objects.filter(user=pk),
        "group",
        "name",
        "permissions__content_type__app_label",
        "permissions__codename",
    )
    own = columns(
        Permission.objects.filter(user=pk),
        "own",
        Value("", output_field=text),
        "content_type__app_label",
        "codename",
    )
    managed = columns(
        model._default_manager.filter(pk=pk, managed_programmes__isnull=False),
        "programme",
        "managed_programmes__pk",
        None,
        None,
    )
    unread = columns(
        model._default_manager.filter(pk=pk),
        "unread",
        Subquery(
            model.notifications.rel.related_model.objects.filter(recipient=pk, read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        ),
        None,
        None,
    )
    return groups.order_by().union(own.order_by(), managed.order_by(), unread.order_by(), all=True)
