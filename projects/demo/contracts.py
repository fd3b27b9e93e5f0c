"""The demo's contracts, made through the real services: the programme's managers write its
contract template, and the fifth project (the one whose change requests the demo makes next)
has its contract generated, signed by its lead and counter-signed by the officer, so that its
approved extension adds amendment no. 1. Idempotent: a project with a contract is left alone."""

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.contracts import placeholders
from projects.contracts import services as contract_services
from projects.models import Contract

# A one-page PDF standing for a scanned copy (the demo has no scanner).
SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def scan(name):
    return SimpleUploadedFile(name, SCAN, content_type="application/pdf")


def seed_contracts(*, projects, officer, manager):
    """The template of the projects' programme and the fifth project's counter-signed
    contract; returns the contract (None when there is nothing to do)."""
    project = next((p for p in projects if p.reference.endswith("-0005")), None)
    if project is None or Contract.objects.filter(proposal=project).exists():
        return None
    programme = project.call.programme
    if contract_services.current_template(programme) is None:
        contract_services.save_template(
            programme=programme,
            actor=manager,
            body_th=placeholders.DEFAULT_TH,
            body_en=placeholders.DEFAULT_EN,
        )
    contract = contract_services.generate_contract(proposal=project, actor=officer)
    contract = contract_services.upload_signed(
        document=contract, actor=project.lead, upload=scan("signed-contract.pdf")
    )
    return contract_services.upload_countersigned(
        document=contract, actor=officer, upload=scan("countersigned-contract.pdf")
    )
