"""System checks of the accounts app.

Demo accounts have a public password and every demo staff member shares one
public authenticator secret: they must never exist on a site with DEBUG off
(for instance a demo database promoted to production).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from accounts.demo import DEMO_EMAIL_DOMAIN, demo_secret_authenticators, demo_users
from accounts.models import User

DEMO_HINT = "Run `manage.py purge_demo --yes` to remove them (see README.md, Production deployment)."


def _demo_errors(databases) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    for alias in databases:
        try:
            # Before the first migrate the tables do not exist yet: nothing to find.
            if User._meta.db_table not in connections[alias].introspection.table_names():
                continue
            accounts = demo_users(using=alias).count()
            authenticators = len(demo_secret_authenticators(using=alias))
        except DatabaseError:
            # A database that cannot be reached is reported by what needs it
            # (migrate, the web process); this check has nothing to say.
            continue
        if accounts:
            errors.append(
                Error(
                    f"{accounts} demo account(s) (@{DEMO_EMAIL_DOMAIN}, public password) exist "
                    f"in database '{alias}' while DEBUG is off.",
                    hint=DEMO_HINT,
                    id="accounts.E001",
                )
            )
        if authenticators:
            errors.append(
                Error(
                    f"{authenticators} authenticator app(s) in database '{alias}' use the public demo secret "
                    "while DEBUG is off: anyone can produce their codes.",
                    hint=DEMO_HINT,
                    id="accounts.E002",
                )
            )
    return errors


@register(Tags.security, Tags.database)
def demo_accounts_check(app_configs=None, databases=None, **kwargs):
    """Errors while demo accounts or the demo secret exist with DEBUG off, in
    the databases the command checks (migrate, `check --database default`)."""
    return _demo_errors(databases or [])


@register(Tags.security, deploy=True)
def demo_accounts_deploy_check(app_configs=None, databases=None, **kwargs):
    """`check --deploy` is the release gate the README gives: it looks at the
    default database even when no --database is named."""
    if databases:
        return []  # demo_accounts_check already looked at them
    return _demo_errors([DEFAULT_DB_ALIAS])
