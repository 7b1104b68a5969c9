"""One log format: time, level, logger, request id and message; JSON lines by setting.

The request id ties a log line to its access-log line and to the X-Request-ID header a
reader can quote. Log lines hold no client address, user agent, query string or answer:
our own messages never include them, and Django's request logger names only the path.
"""

import contextvars
import json
import logging

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request being answered ("-" outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (DJANGO_LOG_FORMAT=json), for a log collector."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class PrivateRequestFilter(logging.Filter):
    """gunicorn's own error log echoes what a client sent: the raw request line of one it
    cannot read (with the peer's address) and the address with its query of one that
    failed. Here they keep the method and the path only."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("Invalid request from ip="):
            record.msg, record.args = "Invalid request, answered 400", ()
        elif message.startswith("Error handling request %s"):
            record.args = tuple(str(arg).split("?", 1)[0] for arg in record.args or ())
        return True


def gunicorn_logger_class():
    """gunicorn's logger with PrivateRequestFilter on its error log (gunicorn.conf.py)."""
    from gunicorn.glogging import Logger  # only where gunicorn runs

    class PrivateLogger(Logger):
        def setup(self, cfg) -> None:
            super().setup(cfg)
            self.error_log.addFilter(PrivateRequestFilter())

    return PrivateLogger
