"""Excel round trip of a programme's results framework (openpyxl).

Download: `framework_workbook`. Upload: `read_plan` says what a file would change without
writing; `import_file` checks it again and applies it in one transaction. Uploaded files wait
between the preview and the confirmation in the default storage (`store_upload`).
"""

from indicators.excel.apply import IMPORTED, apply_plan, import_file
from indicators.excel.export import CONTENT_TYPE, filename, framework_workbook
from indicators.excel.forms import UploadForm
from indicators.excel.reader import MAX_BYTES, read_plan
from indicators.excel.storage import delete_upload, has_upload, open_upload, store_upload

__all__ = [
    "CONTENT_TYPE",
    "IMPORTED",
    "MAX_BYTES",
    "UploadForm",
    "apply_plan",
    "delete_upload",
    "filename",
    "framework_workbook",
    "has_upload",
    "import_file",
    "open_upload",
    "read_plan",
    "store_upload",
]
