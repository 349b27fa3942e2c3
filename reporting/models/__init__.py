# One module per subject; each adds its import here.
from reporting.models.activities import CommunicationActivity as CommunicationActivity
from reporting.models.activities import TransferProject as TransferProject
from reporting.models.project import FundingProject, WorkPackage
from reporting.models.targets import Target as Target

__all__ = ["FundingProject", "WorkPackage"]
