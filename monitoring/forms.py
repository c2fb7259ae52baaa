"""The dashboard's filters: a period and, optionally, one website (a GET form)."""

from django import forms

from monitoring.periods import DEFAULT_PERIOD, Period
from websites.models import Website


class DashboardFilters(forms.Form):
    period = forms.ChoiceField(choices=Period.choices)
    website = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Website")

    def __init__(self, query, *args, **kwargs) -> None:
        """``query`` is the request's GET; a missing period means the default, a missing website all of them."""
        data = {"period": DEFAULT_PERIOD.value, "website": "", **query.dict()}
        super().__init__(data, *args, **kwargs)
        websites = Website.objects.order_by("name", "pk").values_list("pk", "name")
        self.fields["website"].choices = [("", "All websites"), *((str(pk), name) for pk, name in websites)]
