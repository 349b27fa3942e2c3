# One module per subject; each adds its import here.
from reporting.models.project import FundingProject, WorkPackage
from reporting.models.report import ReportEdition, ReportExport, ReportSection  # noqa: F401

__all__ = ["FundingProject", "WorkPackage"]
