"""Charts drawn on the server as self-contained SVG, for pages and PDF documents alike.

Pure functions of plain data (dataclasses), so that a report can draw the same charts as the
dashboard: `target_chart` (target, committed and result of each indicator as a share of its
target), `period_chart` (an indicator's result per reporting period) and `pair_chart`
(committed against result side by side, e.g. per municipality). Each returns a safe string, or a
small "no data yet" chart when there is nothing to draw."""
