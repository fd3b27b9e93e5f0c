"""Sign-in backend: Django's ModelBackend, with a person's permissions read in one query."""

from django.contrib.auth.backends import ModelBackend


class ModelBackendOneQuery(ModelBackend):
    """ModelBackend reads a person's own permissions and their groups' in two queries on every
    page that checks one; here they are read in the query that reads the roles
    (`User.load_access`)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj.load_access()  # with the roles and managed programmes, in one query
        return user_obj._perm_cache
