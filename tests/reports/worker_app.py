"""The Celery app of the worker that tests/reports/test_killed_worker.py kills: the project's
own app, with one more document in its catalogue, whose build crawls (five points of the bar
a second) so that the worker can be killed in the middle of it."""

import time

from celery.signals import worker_process_init

from config.celery import app
from reports.documents import PDF, PROGRAMME, Document, Output

__all__ = ["app"]

CRAWL = "test-crawl"


def crawl(subject, *, user, options, progress):
    for percent in range(0, 100, 5):
        progress(percent)
        time.sleep(1)
    return Output("crawl.pdf", b"%PDF-crawl", PDF)


@worker_process_init.connect
def add_the_crawling_document(**kwargs):
    from reports import documents

    documents.register(
        Document(CRAWL, "Crawl", PDF, PROGRAMME, lambda user, subject: True, crawl, background=True)
    )
