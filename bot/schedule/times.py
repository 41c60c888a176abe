"""When a daily post is due: pure functions over a subscription's local time and zone.

APScheduler's CronTrigger computes fire times in the subscription's zone. Across a DST change
a wall-clock time can be missing (spring) or happen twice (autumn); a day's post is keyed by
its local date, so the missing time fires an hour later and the repeated one fires once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

DEFAULT_GRACE = timedelta(hours=6)
_HHMM = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


class ScheduleError(ValueError):
    """A time or zone the user typed that cannot be used; the message says why, politely."""


@dataclass(frozen=True)
class DailyTime:
    """A local time of day in an IANA zone."""

    hour: int
    minute: int
    zone: str

    @property
    def label(self) -> str:
        """`08:30 Europe/Paris`."""
        return f"{self.hour:02d}:{self.minute:02d} {self.zone}"

    def trigger(self) -> CronTrigger:
        """The APScheduler trigger that fires at this time every day in its zone."""
        return CronTrigger(hour=self.hour, minute=self.minute, timezone=ZoneInfo(self.zone))

    def local_date(self, moment: datetime) -> date:
        """The day, in this zone, that an instant belongs to."""
        return moment.astimezone(ZoneInfo(self.zone)).date()


def parse_time(text: str) -> tuple[int, int]:
    """`08:30`, `8:30`, `8.30` or `8h30` as (hour, minute)."""
    match = _HHMM.match(text.strip())
    if not match:
        raise ScheduleError(f"I couldn't read `{text[:20]}` as a time. Use HH:MM, such as 08:30.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ScheduleError(f"`{text[:20]}` isn't a time of day. Use 00:00 to 23:59.")
    return hour, minute


def parse_zone(text: str | None) -> str:
    """An IANA zone name (case-insensitive), `UTC` when none is given."""
    if not text:
        return "UTC"
    wanted = text.strip()
    if wanted.upper() in ("UTC", "GMT", "Z"):
        return "UTC"
    if "/" not in wanted or ".." in wanted or len(wanted) > 64:
        raise ScheduleError(
            f"`{wanted[:40]}` isn't a time zone I know. Use an IANA name such as Europe/Paris."
        )
    match = next((z for z in available_timezones() if z.casefold() == wanted.casefold()), None)
    if match is None:
        raise ScheduleError(
            f"`{wanted[:40]}` isn't a time zone I know. Use an IANA name such as Europe/Paris."
        )
    try:
        ZoneInfo(match)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"`{wanted[:40]}` isn't a time zone I can use.") from exc
    return match


def daily_time(time_text: str, zone_text: str | None) -> DailyTime:
    """A subscription time from what the user typed."""
    hour, minute = parse_time(time_text)
    return DailyTime(hour, minute, parse_zone(zone_text))


def next_fire(when: DailyTime, now: datetime) -> datetime:
    """The next time strictly after `now` that a post is due: the first fire of each local
    day, so autumn's repeated hour fires once and spring's missing one an hour later."""
    day = when.local_date(now)
    for offset in range(3):
        fire = _fire_on(when, day + timedelta(days=offset))
        if fire is not None and fire > now:
            return fire
    raise AssertionError("a daily time always fires within two days")  # pragma: no cover


def fire_times(when: DailyTime, start: datetime, count: int) -> list[datetime]:
    """The next `count` fire times after `start` (for tests and `subscriptions`)."""
    times: list[datetime] = []
    moment = start
    for _ in range(count):
        moment = next_fire(when, moment)
        times.append(moment)
    return times


def due_for_catch_up(
    when: DailyTime, now: datetime, grace: timedelta = DEFAULT_GRACE
) -> date | None:
    """The local date whose post was due within the grace window before `now`, if any."""
    today_fire = _fire_on(when, when.local_date(now))
    if today_fire is not None and today_fire <= now <= today_fire + grace:
        return when.local_date(now)
    yesterday = when.local_date(now) - timedelta(days=1)
    late = _fire_on(when, yesterday)
    if late is not None and late <= now <= late + grace:
        return yesterday
    return None


def _fire_on(when: DailyTime, day: date) -> datetime | None:
    zone = ZoneInfo(when.zone)
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
    fire: datetime | None = when.trigger().get_next_fire_time(None, midnight - timedelta(seconds=1))
    return fire if fire is not None and when.local_date(fire) == day else None
