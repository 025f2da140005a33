"""NIP validation: any text gives a NipInfo or a reason in Indonesian, never a crash; every
real NIP is read back exactly."""
from datetime import date, timedelta

from hypothesis import given, strategies as st

from kmapp.auth.nip import InvalidNip, is_nip_shaped, parse_nip

from .conftest import TRIED

TODAY = date(2026, 11, 30)


@given(st.one_of(st.text(max_size=30), st.text(alphabet="0123456789 ", min_size=17, max_size=20)))
def test_any_text_is_a_nip_or_a_stated_reason(text):
    TRIED["nip"] += 1
    try:
        info = parse_nip(text, today=TODAY)
    except InvalidNip as error:
        assert str(error)  # the reason is shown to the user
        return
    assert is_nip_shaped(text.strip().replace(" ", ""))
    assert info.birth_date <= TODAY and info.gender in "LP" and 1 <= info.serial <= 999


@given(birth=st.dates(min_value=date(1960, 1, 1), max_value=date(2007, 1, 1)),
       years_until_appointed=st.integers(min_value=18, max_value=40), month=st.integers(1, 12),
       gender=st.sampled_from("12"), serial=st.integers(1, 999))
def test_every_valid_nip_reads_back_what_it_encodes(birth, years_until_appointed, month, gender, serial):
    TRIED["nip"] += 1
    appointed = birth.year + years_until_appointed
    if (appointed, month) > (TODAY.year, TODAY.month):
        appointed, month = TODAY.year, min(month, TODAY.month)
        if appointed - birth.year < 18:
            return
    nip = f"{birth:%Y%m%d}{appointed:04d}{month:02d}{gender}{serial:03d}"
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.appointment_year, info.appointment_month, info.serial) == (
        birth, appointed, month, serial)
    assert info.gender == ("L" if gender == "1" else "P")
    assert parse_nip(" ".join([nip[:8], nip[8:14], nip[14], nip[15:]]), today=TODAY) == info  # typed with spaces
    tomorrow = TODAY + timedelta(days=1)
    assert parse_nip(nip, today=tomorrow) == info
