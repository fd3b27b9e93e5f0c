"""Uploaded results files kept between the preview and the confirmation, in a folder of their
own, the same way the framework's import keeps its files."""

from indicators.excel.storage import UploadFolder

RESULTS = UploadFolder("imports/results")
FOLDER = RESULTS.folder
store_upload = RESULTS.store_upload
has_upload = RESULTS.has_upload
open_upload = RESULTS.open_upload
delete_upload = RESULTS.delete_upload
purge_stale = RESULTS.purge_stale
