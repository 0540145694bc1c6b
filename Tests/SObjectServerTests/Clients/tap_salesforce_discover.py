"""Runs tap-salesforce's discovery (`--discover`) against the local server.

tap-salesforce logs in at https://login.salesforce.com/services/oauth2/token (refresh-token grant);
this wrapper sends that one request to the local server's token endpoint instead. Everything after
it goes to the `instance_url` the server answers, as with a real org.

Usage: python tap_salesforce_discover.py http://127.0.0.1:PORT TOKEN CONFIG_PATH [TAP ARGUMENTS]
Prints the catalog (without TAP ARGUMENTS: --discover), or the tap's messages.
"""
import json
import sys

import requests

local, token, config_path = sys.argv[1], sys.argv[2], sys.argv[3]
original = requests.Session.post


def post(self, url, *args, **kwargs):
    for login in ("https://login.salesforce.com", "https://test.salesforce.com"):
        if url.startswith(login):
            url = local + url[len(login):]
    return original(self, url, *args, **kwargs)


requests.Session.post = post
json.dump({"client_id": "local", "client_secret": token, "refresh_token": token, "api_type": "REST",
           "start_date": "2024-01-01T00:00:00Z", "select_fields_by_default": True, "is_sandbox": False},
          open(config_path, "w"))
sys.argv = ["tap-salesforce", "--config", config_path] + (sys.argv[4:] or ["--discover"])
import tap_salesforce  # noqa: E402

tap_salesforce.main()
