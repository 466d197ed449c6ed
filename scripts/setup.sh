# Shared by scripts/run and scripts/test: create .venv if missing and install the project into it.
# Installing is skipped when nothing it depends on changed, so running twice is a no-op.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

ensure_venv() {
  local extras="$1"  # "" or "test"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV"
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-${extras:-base}"
  local want
  want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "setup: installing the project${extras:+ with [$extras]} into .venv"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null
  if [ -n "$extras" ]; then
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]"
  else
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT"
  fi
  echo "$want" > "$stamp"
}

ensure_chromium() {
  # The console's browser test drives Debian's Chromium; install it when we can.
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || echo "setup: could not install chromium; the browser tests will say so"
  else
    echo "setup: chromium is missing and cannot be installed here; the browser tests will say so"
  fi
}

ensure_postgres() {
  # The storage tests run against the local PostgreSQL too; start it if it is installed but down.
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      echo "setup: starting the local PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    fi
  fi
}
