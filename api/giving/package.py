"""The portfolio's grants as a 360Giving Data Standard package (JSON): one grant per funded
project, with identifiers under a configurable prefix (settings.GIVING_PREFIX, e.g.
"360G-slcgrants"), the recipient organisation (the lead's organisation record) and the funding
organisation (the programme's funder) by their org-id when they have one, the awarded amount
in THB, the award and planned dates, the partner municipalities as locations with their
province's ISO 3166-2 code, and the programme and technologies as classifications.

The field names and rules follow the standard's documentation
(https://standard.threesixtygiving.org/en/latest/, CC BY 4.0); `api.giving.checks` checks a
package against them."""

import datetime

from django.conf import settings
from django.utils import timezone

from api.portfolio.selectors import filtered_projects


def _prefix():
    return settings.GIVING_PREFIX.rstrip("-")


def org_id(record, kind):
    """The organisation's own org-id, or one made under the publisher's prefix."""
    if record is not None and getattr(record, "identifier", ""):
        return record.identifier
    key = record.pk if record is not None else "unknown"
    return f"{_prefix()}-{kind}-{key}"


def _date(value):
    return value.isoformat() if value else None


def grant(programme, proposal):
    """One grant of the package from a portfolio project (see `package` for its reads)."""
    award = proposal.public_award
    lead = proposal.lead
    recipient = lead.organisation_record
    funder = programme.funder
    item = {
        "id": f"{_prefix()}-{proposal.reference or proposal.pk}",
        "title": proposal.title_th or proposal.title_en,
        "description": proposal.summary_th or proposal.summary_en or proposal.title_th,
        "currency": "THB",
        "amountAwarded": float(award.amount) if award else 0.0,
        "awardDate": _date(award.contract_date if award else None),
        "recipientOrganization": [
            {
                "id": org_id(recipient, "org"),
                "name": recipient.name if recipient else lead.organisation or "—",
            }
        ],
        "fundingOrganization": [{"id": org_id(funder, "funder"), "name": funder.name_th}],
        "grantProgramme": [
            {"code": programme.code, "title": programme.name_th or programme.name_en}
        ],
        "beneficiaryLocation": [
            {
                "name": town.name_th,
                "geoCode": f"TH-{town.province_code}" if town.province_code else "TH",
                "geoCodeType": "ISO3166-2" if town.province_code else "ISO3166-1",
                **(
                    {"latitude": float(town.latitude), "longitude": float(town.longitude)}
                    if town.latitude is not None
                    else {}
                ),
            }
            for town in (link.municipality for link in proposal.municipalities.all())
        ],
        "classifications": [
            {"vocabulary": f"{_prefix()}-technology", "code": str(tech.pk), "title": tech.name_th}
            for tech in (link.technology for link in proposal.technologies.all())
        ],
        "dateModified": proposal.updated_at.isoformat(),
    }
    if award:
        months = (
            (award.ends_on.year - award.starts_on.year) * 12
            + (award.ends_on.month - award.starts_on.month)
            + 1
        )
        item["plannedDates"] = [
            {
                "startDate": _date(award.starts_on),
                "endDate": _date(award.ends_on),
                "duration": months,
            }
        ]
    if proposal.title_en:
        item["title_en"] = proposal.title_en  # an extra field: the standard allows others
    return item


def package(programme, filters=None):
    """{"grants": [...]} for the programme's portfolio (with `filters` as the downloads)."""
    proposals = (
        filtered_projects(programme, filters or {})
        .defer(None)
        .select_related("lead__organisation_record")
    )
    grants = [grant(programme, proposal) for proposal in proposals]
    return {
        "grants": grants,
        "publisher": {"name": programme.funder.name_th, "prefix": _prefix()},
        "generated": timezone.now().astimezone(datetime.UTC).isoformat(),
        "license": settings.GIVING_LICENSE,
    }
