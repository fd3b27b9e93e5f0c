"""Reads whose SQL is compiled once per process and database.

The ORM builds and compiles a queryset's SQL anew on every request, and for the annotated,
joined reads of a detail page (a project, a report, a proposal) that costs more than the
database takes to answer them. A `CompiledRead` builds its queryset once, with stand-ins for the
values that change from one request to the next (ids), compiles it, and then runs that SQL with
each request's values in the stand-ins' places, the rows coming back as the queryset would give
them (model instances with what they select, values, prefetches).

What the read builds must depend on nothing but its arguments: not the language, the date or the
person unless passed in as an id. Every stand-in must reach the SQL as a parameter; the first
compile checks it.
"""

import copy

from django.db import connections

# Stand-ins for the arguments: ids that no row has.
_STAND_IN = -1_000_000_007


class CompiledRead:
    """`build(*ids)` (a queryset) run as `read(*ids)` → its rows, in a list; its SQL compiled
    the first time, then reused with each call's ids."""

    def __init__(self, build):
        self.build = build
        self._ready = {}  # {number of ids: (queryset, compiler, sql, params)}

    def __call__(self, *ids):
        if None in ids:  # the ORM asks IS NULL there, not "= NULL"
            return list(self.build(*ids))
        queryset, compiler, sql, params = self._compiled(len(ids))
        values = {_STAND_IN - place: value for place, value in enumerate(ids)}
        params = tuple(values.get(p, p) if type(p) is int else p for p in params)
        return list(_with_sql(queryset, compiler, sql, params))

    def _compiled(self, count):
        if count not in self._ready:
            stand_ins = [_STAND_IN - place for place in range(count)]
            queryset = self.build(*stand_ins)
            compiler = queryset.query.get_compiler(queryset.db)
            sql, params = compiler.as_sql()
            if any(value not in params for value in stand_ins):
                raise ValueError(f"{self.build.__qualname__}: an id is not among the parameters")
            self._ready[count] = (queryset, compiler, sql, tuple(params))
        return self._ready[count]


def _with_sql(queryset, compiler, sql, params):
    """A copy of `queryset` whose evaluation runs `sql` with `params` through a copy of its
    compiled `compiler` (which knows the columns and models the rows map to) on this thread's
    connection. It is only evaluated: a queryset derived from it would run the same SQL."""
    ready = copy.copy(compiler)
    ready.connection = connections[queryset.db]
    ready.as_sql = lambda *args, **kwargs: (sql, params)
    copied = queryset._chain()
    copied.query.get_compiler = lambda *args, **kwargs: ready
    return copied


class CompiledObject:
    """The object `pk` of `build()` (a queryset) with what the queryset prefetches, each
    part by that pk: the queries `build().get(pk=pk)` would run, each compiled once. Only
    reverse foreign keys one level deep (e.g. a proposal's "team") can be prefetched."""

    def __init__(self, build):
        self.build = build
        self._row = CompiledRead(lambda pk: build().prefetch_related(None).filter(pk=pk))
        self._parts = None

    def __call__(self, pk):
        """The object, or None when there is none."""
        found = next(iter(self._row(pk)), None)
        if found is not None:
            for name, read in self._reads():
                keep_as_prefetched(found, name, read(pk))
        return found

    def _reads(self):
        if self._parts is None:
            queryset = self.build()
            self._parts = [
                _part(queryset.model, lookup) for lookup in queryset._prefetch_related_lookups
            ]
        return self._parts


def _part(model, lookup):
    """(relation, its read by the object's pk) of a prefetch `lookup` of `model`."""
    name = getattr(lookup, "prefetch_to", lookup)
    field = model._meta.get_field(name).field  # the foreign key of the reverse relation
    rows = getattr(lookup, "queryset", None)
    if rows is None:
        rows = field.model._default_manager.all()
    return name, CompiledRead(lambda pk: rows.filter(**{field.name: pk}))


def keep_as_prefetched(instance, name, rows):
    """Keep `rows` as `instance`'s `name` (a reverse foreign key) as `prefetch_related` keeps
    them: `instance.<name>.all()` gives them without a query, each row knowing `instance`."""
    manager = getattr(instance, name)
    for row in rows:
        manager.field.set_cached_value(row, instance)
    queryset = manager.get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = queryset
