"""kiallianz/choices.py: labels of choice values."""


def test_a_choice_label_is_the_translated_label_or_the_value_itself():
    from django.utils import translation

    from contacts.models import FirstContact, Organisation

    status = FirstContact(quality_status="in_ecosystem")
    assert status.quality_status_label == status.get_quality_status_display()
    with translation.override("en"):
        assert (
            Organisation(kind="startup").kind_label
            == Organisation(kind="startup").get_kind_display()
        )
    assert Organisation(kind="unbekannt").kind_label == "unbekannt"
