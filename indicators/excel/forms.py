from django.utils.translation import gettext_lazy as _

from core.forms import WorkbookUploadForm


class UploadForm(WorkbookUploadForm):
    help_text = _("The file you downloaded from this programme, edited; at most %(limit)s MB.")
