# Sourced first by the test scripts (bash): strict mode, the program under
# test, a scratch folder removed at exit, and fail.
set -uo pipefail
: "${FEEDCARD_BIN:?FEEDCARD_BIN names the feedcard program to test}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
