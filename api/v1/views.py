"""The endpoints of /api/v1/. Each list reads through `selectors` (who sees which rows, as
on the pages), is paged and ordered; each write calls the service the page calls."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import SignedIn, TokenScopeAllows
from api.portfolio.forms import PortfolioFilterForm
from api.portfolio.selectors import filtered_projects
from api.problems import Conflict
from api.v1 import filters, selectors
from api.v1 import serializers as shapes
from api.v1.results import ResultsWrite, write_report_results
from indicators import rules as indicator_rules
from indicators.dashboard.forms import DashboardFilterForm
from indicators.models import Objective, Programme
from indicators.rollup import indicator_rollup
from projects import rules as project_rules
from proposals import rules as proposal_rules
from proposals.models import Proposal, SectionKey
from proposals.writing import services as writing
from proposals.writing.selectors import (
    proposals_with_sections,
    sections_in_order,
    visible_proposal,
)

PRIVATE = [SignedIn, TokenScopeAllows]


class CallList(generics.ListAPIView):
    """Calls for proposals: the published ones (call managers also see their drafts)."""

    serializer_class = shapes.CallSerializer
    filterset_class = filters.CallFilter

    def get_queryset(self):
        return selectors.calls(self.request.user)


class CallDetail(generics.RetrieveAPIView):
    serializer_class = shapes.CallSerializer

    def get_queryset(self):
        return selectors.calls(self.request.user)


class ProgrammeList(generics.ListAPIView):
    """The programmes (public: their names and funder)."""

    serializer_class = shapes.ProgrammeSerializer
    queryset = selectors.programmes()


class FrameworkView(APIView):
    """A programme's results framework: objectives, indicators and their yearly targets
    (for anyone with a role, as the framework page)."""

    permission_classes = PRIVATE

    @extend_schema(responses=shapes.FrameworkSerializer)
    def get(self, request, code):
        programme = get_object_or_404(selectors.programmes(), code=code)
        if not indicator_rules.can_view_framework(request.user, programme):
            raise Http404
        data = {
            "programme": programme,
            "objectives": Objective.objects.filter(programme=programme).order_by(
                "position", "code"
            ),
            "indicators": selectors.framework_indicators(programme),
        }
        return Response(shapes.FrameworkSerializer(data).data)


PORTFOLIO_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Text in the reference, titles, summary"),
    OpenApiParameter("municipality", OpenApiTypes.INT),
    OpenApiParameter("province", OpenApiTypes.STR, description="The province's Thai name"),
    OpenApiParameter("region", OpenApiTypes.STR),
    OpenApiParameter("technology", OpenApiTypes.INT),
    OpenApiParameter("dimension", OpenApiTypes.STR),
    OpenApiParameter("fiscal_year", OpenApiTypes.INT, description="Buddhist-era fiscal year"),
]


class PortfolioList(generics.ListAPIView):
    """A programme's funded projects and their counted results, as its public portfolio shows
    them (public once the programme publishes its portfolio), filtered as the portfolio's
    downloads: `q` (text), `municipality` (id), `province` (Thai name), `region`,
    `technology` (id), `dimension` (code), `fiscal_year` (B.E.). No person is named."""

    serializer_class = shapes.PortfolioProjectSerializer
    filterset_class = None

    @extend_schema(parameters=PORTFOLIO_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_programme(self):
        programme = get_object_or_404(Programme, code=self.kwargs["code"])
        if not project_rules.can_read_portfolio(self.request.user, programme):
            raise Http404
        return programme

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        form = PortfolioFilterForm(self.request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ValidationError(form.errors)
        return filtered_projects(self.get_programme(), form.filters())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.with_figures(self.get_programme(), page)


class ProposalList(generics.ListAPIView):
    """The proposals you read on the pages: your team's; all for funding officers; your
    programmes' for programme managers."""

    permission_classes = PRIVATE
    serializer_class = shapes.ProposalSerializer
    filterset_class = filters.ProposalFilter

    def get_queryset(self):
        return selectors.proposals(self.request.user)


class AssignmentList(generics.ListAPIView):
    """The reviews assigned to you, by due date."""

    permission_classes = PRIVATE
    serializer_class = shapes.AssignmentSerializer
    filterset_class = filters.AssignmentFilter

    def get_queryset(self):
        return selectors.assignments(self.request.user)


