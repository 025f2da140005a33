from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from .. import labels
from ..models import Delivery

DELIVERY = {
    Delivery.IN_APP.value: _l("Hanya di portal"),
    Delivery.DIGEST.value: _l("Di portal dan ringkasan harian lewat e-mail"),
    Delivery.IMMEDIATE.value: _l("Di portal dan e-mail saat itu juga"),
}


class PreferenceForm(FlaskForm):
    delivery = RadioField(_l("Cara menerima pemberitahuan"), choices=labels.choices(DELIVERY),
                          default=Delivery.IN_APP.value)
