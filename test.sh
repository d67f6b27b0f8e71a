#!/usr/bin/env bash
# Installs what the tests need when it is missing, then runs the whole suite.
#   ./test.sh                       all tests; the Kubernetes conformance suite runs against the sandbox simulator
#   ./test.sh --cluster <kubeconfig> the conformance suite runs against that cluster instead
#   ./test.sh -- <dotnet test args>  extra arguments for `dotnet test` (e.g. --filter ...)
set -euo pipefail
cd "$(dirname "$0")"

cluster=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cluster) cluster="$(realpath "$2")"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests drive: a real browser, a real PostgreSQL, kubectl, curl and openssl as independent judges.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
export PG_BIN
export DASHBOARD_CHROMIUM="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"
if [ -n "$cluster" ]; then
  export DASHBOARD_CONFORMANCE_KUBECONFIG="$cluster"
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
# The browser tests save a screenshot of every stage here, next to the test results.
export DASHBOARD_SCREENSHOTS="$results/screenshots"

dotnet build Dashboard.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
# Style is part of the build: the .editorconfig rules hold everywhere (`dotnet format Dashboard.sln` fixes them).
echo "test.sh: checking formatting (dotnet format --verify-no-changes)"
dotnet format Dashboard.sln --verify-no-changes --no-restore
set +e
dotnet test Dashboard.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" "${extra[@]}" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

echo
echo "== Test summary"
grep -E '(Passed|Failed)! +- ' "$results/console.log" || true
grep -E '(Passed|Failed)! +- ' "$results/console.log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+), Total: +([0-9]+).*/\1 \2 \3 \4/' \
  | awk '{f+=$1; p+=$2; s+=$3; t+=$4} END {printf "== All projects: %d passed, %d failed, %d skipped, %d total\n", p, f, s, t}'
if [ "$status" -ne 0 ]; then
  echo "== Failures"
  grep -E -A 30 '^\s*Failed [A-Za-z]' "$results/console.log" | head -n 300 || true
fi
exit "$status"
