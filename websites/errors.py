"""The one application error type. It carries a message a person can act on, an HTTP status for the API,
and whether trying again can help; the API's exception handler and the task runner both read it."""


class AppError(Exception):
    status = 400
    code = "bad_request"
    retryable = False

    def __init__(self, message: str, *, details: object = None, retryable: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if retryable is not None:
            self.retryable = retryable


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class InvalidInput(AppError):
    status, code = 422, "invalid_input"


class RateLimited(AppError):
    status, code, retryable = 429, "rate_limited", True


class ServiceUnavailable(AppError):
    status, code, retryable = 503, "service_unavailable", True


class PayloadTooLarge(AppError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(AppError):
    status, code = 415, "unsupported_media_type"


class PaymentRequired(AppError):
    """Claude work that would pass the website's monthly AI budget (``monitoring.budgets``)."""

    status, code = 402, "budget_exceeded"
