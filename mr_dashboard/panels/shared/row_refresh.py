"""Tables whose rows refresh themselves (Horizon's ``ajax`` rows: a stack
or a snapshot in progress): a refresh whose region failed for a while is
answered 503, never Horizon's 100.

Horizon answers a row's refresh that met a recoverable error (the region
timed out, refused, or answered 5xx) with the status of its
``RecoverableError``: 100 (Continue), which is no final answer. A browser
then drops the request or holds it, and Horizon's table script stops
refreshing the row, or the whole table while the request is held. 503
(Service Unavailable) is final and says the region may answer later; the
plugin's script keeps refreshing a row so answered
(``mr_dashboard.row_refresh.js``), so the row settles once its region
answers again.
"""

from http import HTTPStatus

from django.http import HttpResponse
from horizon import exceptions


class RefreshedRows:
    """Mixin of a ``DataTable`` whose rows refresh themselves."""

    def maybe_preempt(self):
        response = super().maybe_preempt()
        if (response is not None and response.status_code
                == exceptions.RecoverableError.status_code):
            return HttpResponse(status=HTTPStatus.SERVICE_UNAVAILABLE)
        return response
