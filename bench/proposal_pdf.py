"""The full proposal PDF against WeasyPrint rendering the same HTML alone.

Run from the project's root:

    DEBUG=1 .venv/bin/python bench/proposal_pdf.py                 # a temporary SQLite database
    DEBUG=1 .venv/bin/python bench/proposal_pdf.py --runs 20 --reference SLC-2570-0001
    DEBUG=1 DATABASE_URL=postgres://… .venv/bin/python bench/proposal_pdf.py

Without DATABASE_URL it migrates a new SQLite database in a temporary folder, loads the demo
(`seed_demo`: programme, calls, proposals, funded projects) and deletes it all at the end. With
DATABASE_URL it only reads that database, which must hold the proposal (run `seed_demo` there
first, or name another proposal with --reference).

It prints, for a demo proposal (by default the open call's first, e.g. SLC-2570-0001), in Thai:
(1) our document — the catalogue's `build` of "proposal": its queries, the context, the
    template, then WeasyPrint with the Sarabun faces and the page's stylesheet;
(2) WeasyPrint alone — the same HTML (rendered once beforehand with our template and context)
    and the same stylesheet, with a new font configuration each run as ours makes, timed
    around `weasyprint.HTML(string=…).write_pdf(…)` only;
the mean time of --runs runs of each (after one warm-up run; the two take turns), their ratio,
and the peak memory of one more run of each under tracemalloc (Python allocations only:
Pango's and HarfBuzz's own memory is not seen).
"""

import argparse
import logging
import os
import statistics
import sys
import time

import harness

TEMPORARY = harness.start_django("bench-proposal-pdf-")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from proposals.demo import today_calendar  # noqa: E402
from proposals.models import Proposal  # noqa: E402
from reports import documents  # noqa: E402
from reports.pdf import proposal as proposal_pdf  # noqa: E402
from reports.pdf import render  # noqa: E402
from reports.pdf.common import subject_key  # noqa: E402


def load_demo():
    """The demo in the new database, quietly: its emails stay in memory, its tasks' log
    lines are not printed."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    logging.disable(logging.INFO)
    try:
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet, stderr=quiet)
    finally:
        logging.disable(logging.NOTSET)


def ours(proposal):
    """Our document, as a download builds it."""
    document = documents.get("proposal", documents.PDF)
    return document.build(proposal, user=None, options={}, progress=documents.no_progress)


def same_html(proposal):
    """The HTML and the stylesheet our build gives WeasyPrint for `proposal`."""
    printed = proposal_pdf.proposal_for_print(proposal)
    title, reference = _("Research proposal"), subject_key(printed)
    context = proposal_pdf.proposal_context(printed, blind=False)
    html = render_to_string(
        proposal_pdf.TEMPLATE,
        {
            **context,
            "document_title": title,
            "reference": reference,
            "language": translation.get_language(),
        },
    )
    css = render._static_css() + render._page_css(title=title, reference=reference, landscape=False)
    return html, css


def weasyprint_alone(html, css):
    """WeasyPrint and nothing else: the same HTML, the same faces and stylesheet."""
    fonts = FontConfiguration()
    base = render.HERE.as_uri() + "/"
    stylesheet = CSS(string=css, font_config=fonts, base_url=base)
    return HTML(string=html, base_url=base).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def seconds(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def timed(first, second, runs):
    """Seconds of each of `runs` runs of `first` and of `second`, after one run of each to
    warm up (fonts, caches). The two take turns, which goes first alternating, so that a
    busy machine slows both alike."""
    first(), second()
    times = ([], [])
    for number in range(runs):
        order = (0, 1) if number % 2 == 0 else (1, 0)
        for which in order:
            times[which].append(seconds((first, second)[which]))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    parser.add_argument("--reference", help="the proposal to print (default: the demo's)")
    arguments = parser.parse_args()
    if TEMPORARY:
        start = time.perf_counter()
        load_demo()
        print(f"demo loaded in {time.perf_counter() - start:.1f} s")
    translation.activate("th")
    # The demo's codes follow the day it was loaded (proposals.demo.DemoCalendar).
    arguments.reference = arguments.reference or f"{today_calendar().open_code}-0001"
    proposal = Proposal.objects.filter(reference=arguments.reference).first()
    if proposal is None:
        sys.exit(f"No proposal {arguments.reference}: load the demo (seed_demo) first.")

    with CaptureQueriesContext(connection) as queries:
        output = ours(proposal)
    html, css = same_html(proposal)
    alone = weasyprint_alone(html, css)

    ours_times, alone_times = timed(
        lambda: ours(proposal), lambda: weasyprint_alone(html, css), arguments.runs
    )
    ours_peak = harness.peak_memory(lambda: ours(proposal))
    alone_peak = harness.peak_memory(lambda: weasyprint_alone(html, css))

    ours_mean, alone_mean = statistics.mean(ours_times), statistics.mean(alone_times)
    print(
        f"proposal {arguments.reference} (Thai): {len(output.content):,} bytes, "
        f"{len(queries)} queries; WeasyPrint alone {len(alone):,} bytes; "
        f"HTML {len(html):,} characters; {arguments.runs} runs each"
    )
    print(
        f"  our build        mean {ours_mean:7.3f} s  (min {min(ours_times):.3f}, "
        f"max {max(ours_times):.3f})   peak {ours_peak / 2**20:7.1f} MiB"
    )
    print(
        f"  WeasyPrint alone mean {alone_mean:7.3f} s  (min {min(alone_times):.3f}, "
        f"max {max(alone_times):.3f})   peak {alone_peak / 2**20:7.1f} MiB"
    )
    print(
        f"  ratio            {ours_mean / alone_mean:7.2f} ×  (time)   "
        f"peak ×{ours_peak / alone_peak:.2f}"
    )


if __name__ == "__main__":
    harness.run(main, TEMPORARY)
