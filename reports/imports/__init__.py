"""Excel import of the indicator results of progress reports.

A team (for its project) or a funding officer (for many projects) downloads a template of a
reporting period already filled with what the system knows (`template.results_workbook`),
fills it in offline and uploads it: every cell is checked (`reader.read_plan`), the changes
are shown, and `apply.import_file` writes them in one transaction on confirmation
(`core.workbooks` opens the file and keeps it between the two). Pages:
`reports:results_import`, `reports:results_template`, `reports:results_preview`; links for
the report and project pages: `links.import_links(user, report)`.
"""
