"""What the simple-salesforce scripts share: a client connected to the local server, and a check
that prints one line and stops the script at the first wrong answer."""
import sys

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce


class PlainHTTP(HTTPAdapter):
    """simple-salesforce always builds https:// URLs; the local server speaks plain HTTP."""

    def send(self, request, **kwargs):
        request.url = request.url.replace("https://", "http://", 1)
        return super().send(request, **kwargs)


def connect(url, token, version="62.0"):
    """simple-salesforce's client for the server at `url` (http://127.0.0.1:PORT), with its token."""
    session = requests.Session()
    session.mount("https://", PlainHTTP())
    return Salesforce(instance_url=url, session_id=token, version=version, session=session)


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)
