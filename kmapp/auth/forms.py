from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from .passwords import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    login = StringField(_l("NIP atau nama pengguna"), validators=[DataRequired(_l("Isi NIP atau nama pengguna."))],
                        render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi."))],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Kata sandi saat ini"), validators=[DataRequired(_l("Isi kata sandi saat ini."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("Kata sandi baru"), validators=[
        DataRequired(_l("Isi kata sandi baru.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=_l("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH))],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Ulangi kata sandi baru"), validators=[
        EqualTo("new", message=_l("Kedua kata sandi baru tidak sama."))],
        render_kw={"autocomplete": "new-password"})


class LanguageForm(FlaskForm):
    lang = SelectField(_l("Bahasa"), choices=[SelectChoice("id", "Bahasa Indonesia"), SelectChoice("en", "English")])
