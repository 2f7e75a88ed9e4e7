"""The SAR's life, one table (the shape of grants.workflows): the state's part is ready from the
records as soon as the subaward is issued; the subrecipient submits its own part (and may correct
it until the state reports it); the state records that it entered the SAR in OVC's PMT.

This module imports no model (the models import it).
"""

from django.db import models

from grants.workflows import Transition, Workflow


class SarStatus(models.TextChoices):
    READY = "ready", "State part ready: waiting for the subrecipient's part"
    SUBMITTED = "submitted", "Subrecipient's part submitted"
    REPORTED = "reported", "Reported in PMT"


SAR_REPORT_PERMISSION = "subawards.report_subgrantawardreport"
SAR = Workflow(
    noun="SAR",
    transitions={
        t.name: t
        for t in (
            Transition(
                "submit",
                "Submit our part",
                frozenset({SarStatus.READY, SarStatus.SUBMITTED}),
                SarStatus.SUBMITTED,
                "",  # the subrecipient's own Agency Director or Finance (subawards.permissions)
                done="submitted",
                icon="upload",
            ),
            Transition(
                "report",
                "Mark reported in PMT",
                frozenset({SarStatus.SUBMITTED}),
                SarStatus.REPORTED,
                SAR_REPORT_PERMISSION,
                done="reported",
                icon="check",
                refused="The SAR is reported once the subrecipient has submitted its part; it is "
                "{status}.",
            ),
        )
    },
    wrong_state_in={
        SarStatus.REPORTED: "This SAR was already reported in PMT, so it cannot be {done}.",
    },
)
