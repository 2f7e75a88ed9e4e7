"""The backup manifest is compared section by section, whatever sections the apps contribute."""

from voca import backup


def test_a_restore_that_lost_an_apps_manifest_part_is_reported():
    expected = {
        "tables": {"grants_award": 1},
        "awards": {"15POVC-1": {"paid": "10.00"}},
        "events": {"service_days": "3"},
        "database_sha256": "abc",
    }
    restored = {"tables": {"grants_award": 1}, "awards": {"15POVC-1": {"paid": "10.00"}}}
    assert backup.compare(expected, restored) == [
        "events service_days: backed up '3', restored None"
    ]
