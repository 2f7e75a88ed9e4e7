import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.models import (
    AgeGroup,
    GenderIdentity,
    RaceEthnicity,
    ServiceCategory,
    SpecialClassification,
    SubService,
    VictimizationType,
)


@pytest.mark.django_db
def test_the_pmt_lists_are_loaded_with_stable_codes():
    today = datetime.date(2026, 11, 24)
    assert VictimizationType.objects.effective_on(today).count() == 26
    assert SpecialClassification.objects.effective_on(today).count() == 8
    assert list(ServiceCategory.objects.effective_on(today).values_list("code", flat=True)) == [
        "A",
        "B",
        "C",
        "D",
        "E",
    ]
    per_category = {
        c: SubService.objects.effective_on(today).filter(category__code=c).count() for c in "ABCDE"
    }
    assert per_category == {"A": 4, "B": 10, "C": 7, "D": 3, "E": 11}
    for model, size in ((RaceEthnicity, 10), (GenderIdentity, 5), (AgeGroup, 7)):
        codes = set(model.objects.effective_on(today).values_list("code", flat=True))
        assert len(codes) == size
        assert {"not_reported", "not_tracked"} <= codes


@pytest.mark.django_db
def test_a_revision_adds_rows_and_past_quarters_keep_their_list():
    revision_day = datetime.date(2027, 10, 1)
    old = AgeGroup.objects.get(code="25_59")
    # OVC splits 25-59: the old row is closed, two new rows start, nothing is rewritten.
    old.effective_to = revision_day - datetime.timedelta(days=1)
    old.save()
    AgeGroup.objects.create(code="25_44", label="25-44", effective_from=revision_day)
    AgeGroup.objects.create(code="45_59", label="45-59", effective_from=revision_day)

    before = set(
        AgeGroup.objects.effective_on(datetime.date(2027, 3, 1)).values_list("code", flat=True)
    )
    after = set(AgeGroup.objects.effective_on(revision_day).values_list("code", flat=True))
    assert "25_59" in before and "25_44" not in before
    assert "25_59" not in after and {"25_44", "45_59"} <= after


@given(
    st.lists(st.sampled_from(["", " ", "-"]), min_size=8, max_size=8),
    st.booleans(),
)
def test_client_codes_are_short_readable_and_survive_how_people_type_them(separators, lower):
    from services.models import CLIENT_CODE_ALPHABET, new_client_code, normalize_client_code

    code = new_client_code()
    assert len(code) == 8 and set(code) <= set(CLIENT_CODE_ALPHABET)
    assert not set(code) & set("0O1IL5S2Z8B")  # no look-alikes
    typed = "".join(sep + ch for sep, ch in zip(separators, code, strict=True))
    assert normalize_client_code(typed.lower() if lower else typed) == code


def test_history_reads_each_service_and_its_times_even_for_a_code_ending_in_x_and_digits():
    from services.history import parse_service_codes

    # "B2x1" stands for a code of its own here; operations write "x<times>" only for 2 or more.
    given = parse_service_codes("A1, C1x2, B2x1x3, B2x1", known={"A1", "C1", "B2x1"})
    assert given == {"A1": 1, "C1": 2, "B2x1": 4}
