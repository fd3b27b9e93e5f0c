"""What a page asks of the signed-in person again and again — roles, permissions, the
programmes they manage, the unread notifications — read in one query (`User.load_access`)
and kept in the site's cache under a version per person (`core.versioned_cache`), which every
change to them replaces:

- the person's groups or own permissions (added, removed, cleared, from either side);
- a group's permissions, a group or a permission saved or deleted: everyone's;
- the managers of a programme (from either side), a programme deleted (connected by
  indicators, which accounts does not import);
- a notification of the person saved or deleted, and the writes that send no signal
  (`accounts.notifications.services`: the bulk creation, marking read).

A role taken away thus takes effect on the person's next page, in every process. Only a
cache shared by every process keeps them (`shared_only`): with a process's own (the tests'
memory), every request reads them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import connections, models, router
from django.db.models import Count, F, Subquery, Value
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.versioned_cache import EVERYTHING, VersionedCache

# Rows of tuples, never changed by a reader: each process keeps those of the people it served
# last, and a page then reads only their versions.
ACCESS = VersionedCache("access", seconds=300, in_process=512, shared_only=True)

# The query's place for the person's id: its SQL is compiled once per database (compiling the
# union of four annotated querysets cost several times what the database took to answer it),
# then each person's id takes this one's place among the parameters. No person has this id.
_SOMEONE = -1_000_000_007
_compiled = {}


def access_rows(user):
    """What `User.load_access` reads: [(source, name, app label, codename)] (see `_query`),
    from the cache or in one query."""
    return ACCESS.get_or_compute(user.pk, ["rows"], lambda: _read(user))


def forget(*people):
    """Drop what is kept of `people` (ids), or of everyone without any."""
    for pk in people or (EVERYTHING,):
        ACCESS.forget(pk)


def _read(user):
    model = type(user)
    alias = router.db_for_read(model)
    if alias not in _compiled:
        _compiled[alias] = _query(model, _SOMEONE).query.get_compiler(alias).as_sql()
    sql, params = _compiled[alias]
    params = [user.pk if param == _SOMEONE else param for param in params]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


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


def membership_changed(sender, instance, action, model, pk_set, **kwargs):
    """A many-to-many between people and something (groups, permissions, the managers of a
    programme) changed, from either side: `pk_set` are the people when `model` is the person's
    model (none when cleared: everyone), else `instance` is the person."""
    from django.contrib.auth import get_user_model

    if not action.startswith("post_"):
        return
    if model is not get_user_model():
        forget(instance.pk)
    elif pk_set is None:
        forget()
    else:
        forget(*pk_set)


def everyone_changed(sender, **kwargs):
    """A change that reaches everyone's (a group, a permission, a programme deleted)."""
    forget()


def _notification(sender, instance, **kwargs):
    forget(instance.recipient_id)


def connect():
    """Connect the receivers of accounts' own models (AppConfig.ready); the apps above connect
    `membership_changed` and `everyone_changed` to their own relations with people
    (indicators: the managers, a programme deleted)."""
    from django.contrib.auth import get_user_model

    from accounts.notifications.models import Notification

    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through):
        m2m_changed.connect(membership_changed, sender=through, dispatch_uid=f"access-{through}")
    group_permissions = Group.permissions.through
    m2m_changed.connect(everyone_changed, sender=group_permissions, dispatch_uid="access-gp")
    for signal in (post_save, post_delete):
        for model in (Group, Permission):
            signal.connect(everyone_changed, sender=model, dispatch_uid=f"access-{model.__name__}")
        signal.connect(_notification, sender=Notification, dispatch_uid="access-notification")
