"""Language choice: Bahasa Indonesia by default, English on request."""
from flask import current_app, has_request_context, session
from flask_login import current_user


def select_locale() -> str:
    """The signed-in user's saved choice, else the anonymous session's, else Indonesian."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a command (e.g. import-departures) speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]
