# One module per subject; each adds its import here.
from reporting.models.project import FundingProject, WorkPackage

__all__ = ["FundingProject", "WorkPackage"]
