"""Excel round trip of a programme's results framework (openpyxl).

Download: `framework_workbook`. Upload: `read_plan` says what a file would change without
writing; `import_file` checks it again and applies it in one transaction. The file is opened
and kept between the preview and the confirmation by `core.workbooks`, as the results import's."""
