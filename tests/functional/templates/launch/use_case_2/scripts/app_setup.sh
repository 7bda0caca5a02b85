#!/bin/sh
# Stand-in: would point the app at its database.
echo "db at $DB_ADDRESS"
