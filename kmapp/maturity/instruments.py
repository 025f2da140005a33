"""Instrument versions: the seeded default, new versions, and edits of an unfrozen version.

A version used by a round is frozen (`frozen_at`): every edit function refuses it with
InstrumentFrozen, and "buat versi baru" copies it into the next version number, codes and all,
so that year-over-year comparisons keep their indicator codes.
"""
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit import record_change
from ..extensions import db
from ..models import MaturityDimension, MaturityIndicator, MaturityInstrument, User
from ..models.base import utcnow
from .default_instrument import DIMENSIONS, THRESHOLDS


class InstrumentFrozen(ValueError):
    """The version is used by a round; changes go into a new version."""


class InstrumentInvalid(ValueError):
    """An edit the instrument cannot take (duplicate code, thresholds out of order)."""


def latest_instrument() -> MaturityInstrument | None:
    return db.session.scalar(select(MaturityInstrument).order_by(MaturityInstrument.version.desc()).limit(1))


def seed_default_instrument() -> MaturityInstrument:
    """Version 1 from kmapp/maturity/default_instrument.py (or the existing latest version)."""
    existing = latest_instrument()
    if existing is not None:
        return existing
    instrument = MaturityInstrument(version=1, name="Instrumen Maturitas KM Pemprov DKI Jakarta",
                                    **dict(zip(_THRESHOLD_FIELDS, THRESHOLDS)))
    for position, (code, name, indicators) in enumerate(DIMENSIONS, start=1):
        dimension = MaturityDimension(code=code, name=name, position=position)
        for index, (indicator_code, indicator_name, weight, levels) in enumerate(indicators, start=1):
            dimension.indicators.append(MaturityIndicator(
                instrument=instrument, code=indicator_code, name=indicator_name, weight=weight, position=index,
                **{f"level_{n}": text for n, text in enumerate(levels, start=1)}))
        instrument.dimensions.append(dimension)
    db.session.add(instrument)
    db.session.flush()
    return instrument


_THRESHOLD_FIELDS = ("level_2_from", "level_3_from", "level_4_from", "level_5_from")
_INDICATOR_FIELDS = ("code", "name", "weight", "level_1", "level_2", "level_3", "level_4", "level_5")


def new_version(source: MaturityInstrument, actor: User) -> MaturityInstrument:
    """Copy `source` (dimensions, indicators with their codes, thresholds) into the next version."""
    number = (db.session.scalar(select(func.max(MaturityInstrument.version))) or 0) + 1
    copy = MaturityInstrument(version=number, name=source.name, based_on_id=source.id, created_by=actor,
                              **{name: getattr(source, name) for name in _THRESHOLD_FIELDS})
    for dimension in source.dimensions:
        twin = MaturityDimension(code=dimension.code, name=dimension.name, position=dimension.position)
        for indicator in dimension.indicators:
            twin.indicators.append(MaturityIndicator(
                instrument=copy, position=indicator.position,
                **{name: getattr(indicator, name) for name in _INDICATOR_FIELDS}))
        copy.dimensions.append(twin)
    db.session.add(copy)
    db.session.flush()
    record_change("maturity_instrument.version_created", copy, {"from_version": source.version},
                  {"version": copy.version}, actor=actor)
    return copy


def freeze(instrument: MaturityInstrument) -> None:
    """Mark the version as used by a round (idempotent)."""
    if instrument.frozen_at is None:
        instrument.frozen_at = utcnow()


def _editable(instrument: MaturityInstrument) -> None:
    if instrument.frozen:
        raise InstrumentFrozen(_("Versi %(version)s sudah dipakai putaran penilaian dan tidak dapat diubah. Buat "
                                 "versi baru untuk mengubahnya.", version=instrument.version))


def set_thresholds(instrument: MaturityInstrument, thresholds: tuple[Decimal, ...], actor: User) -> bool:
    """Change the lowest totals of levels 2-5; they must rise strictly, above 20 and up to 100."""
    _editable(instrument)
    values = tuple(Decimal(value) for value in thresholds)
    if not (Decimal(20) < values[0] and all(a < b for a, b in zip(values, values[1:])) and values[-1] <= 100):
        raise InstrumentInvalid(_("Batas level harus naik dari level 2 ke level 5, di atas 20 dan paling tinggi "
                                  "100."))
    before = {name: str(getattr(instrument, name)) for name in _THRESHOLD_FIELDS}
    after = dict(zip(_THRESHOLD_FIELDS, map(str, values)))
    if before == after:
        return False
    for name, value in zip(_THRESHOLD_FIELDS, values):
        setattr(instrument, name, value)
    record_change("maturity_instrument.thresholds_changed", instrument, before, after, actor=actor)
    return True


def update_indicator(indicator: MaturityIndicator, values: dict, actor: User) -> bool:
    """Change an indicator's name, weight and level descriptors (the code is its identity)."""
    instrument = indicator.dimension.instrument
    _editable(instrument)
    fields = [name for name in _INDICATOR_FIELDS if name != "code"]
    before = {name: getattr(indicator, name) for name in fields}
    after = {name: values[name] for name in fields}
    if before == after:
        return False
    for name, value in after.items():
        setattr(indicator, name, value)
    record_change("maturity_indicator.changed", indicator, before, after, actor=actor)
    return True


def add_indicator(dimension: MaturityDimension, values: dict, actor: User) -> MaturityIndicator:
    """A new indicator at the end of `dimension`; its code must be new in this version."""
    instrument = dimension.instrument
    _editable(instrument)
    code = values["code"].strip().upper()
    if any(indicator.code == code for indicator in instrument.indicators):
        raise InstrumentInvalid(_("Kode %(code)s sudah dipakai indikator lain di versi ini.", code=code))
    indicator = MaturityIndicator(instrument=instrument, position=len(dimension.indicators) + 1,
                                  **{**{name: values[name] for name in _INDICATOR_FIELDS}, "code": code})
    dimension.indicators.append(indicator)
    db.session.flush()
    record_change("maturity_indicator.added", indicator, None, {"code": code, "version": instrument.version},
                  actor=actor)
    return indicator


def remove_indicator(indicator: MaturityIndicator, actor: User) -> None:
    instrument = indicator.dimension.instrument
    _editable(instrument)
    if len(instrument.indicators) <= 1:
        raise InstrumentInvalid(_("Instrumen memerlukan paling sedikit satu indikator."))
    record_change("maturity_indicator.removed", indicator, {"code": indicator.code, "version": instrument.version},
                  None, actor=actor)
    indicator.dimension.indicators.remove(indicator)
    db.session.delete(indicator)
    db.session.flush()
