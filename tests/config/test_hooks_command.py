"""`manage.py hooks` lists every extension point with what is connected to it."""

from io import StringIO

from django.core.management import call_command


def run(*args):
    out = StringIO()
    call_command("hooks", *args, stdout=out)
    return out.getvalue()


def test_it_lists_what_runs_on_a_transition():
    text = run("lifecycle")
    assert "proposals.lifecycle.conditions" in text
    assert "[screen_pass] reviews.screening.checks.screen_pass_problems" in text
    assert "[complete] projects.checks.final_report_accepted" in text
    assert "[terminate] projects.instalments.services.stop_counting_commitments" in text
    assert "[fund] projects.dashboard.fund_page" in text
    assert "accounts.links" not in text


def test_it_lists_every_hook_without_a_filter():
    text = run()
    for name in (
        "accounts.audit_actions",
        "accounts.links",
        "indicators.headlines",
        "indicators.resolvers",
        "projects.progress.submit_checks",
        "reports.documents",
    ):
        assert name in text
