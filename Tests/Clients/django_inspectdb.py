"""Runs django-salesforce's `inspectdb` over generated describe JSON, offline.

django-salesforce is a real Salesforce client: `inspectdb` reads `GET /sobjects` (describeGlobal)
and `GET /sobjects/<Object>/describe` for every object, and reads the field keys strictly (a
missing key raises). Here its REST calls never leave the machine: a `requests` transport adapter
mounted on the client's own session answers them from the files of a describe folder
(`global.json`, `<Object>.json`), and refuses any other request.

    python django_inspectdb.py inspect DESCRIBE_DIR MODELS_DIR   # writes MODELS_DIR/sfmodels/models.py
    python django_inspectdb.py check MODELS_DIR                  # imports those models, runs Django's checks

Exits non-zero when the client raises, when it writes "# Unable to inspect table", when an object
of describeGlobal is missing from the models, or when Django's checks report a problem.
"""

import io
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import django
from django.conf import settings

INSTANCE_URL = "https://orgname.my.salesforce.com"


def configure(installed_apps, api_version):
    settings.configure(
        DEBUG=False,
        SECRET_KEY="offline",
        INSTALLED_APPS=installed_apps,
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            "salesforce": {
                "ENGINE": "salesforce.backend",
                "AUTH": "django_inspectdb.OfflineAuth",
                "CONSUMER_KEY": "offline",
                "CONSUMER_SECRET": "offline",
                "USER": "offline",
                "PASSWORD": "offline",
                "HOST": INSTANCE_URL,
                "API_VERSION": api_version,
            },
        },
        DATABASE_ROUTERS=["salesforce.router.ModelRouter"],
        SF_LAZY_CONNECT=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def api_version_of(describe_dir):
    """The version the files were made for, read from describeGlobal's URLs (/services/data/v62.0/…)."""
    global_describe = json.loads((describe_dir / "global.json").read_text())
    first = global_describe["sobjects"][0]["urls"]["sobject"]
    return re.match(r"^/services/data/v([0-9]+\.0)/sobjects/", first).group(1)


def make_offline_auth():
    from salesforce.auth import StaticGlobalAuth

    class OfflineAuth(StaticGlobalAuth):
        """Logs in to nothing: the instance URL and token are fixed."""

        def authenticate(self):
            return {"instance_url": INSTANCE_URL, "access_token": "offline-token"}

    return OfflineAuth


def make_adapter(describe_dir, api_version):
    import requests
    from requests.adapters import BaseAdapter

    class DescribeFilesAdapter(BaseAdapter):
        """Answers describeGlobal and describeSObjects from files (and the versions resource the
        client pings); any other request is an error."""

        def __init__(self):
            super().__init__()
            self.served = []

        def send(self, request, **kwargs):
            path = urlsplit(request.url).path.rstrip("/")
            prefix = f"/services/data/v{api_version}/sobjects"
            if request.method != "GET":
                raise AssertionError(f"offline client: unexpected {request.method} {request.url}")
            body = None
            if path == "/services/data":
                # The client pings the versions resource; answer with the one version the files are for.
                body = json.dumps([{"label": "Generated", "url": f"/services/data/v{api_version}",
                                    "version": api_version}]).encode()
                file = None
            elif path == prefix:
                file = describe_dir / "global.json"
            else:
                match = re.fullmatch(re.escape(prefix) + r"/([A-Za-z0-9_]+)/describe", path)
                if not match:
                    raise AssertionError(f"offline client: no file answers GET {request.url}")
                file = describe_dir / f"{match.group(1)}.json"
            response = requests.Response()
            response.request = request
            response.url = request.url
            response.encoding = "utf-8"
            response.headers["Content-Type"] = "application/json;charset=UTF-8"
            response.headers["Sforce-Limit-Info"] = "api-usage=1/15000"
            if body is not None:
                response.status_code = 200
                response._content = body
            elif file.exists():
                response.status_code = 200
                response._content = file.read_bytes()
            else:
                response.status_code = 404
                response._content = json.dumps(
                    [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]
                ).encode()
            self.served.append(path)
            return response

        def close(self):
            pass

    return DescribeFilesAdapter()


def inspect(describe_dir, models_dir):
    describe_dir = Path(describe_dir).resolve()
    models_dir = Path(models_dir).resolve()
    api_version = api_version_of(describe_dir)
    sys.modules.setdefault("django_inspectdb", sys.modules[__name__])
    configure(["salesforce"], api_version)
    global OfflineAuth
    OfflineAuth = make_offline_auth()

    from django.core.management import call_command
    from django.db import connections

    connection = connections["salesforce"]
    connection.connect()
    adapter = make_adapter(describe_dir, api_version)
    connection.sf_session.mount(INSTANCE_URL, adapter)

    out = io.StringIO()
    call_command("inspectdb", database="salesforce", stdout=out)
    models = out.getvalue()

    problems = []
    for line in models.splitlines():
        if "# Unable to inspect table" in line or "# The error was:" in line:
            problems.append(line.strip())
    expected = sorted(entry["name"] for entry in json.loads((describe_dir / "global.json").read_text())["sobjects"])
    written = sorted(re.findall(r"^\s+db_table = '([^']+)'", models, flags=re.M))
    if written != expected:
        problems.append(f"models written for {written}, describeGlobal lists {expected}")
    described = sorted({p.rsplit("/", 2)[-2] for p in adapter.served if p.endswith("/describe")})
    if described != expected:
        problems.append(f"describes read: {described}; describeGlobal lists {expected}")

    package = models_dir / "sfmodels"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(models)
    print(f"inspectdb: {len(written)} models from {len(adapter.served)} describe responses (API {api_version}) "
          f"-> {package / 'models.py'}")
    if problems:
        for problem in problems:
            print(f"FAIL: {problem}", file=sys.stderr)
        sys.exit(1)


def check(models_dir):
    sys.path.insert(0, str(Path(models_dir).resolve()))
    configure(["salesforce", "sfmodels"], "62.0")
    from django.apps import apps
    from django.core.management import call_command

    import sfmodels.models  # noqa: F401  (the import is the test)

    models = apps.get_app_config("sfmodels").get_models()
    count = len(list(models))
    call_command("check", fail_level="WARNING")
    print(f"django check: {count} models import and pass Django's checks")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "inspect":
        inspect(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
