"""Schemathesis hooks for `.ci/schemathesis`.

A real client sends a fresh `Idempotency-Key` for each distinct request. Generated requests
reuse the simplest keys ("0") across operations, and the API answers a reused key with the
first outcome it recorded (by design: see the store contract tests), so a later, different
request would look "accepted". Each valid generated key is therefore made unique; invalid
ones (negative tests) are sent as generated.
"""

import re
import uuid

import schemathesis

VALID_KEY = re.compile(r'^[!-"$-~]{1,128}$')


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            value = headers[name]
            if isinstance(value, str) and VALID_KEY.match(value):
                headers[name] = uuid.uuid4().hex
