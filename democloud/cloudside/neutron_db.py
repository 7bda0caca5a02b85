"""``neutron-db-manage`` on PostgreSQL, past the three migrations written for MySQL only.

Neutron dropped PostgreSQL support upstream (found here, neutron 29.0.0 and
neutron-vpnaas 29.0.0):
- ``d553edeb540f`` changes the ``tags`` table's MySQL character set: skipped
  (PostgreSQL compares text case-sensitively already);
- ``b18aab30fddc`` and ``842256a43ce2`` redefine the VPN algorithm ENUM
  columns the MySQL way, reusing a type name PostgreSQL already has: the
  columns become VARCHAR instead (the API still validates the values).
Usage: python neutron_db.py --config-file neutron.conf upgrade heads
"""
import sys

import sqlalchemy as sa
from alembic.operations import Operations
from neutron.db.migration import cli

MYSQL_ONLY = "ALTER TABLE tags "
_execute = Operations.execute
_alter_column = Operations.alter_column


def execute(self, sqltext, *args, **kwargs):
    if isinstance(sqltext, str) and sqltext.startswith(MYSQL_ONLY):
        return None
    return _execute(self, sqltext, *args, **kwargs)


def alter_column(self, table_name, column_name, *args, **kwargs):
    if isinstance(kwargs.get("type_"), sa.Enum):
        kwargs["type_"] = sa.String(length=32)
    return _alter_column(self, table_name, column_name, *args, **kwargs)


Operations.execute = execute
Operations.alter_column = alter_column

if __name__ == "__main__":
    sys.argv[0] = "neutron-db-manage"
    sys.exit(cli.main())
