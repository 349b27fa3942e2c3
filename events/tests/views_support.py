"""Helpers shared by the view tests of this app."""

import datetime
import io

from PIL import Image

from events.models import Event, EventKind, EventStatus

D = datetime.date


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(region, **overrides) -> dict:
    data = {
        "title": "KI-Night Karlsruhe",
        "kind": EventKind.OWN_EVENT,
        "status": EventStatus.PLANNED,
        "start_date": "2024-10-10",
        "start_time": "18:00",
        "end_date": "",
        "end_time": "21:00",
        "area": Event.Area.REGIONAL,
        "region": region.pk if region else "",
        "alliance_role": Event.AllianceRole.ORGANISER,
        "expected_participants": "60",
        "work_packages": ["3"],
    }
    data.update(overrides)
    return data
