"""The test client posts a form as a browser posts this site's forms: url-encoded.

Django's test client sends a dict as multipart/form-data by default, which the site
refuses (ops.middleware.UrlencodedFormsOnlyMiddleware): no form here has an enctype. A
post with a file in it, or with a content type given, is sent as asked.
"""

import functools
from urllib.parse import urlencode

from django.test.client import MULTIPART_CONTENT, RequestFactory

FORM = "application/x-www-form-urlencoded"


def _has_file(data: dict) -> bool:
    def each(value):
        return value if isinstance(value, list | tuple) else [value]

    return any(hasattr(v, "read") for value in data.values() for v in each(value))


def post_forms_url_encoded() -> None:
    post = RequestFactory.post

    @functools.wraps(post)
    def as_a_browser(self, path, data=None, content_type=MULTIPART_CONTENT, *args, **kwargs):
        data = {} if data is None else data
        if content_type is MULTIPART_CONTENT and isinstance(data, dict) and not _has_file(data):
            data, content_type = urlencode(data, doseq=True), FORM
        return post(self, path, data, content_type, *args, **kwargs)

    RequestFactory.post = as_a_browser