class ProjectList(generics.ListAPIView):
    """The funded projects you follow on the pages."""

    permission_classes = PRIVATE
    serializer_class = shapes.ProjectSerializer

    def get_queryset(self):
        return selectors.projects(self.request.user)


class ProgressReportList(generics.ListAPIView):
    """The progress reports of the projects you follow, with their indicator results."""

    permission_classes = PRIVATE
    serializer_class = shapes.ProgressReportSerializer
    filterset_class = filters.ProgressReportFilter

    def get_queryset(self):
        return selectors.progress_reports(self.request.user)


class InstalmentList(generics.ListAPIView):
    """The instalments of the projects you follow."""

    permission_classes = PRIVATE
    serializer_class = shapes.InstalmentSerializer
    filterset_class = filters.InstalmentFilter

    def get_queryset(self):
        return selectors.instalments(self.request.user)


ROLLUP_FILTERS = [
    OpenApiParameter("fiscal_year", OpenApiTypes.INT, description="Buddhist-era fiscal year"),
    OpenApiParameter("region", OpenApiTypes.STR),
    OpenApiParameter("technology", OpenApiTypes.INT),
    OpenApiParameter("dimension", OpenApiTypes.STR),
]


class RollupView(APIView):
    """The KPI roll-up of a programme with the dashboard's filters (staff, as the dashboard)."""

    permission_classes = PRIVATE

    @extend_schema(parameters=ROLLUP_FILTERS, responses=shapes.RollupSerializer(many=True))
    def get(self, request, code):
        if not indicator_rules.can_view_dashboards(request.user):
            raise Http404
        programme = get_object_or_404(Programme, code=code)
        form = DashboardFilterForm(request.query_params or None, programme=programme)
        if form.is_bound and not form.is_valid():
            raise ValidationError(form.errors)
        rollups = indicator_rollup(programme, **form.filters())
        return Response(shapes.RollupSerializer(rollups, many=True).data)


class ReportResults(APIView):
    """Write indicator results of a progress report: the same checks and the same service as
    the report's results page and the Excel import. Each row names the indicator by its code
    (and the municipality by its id for indicators reported per municipality); `value: null`
    removes a result; rows not sent stay as they are."""

    permission_classes = PRIVATE

    @extend_schema(request=ResultsWrite, responses=shapes.ResultSerializer(many=True))
    def put(self, request, pk):
        results = write_report_results(request.user, pk, request.data)
        return Response(shapes.ResultSerializer(results, many=True).data)


def _section(section):
    return {
        "key": section.key,
        "label": str(SectionKey(section.key).label),
        "text": section.text,
        "version": section.version,
    }


class SectionList(APIView):
    """A proposal's narrative sections, for the team's own systems (whoever reads the
    proposal on the pages reads them here)."""

    permission_classes = PRIVATE

    @extend_schema(responses=shapes.SectionSerializer(many=True))
    def get(self, request, pk):
        proposal = visible_proposal(request.user, pk, proposals_with_sections())
        sections = sections_in_order(proposal)
        return Response([_section(section) for section in sections])


class SectionWrite(APIView):
    """Save one narrative section of a draft (or a proposal returned for revision), as the
    section page does: send the `version` you read; a colleague's newer save is a 409."""

    permission_classes = PRIVATE

    @extend_schema(request=shapes.SectionSerializer, responses=shapes.SectionSerializer)
    def put(self, request, pk, key):
        proposal = visible_proposal(request.user, pk, proposals_with_sections())
        if key not in SectionKey.values:
            raise Http404
        if not proposal_rules.can_edit_proposal(request.user, proposal):
            raise PermissionDenied(_("This proposal cannot be edited now."))
        payload = shapes.SectionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        text = payload.validated_data["text"].replace("\r\n", "\n").replace("\r", "\n")
        try:
            section = writing.save_section(
                actor=request.user,
                proposal=proposal,
                key=key,
                text=text,
                version=payload.validated_data["version"],
            )
        except writing.StaleVersion as stale:
            raise Conflict(
                _(
                    "Someone saved this section after you read it (it is now version "
                    "%(version)s): read it again and merge your changes."
                )
                % {"version": stale.version}
            ) from stale
        return Response(_section(section))
