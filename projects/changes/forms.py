"""The forms of a change request: its reason and, by kind, the new end or the budget grid (one
box per category of the call and fiscal year of the project); the comment of a step; a file."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.forms import DateField
from core.thai import format_date
from projects.changes import checks
from projects.models import ChangeKind, ChangePolicy
from projects.progress.evidence import ACCEPT, ALLOWED_TEXT
from proposals.editing.selectors import eligible_municipalities


class ChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, kind, award, categories, lines=(), change=None, **kwargs):
        self.kind, self.award = kind, award
        initial = kwargs.setdefault("initial", {})
        if change is not None:
            initial.setdefault("reason", change.reason)
            initial.setdefault("new_ends_on", change.new_ends_on)
        super().__init__(*args, **kwargs)
        self.cells, self.lines, self.members = [], [], []
        if kind == ChangeKind.EXTENSION:
            self.fields["new_ends_on"] = DateField(
                label=_("New project end"),
                help_text=_("The project ends on %(date)s now.")
                % {"date": format_date(award.ends_on)},
            )
        elif kind == ChangeKind.BUDGET:
            current = checks.proposed_grid(change) if change else checks.approved_grid(award)
            self.years = checks.grid_years(award)
            for category in categories:
                row = []
                for year in self.years:
                    name = f"cell_{category.pk}_{year}"
                    self.fields[name] = forms.DecimalField(
                        label=_("%(category)s, FY %(year)s")
                        % {"category": category.name, "year": year},
                        min_value=Decimal(0),
                        max_digits=15,
                        decimal_places=2,
                        required=False,
                        initial=current.get((category.pk, year), Decimal("0.00")),
                        widget=forms.NumberInput(attrs={"step": "0.01", "class": "text-end"}),
                    )
                    row.append(name)
                self.cells.append((category, row))
        elif kind == ChangeKind.COMMITMENTS:
            self._target_fields(award, lines, change)
        elif kind == ChangeKind.TEAM:
            self._team_fields(award.proposal, change)

    def _team_fields(self, proposal, change):
        """Each member's effort and a box to take them off the team, the lead (among the
        members who accepted) and the partner municipalities."""
        members = checks.team_members_of(proposal)
        lead = checks.lead_member(proposal)
        effort, removed, lead_id, towns = (
            checks.proposed_team(change) if change else ({}, set(), None, None)
        )
        self.members = []
        for member in members:
            self.fields[f"effort_{member.pk}"] = forms.DecimalField(
                label=_("Effort of %(name)s (%%)") % {"name": member.name or member.email},
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                initial=effort.get(member.pk, member.effort_percent),
                widget=forms.NumberInput(attrs={"step": "0.01", "class": "text-end"}),
            )
            names = [f"effort_{member.pk}"]
            if member.user_id != proposal.lead_id:
                self.fields[f"remove_{member.pk}"] = forms.BooleanField(
                    label=_("%(name)s leaves the team") % {"name": member.name or member.email},
                    required=False,
                    initial=member.pk in removed,
                )
                names.append(f"remove_{member.pk}")
            self.members.append((member, names))
        self.fields["lead"] = forms.TypedChoiceField(
            label=_("Project lead"),
            coerce=int,
            choices=[(m.pk, m.name or m.email) for m in members if m.user_id],
            initial=lead_id or (lead.pk if lead else None),
        )
        partners = [p.municipality_id for p in proposal.municipalities.all()]
        self.fields["municipalities"] = forms.ModelMultipleChoiceField(
            label=_("Partner municipalities"),
            queryset=Municipality.objects.filter(
                Q(pk__in=eligible_municipalities(proposal.call).values("pk")) | Q(pk__in=partners)
            ).order_by("name_th"),
            widget=forms.CheckboxSelectMultiple,
            initial=sorted(towns) if towns is not None else partners,
            help_text=_(
                "The lead municipality stays; one with targets leaves only once its targets moved."
            ),
        )

    def team(self):
        """The proposed team, as the service takes it."""
        data = self.cleaned_data
        return {
            "effort": {
                name.removeprefix("effort_"): str(value)
                for name, value in data.items()
                if name.startswith("effort_") and value is not None
            },
            "remove": sorted(
                int(name.removeprefix("remove_"))
                for name, value in data.items()
                if name.startswith("remove_") and value
            ),
            "lead": data.get("lead"),
            "municipalities": sorted(town.pk for town in data.get("municipalities") or []),
        }

    def member_rows(self):
        return [(member, [self[name] for name in names]) for member, names in self.members]

    def _target_fields(self, award, lines, change):
        """One box per committed line (indicator and municipality) and fiscal year."""
        if change is not None:
            current = checks.proposed_targets(change)
        else:
            current = checks.committed_targets(award.proposal)
        self.years = checks.grid_years(award)
        self.lines = []
        for indicator, town in lines:
            row = []
            for year in self.years:
                key = (indicator.pk, year, town.pk if town else None)
                name = "target_{}_{}_{}".format(*(part or 0 for part in key))
                place = f"{indicator.code} {town}" if town else indicator.code
                self.fields[name] = forms.DecimalField(
                    label=_("%(indicator)s, FY %(year)s") % {"indicator": place, "year": year},
                    min_value=Decimal(0),
                    max_digits=18,
                    decimal_places=2,
                    required=False,
                    initial=current.get(key),
                    widget=forms.NumberInput(attrs={"step": "any", "class": "text-end"}),
                )
                row.append(name)
            self.lines.append(((indicator, town), row))

    def targets(self):
        """The proposed commitments, as the service takes them (an empty box: none)."""
        grid = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("target_") and value is not None:
                _prefix, indicator, year, town = name.split("_")
                grid[checks.target_key(indicator, year, town)] = value
        return grid

    def target_rows(self):
        """The target boxes as table rows: ((indicator, municipality), [bound fields])."""
        return [(line, [self[name] for name in names]) for line, names in self.lines]

    def budget(self):
        """The proposed grid, as the service takes it: {"<category>:<year>": amount}."""
        grid = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("cell_") and value:
                _prefix, category, year = name.split("_")
                grid[checks.cell_key(category, year)] = value
        return grid

    def grid_rows(self):
        """The budget boxes as table rows: (category, [bound fields])."""
        return [(category, [self[name] for name in names]) for category, names in self.cells]


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Supporting file"),
        help_text=ALLOWED_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ChangePolicy
        fields = [
            "max_extension_months",
            "max_extensions",
            "officer_share_percent",
            "officer_approves_extensions",
        ]
