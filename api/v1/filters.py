"""The filters of the API's lists (query parameters; a wrong value is a 400 naming it)."""

import django_filters as filters

from projects.models import Instalment, InstalmentState, ProgressReport, ProgressReportState
from proposals.models import Call, Proposal, ProposalState
from reviews.models import Assignment, AssignmentState


class CallFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__code")
    fiscal_year = filters.NumberFilter(field_name="fiscal_year__year_be")

    class Meta:
        model = Call
        fields = ("programme", "fiscal_year")


class ProposalFilter(filters.FilterSet):
    call = filters.CharFilter(field_name="call__code")
    programme = filters.CharFilter(field_name="call__programme__code")
    state = filters.ChoiceFilter(choices=ProposalState.choices)

    class Meta:
        model = Proposal
        fields = ("call", "programme", "state")


class AssignmentFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=AssignmentState.choices)

    class Meta:
        model = Assignment
        fields = ("state",)


class ProgressReportFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="proposal_id")
    state = filters.ChoiceFilter(choices=ProgressReportState.choices)
    due_before = filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = ProgressReport
        fields = ("project", "state", "due_before")


class InstalmentFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="proposal_id")
    state = filters.ChoiceFilter(choices=InstalmentState.choices)

    class Meta:
        model = Instalment
        fields = ("project", "state")
