# One module per subject; each adds its import here.
from reporting.models.activities import CommunicationActivity, TransferProject
from reporting.models.project import FundingProject, WorkPackage
from reporting.models.report import ReportEdition, ReportExport, ReportSection
from reporting.models.targets import Target

__all__ = [
    "CommunicationActivity",
    "FundingProject",
    "ReportEdition",
    "ReportExport",
    "ReportSection",
    "Target",
    "TransferProject",
    "WorkPackage",
]
