"""The test settings on a server holding another agency key (a restore checked elsewhere)."""

from voca.settings.test import *  # noqa: F403

VOCA_FIELD_KEYS = ["b3RoZXIta2V5LW5vdC10aGUtYmFja3Vwcy1rZXktLS0="]
