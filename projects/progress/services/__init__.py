"""The writes of progress reports: the team's edits (`editing`) and the report's states
(`states`, which write the KPI ledger and make instalments due)."""
