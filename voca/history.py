"""Reading django-simple-history tables as of a past moment (shared by services and grants).

Writers lock what they change before saving, so the history rows of one record are inserted in
time order and the record's state at a moment is its row with the highest ``history_id`` at or
before that moment; a latest row of type "-" means the record no longer existed.
"""

import datetime as dt

from django.db.models import Max, Subquery


def versions_as_of(history_model, at: dt.datetime, **filters):
    """The historical rows of ``history_model`` as they stood at ``at`` (one per record)."""
    latest = (
        history_model.objects.filter(history_date__lte=at, **filters)
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    return history_model.objects.filter(history_id__in=Subquery(latest)).exclude(history_type="-")
