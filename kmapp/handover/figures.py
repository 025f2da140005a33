"""The agency's and the programme's handover figures.

Per agency: departures in the coming 12 months (recorded and forecast from NIPs), the recorded
departures' handovers done / due / overdue, and the share of the last 12 months' departures that
left a confirmed handover. "Done" is confirmed by the supervisor; "overdue" is not yet submitted
while the leaving date is within the overdue setting (default 30 days).
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, func, select

from ..extensions import db
from ..models import Agency, Departure, Handover, HandoverState, User
from .departures import DepartureFact, departures_within, handover_settings

YEAR_DAYS = 365


@dataclass
class HandoverFigures:
    coming: int = 0              # leaving in the next 12 months, recorded or forecast
    coming_forecast: int = 0     # of which only foretold by the NIP (nobody recorded them yet)
    done: int = 0                # recorded, coming, handover confirmed
    awaiting: int = 0            # submitted, waiting for the supervisor
    due: int = 0                 # not submitted, leaving date further than the overdue window
    overdue: int = 0             # not submitted, leaving within the overdue window
    past_departures: int = 0     # left in the last 12 months
    past_confirmed: int = 0      # ... with a confirmed handover

    @property
    def share(self) -> float | None:
        """Share of the last 12 months' departures that left a confirmed handover (None: nobody left)."""
        return self.past_confirmed / self.past_departures if self.past_departures else None

    @property
    def uncovered(self) -> int:
        """Coming departures without a confirmed handover."""
        return self.coming - self.done


@dataclass
class AgencyHandoverRow:
    agency: Agency
    figures: HandoverFigures = field(default_factory=HandoverFigures)


def _count_coming(figures: HandoverFigures, fact: DepartureFact, today: date, overdue_days: int) -> None:
    figures.coming += 1
    if fact.forecast:
        figures.coming_forecast += 1
    elif fact.handover_state == HandoverState.CONFIRMED:
        figures.done += 1
    elif fact.handover_state == HandoverState.SUBMITTED:
        figures.awaiting += 1
    elif (fact.leaving_on - today).days <= overdue_days:
        figures.overdue += 1
    else:
        figures.due += 1


def _past_counts(today: date, agency_id: int | None) -> dict[int | None, tuple[int, int]]:
    """Agency -> (departures that took effect in the last 12 months, of them with a confirmed handover)."""
    confirmed = func.sum(case((Handover.state == HandoverState.CONFIRMED.value, 1), else_=0))
    query = (select(User.agency_id, func.count(Departure.id), confirmed)
             .join(User, User.id == Departure.user_id)
             .outerjoin(Handover, Handover.departure_id == Departure.id)
             .where(Departure.cancelled_at.is_(None),
                    Departure.leaving_on >= today - timedelta(days=YEAR_DAYS), Departure.leaving_on < today)
             .group_by(User.agency_id))
    if agency_id is not None:
        query = query.where(User.agency_id == agency_id)
    return {row[0]: (row[1], int(row[2] or 0)) for row in db.session.execute(query)}


def agency_handover_figures(agency_id: int, today: date) -> HandoverFigures:
    figures = HandoverFigures()
    overdue_days = handover_settings().overdue_days
    for fact in departures_within(YEAR_DAYS, agency_id, today):
        _count_coming(figures, fact, today, overdue_days)
    figures.past_departures, figures.past_confirmed = _past_counts(today, agency_id).get(agency_id, (0, 0))
    return figures


def programme_handover_rows(today: date) -> list[AgencyHandoverRow]:
    """Every agency's figures, most at risk first: the lowest share of confirmed handovers, then the most
    coming departures without one; agencies nobody left in the last 12 months after those with a share."""
    rows = {agency.id: AgencyHandoverRow(agency) for agency in db.session.scalars(select(Agency))}
    overdue_days = handover_settings().overdue_days
    for fact in departures_within(YEAR_DAYS, None, today):
        if fact.agency_id in rows:
            _count_coming(rows[fact.agency_id].figures, fact, today, overdue_days)
    for agency_id, (left, confirmed) in _past_counts(today, None).items():
        if agency_id in rows:
            rows[agency_id].figures.past_departures, rows[agency_id].figures.past_confirmed = left, confirmed

    def risk(row: AgencyHandoverRow):
        share = row.figures.share
        return (share is None, share if share is not None else 0, -row.figures.uncovered, row.agency.name)
    return sorted(rows.values(), key=risk)



def handover_agency_context(agency: Agency, viewer: User, today: date) -> dict:
    """What templates/handover/_agency_panel.html needs (the agency's programme page passes it on)."""
    from ..policy import can_manage_departures, can_view_programme, leads_in_agency
    return {"handover_figures": agency_handover_figures(agency.id, today),
            "handover_list_allowed": (can_manage_departures(viewer, agency.id) or leads_in_agency(viewer, agency.id)
                                      or can_view_programme(viewer))}
