"""What the API shows of each object: the fields the pages show to the same person, never
more (the public ones name no person)."""

from rest_framework import serializers

from indicators.models import Indicator, IndicatorTarget, Objective, Programme
from projects.models import IndicatorResult, Instalment, ProgressReport
from proposals.models import Call, Proposal
from reviews.models import Assignment


class CallSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    fiscal_year = serializers.IntegerField(source="fiscal_year.year_be", read_only=True)
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Call
        fields = (
            "id",
            "code",
            "programme",
            "fiscal_year",
            "title_th",
            "title_en",
            "description_th",
            "description_en",
            "opens_at",
            "closes_at",
            "total_budget",
            "ceiling_per_proposal",
            "min_duration_months",
            "max_duration_months",
            "state",
        )


class ProgrammeSerializer(serializers.ModelSerializer):
    funder = serializers.CharField(source="funder.name_en", read_only=True)

    class Meta:
        model = Programme
        fields = ("code", "name_th", "name_en", "description_th", "description_en", "funder")


class TargetSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.IntegerField(source="fiscal_year.year_be", read_only=True)

    class Meta:
        model = IndicatorTarget
        fields = ("fiscal_year", "value")


class IndicatorSerializer(serializers.ModelSerializer):
    objective = serializers.CharField(source="objective.code", read_only=True, allow_null=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = (
            "id",
            "code",
            "objective",
            "name_th",
            "name_en",
            "definition_th",
            "definition_en",
            "unit_th",
            "unit_en",
            "value_type",
            "aggregation",
            "direction",
            "baseline_value",
            "baseline_year",
            "per_municipality",
            "targets_cumulative",
            "targets",
        )


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ("code", "name_th", "name_en", "description_th", "description_en")


class FrameworkSerializer(serializers.Serializer):
    programme = ProgrammeSerializer()
    objectives = ObjectiveSerializer(many=True)
    indicators = IndicatorSerializer(many=True)


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    province_th = serializers.CharField()
    province_en = serializers.CharField()


class FigureSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    committed = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    result = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)


class PortfolioProjectSerializer(serializers.Serializer):
    """A funded project as the public portfolio shows it: no person is named."""

    id = serializers.IntegerField(source="proposal.pk")
    reference = serializers.CharField(source="proposal.reference")
    title_th = serializers.CharField(source="proposal.title_th")
    title_en = serializers.CharField(source="proposal.title_en")
    summary_th = serializers.CharField(source="proposal.summary_th")
    summary_en = serializers.CharField(source="proposal.summary_en")
    state = serializers.CharField(source="proposal.state")
    starts_on = serializers.DateField(source="award.starts_on", allow_null=True)
    ends_on = serializers.DateField(source="award.ends_on", allow_null=True)
    amount = serializers.DecimalField(
        source="award.amount", max_digits=15, decimal_places=2, allow_null=True
    )
    municipalities = PlaceSerializer(many=True)
    technologies = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    def get_technologies(self, project) -> list[str]:
        return [technology.name_en for technology in project.technologies]

    def get_figures(self, project) -> FigureSerializer(many=True):
        return FigureSerializer(
            [
                {"indicator": indicator.code, "committed": committed, "result": result}
                for indicator, committed, result in project.figures
            ],
            many=True,
        ).data


class ProposalSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Proposal
        fields = (
            "id",
            "reference",
            "call",
            "state",
            "title_th",
            "title_en",
            "summary_th",
            "summary_en",
            "duration_months",
            "submitted_at",
            "updated_at",
        )


class AssignmentSerializer(serializers.ModelSerializer):
    proposal = serializers.IntegerField(source="proposal_id", read_only=True)
    reference = serializers.CharField(source="proposal.reference", read_only=True)
    title_th = serializers.CharField(source="proposal.title_th", read_only=True)
    title_en = serializers.CharField(source="proposal.title_en", read_only=True)

    class Meta:
        model = Assignment
        fields = (
            "id",
            "proposal",
            "reference",
            "title_th",
            "title_en",
            "round",
            "state",
            "due_date",
        )


class ProjectSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="call.programme.code", read_only=True)
    starts_on = serializers.DateField(source="award.starts_on", read_only=True, allow_null=True)
    ends_on = serializers.DateField(source="award.ends_on", read_only=True, allow_null=True)
    amount = serializers.DecimalField(
        source="award.amount", max_digits=15, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Proposal
        fields = (
            "id",
            "reference",
            "programme",
            "state",
            "title_th",
            "title_en",
            "starts_on",
            "ends_on",
            "amount",
        )


class ResultSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = IndicatorResult
        fields = ("indicator", "municipality", "value", "note", "evidence_url")


class ProgressReportSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="proposal_id", read_only=True)
    results = ResultSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = (
            "id",
            "project",
            "kind",
            "period_start",
            "period_end",
            "due_on",
            "state",
            "submitted_at",
            "results",
        )


class InstalmentSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="proposal_id", read_only=True)

    class Meta:
        model = Instalment
        fields = (
            "id",
            "project",
            "number",
            "percent",
            "amount",
            "report_kind",
            "state",
            "due_since",
            "paid_on",
        )


class RollupSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    name_th = serializers.CharField(source="indicator.name_th")
    name_en = serializers.CharField(source="indicator.name_en")
    target = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    committed = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    result = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    achievement = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    status = serializers.CharField(allow_null=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    text = serializers.CharField(allow_blank=True, max_length=50_000, trim_whitespace=False)
    version = serializers.IntegerField(
        min_value=0,
        help_text="The version you read: a save over a newer one is refused (409).",
    )
