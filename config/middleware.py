"""One log line per request: method, path, status and the time it took in milliseconds, on
the logger `grants.requests` (gunicorn's own access log stays off)."""

import logging
from time import perf_counter

logger = logging.getLogger("grants.requests")


def request_log(get_response):
    def middleware(request):
        began = perf_counter()
        response = get_response(request)
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            (perf_counter() - began) * 1000,
        )
        return response

    return middleware
