#!/bin/sh
# Stand-in: would create the database.
echo "database ready"
