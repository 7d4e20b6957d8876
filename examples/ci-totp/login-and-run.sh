#!/usr/bin/env bash
# Logs in to a gcis server with TOTP, runs one command with the session token, and logs out at the
# end whatever happened. Every secret comes from the environment, never from the command line:
#
#   GCIS_SERVER       gcis server URL
#   GCIS_ACCOUNT      account name
#   GCIS_PASSWORD     its password                    (a CI secret)
#   GCIS_TOTP_SECRET  its authenticator's base32 key  (a CI secret)
#   GCIS_BIN          how to run gcis (default: gcis), e.g. "node packages/cli/dist/bin.js"
#
# usage: login-and-run.sh CMD [ARGS…]    CMD sees GCIS_TOKEN and GCIS_SERVER; its exit status is ours.
set -euo pipefail

for name in GCIS_SERVER GCIS_ACCOUNT GCIS_PASSWORD GCIS_TOTP_SECRET; do
  # An unset CI secret arrives as an empty string: say which one instead of failing later.
  if [[ -z "${!name:-}" ]]; then
    echo "login-and-run: $name is not set" >&2
    exit 2
  fi
done
if (($# == 0)); then
  echo "usage: $0 CMD [ARGS…]" >&2
  exit 2
fi

read -r -a gcis <<<"${GCIS_BIN:-gcis}"

# A token store of this job's own, gone with the job.
GCIS_CONFIG_DIR="$(mktemp -d)"
export GCIS_CONFIG_DIR

finish() {
  local status=$?
  # Revokes the session on the server; exits 0 when the login never happened.
  "${gcis[@]}" logout || echo "login-and-run: logout failed; the session still ends at its expiry" >&2
  rm -rf "$GCIS_CONFIG_DIR"
  exit "$status"
}
trap finish EXIT

# Never prompts: a missing input fails with exit 2 naming it. If an earlier job used this 30-second
# code already, gcis waits for the next one by itself (up to 30 s).
"${gcis[@]}" login --method totp --non-interactive

# CMD needs the session, not the long-lived secrets.
unset GCIS_PASSWORD GCIS_TOTP_SECRET
"${gcis[@]}" exec -- "$@"
