from datetime import date

import pytest

from kmapp.auth.nip import InvalidNip, is_nip_shaped, parse_nip

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("nip, birth, year, month, gender", [
    ("198503152010012003", date(1985, 3, 15), 2010, 1, "P"),
    ("197012311995121001", date(1970, 12, 31), 1995, 12, "L"),
    ("200002292022061999", date(2000, 2, 29), 2022, 6, "L"),  # leap day
])
def test_valid_nip_is_decoded(nip, birth, year, month, gender):
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.appointment_year, info.appointment_month, info.gender) == (birth, year, month, gender)


@pytest.mark.parametrize("nip, reason", [
    ("19850315201001200", "18 angka"),             # 17 digits
    ("19850315201001200a", "18 angka"),            # a letter
    ("198502302010012003", "Tanggal lahir"),       # 30 February
    ("199902292021012003", "Tanggal lahir"),       # 1999 is not a leap year
    ("198503152010132003", "Bulan pengangkatan"),  # month 13
    ("198503152010002003", "Bulan pengangkatan"),  # month 00
    ("198503152010013003", "jenis kelamin"),       # gender digit 3
    ("198503152010010003", "jenis kelamin"),       # gender digit 0
    ("198503152010012000", "000"),                 # serial 000
    ("198503152030012003", "masa depan"),          # appointed in 2030
    ("198503151990012003", "Usia"),                # appointed at 4 years old
    ("202701012045012003", "masa depan"),          # born in the future
])
def test_invalid_nip_says_why(nip, reason):
    with pytest.raises(InvalidNip, match=reason):
        parse_nip(nip, today=TODAY)


def test_nip_shape_detection_tells_nip_from_username():
    assert is_nip_shaped("198503152010012003")
    assert not is_nip_shaped("lead.dinkes")
    assert not is_nip_shaped("12345")
