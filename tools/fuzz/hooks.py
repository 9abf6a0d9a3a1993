"""Schemathesis hooks of tools/fuzz.mjs (loaded with SCHEMATHESIS_HOOKS=tools/fuzz/hooks.py).

Two checks the built-in ones leave out, and a request count:

- problem_json_on_errors: every 4xx/5xx answer is `application/problem+json` with an RFC 9457 body (type, title,
  status equal to the HTTP status). content_type_conformance only compares with what the document declares, so an
  undocumented status would not be held to it.
- refused_means_refused (only when FUZZ_EXPECT_REFUSAL=1): the run is made with an identity that may not call any of
  the operations it is given (no token, a token for another audience, a role without the permission); any answer
  below 400 is a request that was not refused.
- FUZZ_STATS=<file>: every response's status is counted and written there as JSON when the run ends (the requests
  of the summary, shrinking and replays included).
"""

import atexit
import json
import os
from collections import Counter

import schemathesis

_statuses: Counter = Counter()
_stats_file = os.environ.get("FUZZ_STATS")


def _write_stats() -> None:
    if _stats_file:
        with open(_stats_file, "w", encoding="utf-8") as out:
            json.dump({"requests": sum(_statuses.values()), "statuses": dict(sorted(_statuses.items()))}, out)


atexit.register(_write_stats)


@schemathesis.hook
def after_call(context, case, response):
    _statuses[str(response.status_code)] += 1


def _header(response, name: str) -> str:
    values = response.headers.get(name) or []
    return values[0] if values else ""


@schemathesis.check
def problem_json_on_errors(ctx, response, case):
    """An error answer is application/problem+json with type, title and the HTTP status."""
    if response.status_code < 400:
        return None
    media_type = _header(response, "content-type").split(";")[0].strip().lower()
    if media_type != "application/problem+json":
        raise AssertionError(
            f"{response.status_code} answered with content type {media_type or '(none)'}, not application/problem+json"
        )
    try:
        body = json.loads(response.content or b"null")
    except ValueError as error:
        raise AssertionError(f"{response.status_code} problem body is not JSON: {error}") from None
    if not isinstance(body, dict):
        raise AssertionError(f"{response.status_code} problem body is not an object")
    missing = [name for name in ("type", "title", "status") if name not in body]
    if missing:
        raise AssertionError(f"{response.status_code} problem body lacks {', '.join(missing)}")
    if body["status"] != response.status_code:
        raise AssertionError(f"problem body says status {body['status']!r}, the response is {response.status_code}")
    return None


@schemathesis.check
def refused_means_refused(ctx, response, case):
    """In a refusal run, nothing is answered below 400 (but a CORS preflight: OPTIONS carries no credentials by design,
    is answered 204 to anyone before routing, and changes nothing)."""
    if case.method.upper() == "OPTIONS":
        return None
    if os.environ.get("FUZZ_EXPECT_REFUSAL") == "1" and response.status_code < 400:
        raise AssertionError(
            f"{case.method} {case.path} answered {response.status_code} to an identity it must refuse "
            f"({os.environ.get('FUZZ_IDENTITY', 'unknown identity')})"
        )
    return None


# Dates and date-times in the years every service takes. The boundary refuses any date outside 1900–2200 in the path,
# query or body before routing (request-boundary.ts `plausibleYears`; the validation problem says so), but the
# documents' `format: date` / `date-time` do not carry the range, so Hypothesis' years 0001–9999 would be refused as
# "schema-valid data rejected" on every operation with a date. A gap of the documents (see the report), not a finding
# of every run.
from datetime import date, datetime, timezone  # noqa: E402

from hypothesis import strategies as st  # noqa: E402

schemathesis.openapi.format(
    "date", st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)).map(lambda d: d.isoformat())
)
schemathesis.openapi.format(
    "date-time",
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31), timezones=st.just(timezone.utc)).map(
        lambda d: d.isoformat().replace("+00:00", "Z")
    ),
)
