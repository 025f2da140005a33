"""WSGI entry point: `waitress-serve --call kmapp:create_app` or `gunicorn wsgi:app`."""
from kmapp import create_app

app = create_app()
