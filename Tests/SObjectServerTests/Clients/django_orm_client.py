"""django-salesforce's ORM against the local server: models written by its inspectdb from the
server's own describe, then create, filter, exclude, order_by, count, select_related, values_list,
update and delete, each compiled to SOQL by the client and each result checked.

Usage: python django_orm_client.py http://127.0.0.1:PORT TOKEN WORK_DIR
(runs itself twice: `inspect`, which writes WORK_DIR/sfmodels/models.py, then `orm`).
Prints one line per check; exits 1 on the first wrong answer.
"""
import datetime
import io
import re
import subprocess
import sys
from pathlib import Path

import django
from django.conf import settings
from requests.adapters import HTTPAdapter


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


class PlainHTTP(HTTPAdapter):
    """django-salesforce accepts only https:// instance URLs; the local server speaks plain HTTP."""

    def send(self, request, **kwargs):
        request.url = request.url.replace("https://", "http://", 1)
        return super().send(request, **kwargs)


def configure(url, token, apps):
    global INSTANCE_URL, TOKEN
    INSTANCE_URL, TOKEN = url.replace("http://", "https://", 1), token
    settings.configure(
        DEBUG=False,
        SECRET_KEY="local",
        USE_TZ=True,
        INSTALLED_APPS=apps,
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            "salesforce": {
                "ENGINE": "salesforce.backend",
                "AUTH": "django_orm_client.LocalAuth",
                "CONSUMER_KEY": "local",
                "CONSUMER_SECRET": token,
                "USER": "local",
                "PASSWORD": "local",
                "HOST": INSTANCE_URL,
                "API_VERSION": "62.0",
            },
        },
        DATABASE_ROUTERS=["salesforce.router.ModelRouter"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    sys.modules.setdefault("django_orm_client", sys.modules[__name__])
    global LocalAuth
    from salesforce.auth import StaticGlobalAuth

    class LocalAuth(StaticGlobalAuth):
        """The local server's token; no login."""

        def authenticate(self):
            return {"instance_url": INSTANCE_URL, "access_token": TOKEN}

    django.setup()
    from django.db import connections

    connection = connections["salesforce"]
    connection.connect()
    connection.sf_session.mount(INSTANCE_URL, PlainHTTP())


def inspect(url, token, work):
    configure(url, token, ["salesforce"])
    from django.core.management import call_command

    out = io.StringIO()
    call_command("inspectdb", "EngagementInteraction", "User", database="salesforce", stdout=out)
    models = out.getvalue()
    check("# Unable to inspect table" not in models, "inspectdb reads the server's describe")
    check(re.search(r"^class EngagementInteraction\(models\.Model\):", models, re.M) is not None,
          "inspectdb writes an EngagementInteraction model")
    package = Path(work) / "sfmodels"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(models)


def orm(url, token, work):
    sys.path.insert(0, str(Path(work).resolve()))
    configure(url, token, ["salesforce", "sfmodels"])
    from sfmodels.models import EngagementInteraction as EI, User

    def name(model, column):
        """The attribute inspectdb gave the field of `column`."""
        for field in model._meta.get_fields():
            if getattr(field, "db_column", None) == column:
                return field.name
        raise KeyError(column)

    reason, channel, start, end = (name(EI, c) for c in ("Reason", "CommunicationChannel", "StartDateTime",
                                                         "EndDateTime"))
    owner = name(EI, "OwnerId")
    utc = datetime.timezone.utc
    rows = [("Django alpha", "Voice Call", 1, True), ("Django beta", "Web Chat", 2, False),
            ("django gamma", "Web Chat", 3, True), ("Other delta", "Video Call", 4, False)]
    for text, chan, day, ended in rows:
        values = {reason: text, channel: chan, start: datetime.datetime(2024, 3, day, 10, tzinfo=utc)}
        if ended:
            values[end] = datetime.datetime(2024, 3, day, 11, tzinfo=utc)
        EI.objects.create(**values)
    objects = EI.objects.all()
    check(objects.count() == 4, "create stores 4 records; count() says 4")

    def reasons(queryset):
        return sorted(queryset.values_list(reason, flat=True))

    check(reasons(EI.objects.filter(**{reason: "Django alpha"})) == ["Django alpha"], "filter exact")
    check(reasons(EI.objects.filter(**{reason + "__iexact": "DJANGO BETA"})) == ["Django beta"], "filter iexact")
    check(reasons(EI.objects.filter(**{reason + "__contains": "ang"})) ==
          ["Django alpha", "Django beta", "django gamma"], "filter contains")
    check(reasons(EI.objects.filter(**{reason + "__startswith": "Other"})) == ["Other delta"], "filter startswith")
    check(reasons(EI.objects.filter(**{channel + "__in": ["Voice Call", "Video Call"]})) ==
          ["Django alpha", "Other delta"], "filter in")
    march2 = datetime.datetime(2024, 3, 2, 10, tzinfo=utc)
    check(reasons(EI.objects.filter(**{start + "__gt": march2})) == ["Other delta", "django gamma"],
          "filter gt on a datetime")
    check(reasons(EI.objects.filter(**{start + "__lt": march2})) == ["Django alpha"], "filter lt on a datetime")
    check(reasons(EI.objects.filter(**{end + "__isnull": True})) == ["Django beta", "Other delta"], "filter isnull")
    check(reasons(EI.objects.exclude(**{channel: "Web Chat"})) == ["Django alpha", "Other delta"], "exclude")
    ordered = list(EI.objects.order_by("-" + start).values_list(reason, flat=True))
    check(ordered == ["Other delta", "django gamma", "Django beta", "Django alpha"], "order_by descending")
    check(EI.objects.filter(**{channel: "Web Chat"}).count() == 2, "count() of a filter")

    first = EI.objects.select_related(owner).get(**{reason: "Django alpha"})
    parent = getattr(first, owner)
    check(isinstance(parent, User) and getattr(parent, name(User, "Name")) == "Integration User",
          "select_related over the Owner lookup gives the owner's Name")
    check(EI.objects.filter(**{owner + "__" + name(User, "Name"): "Integration User"}).count() == 4,
          "filter across the lookup (Owner.Name)")

    pair = EI.objects.filter(**{reason + "__in": ["Django alpha", "Django beta"]})
    updated = pair.update(**{channel: "In Person"})
    check(updated == 2, "update() of a filter changes 2 records")
    check(reasons(EI.objects.filter(**{channel: "In Person"})) == ["Django alpha", "Django beta"],
          "the update is stored")
    EI.objects.filter(**{reason: "Other delta"}).delete()
    check(reasons(EI.objects.all()) == ["Django alpha", "Django beta", "django gamma"], "delete() of a filter")
    print("all django-salesforce checks passed")


if __name__ == "__main__":
    url, token, work = sys.argv[1:4]
    if len(sys.argv) == 5 and sys.argv[4] == "orm":
        orm(url, token, work)
    else:
        inspect(url, token, work)
        sys.stdout.flush()
        sys.exit(subprocess.run([sys.executable, __file__, url, token, work, "orm"]).returncode)
