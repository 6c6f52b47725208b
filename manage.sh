#!/usr/bin/env bash
# One entry point for people and CI. Each command installs what it needs, and is quick the
# second time (installs are skipped while pyproject.toml is unchanged).
#
#   ./manage.sh run          install, migrate, load demo data, run the app on http://localhost:3000
#                            and its scheduler (time limits, reminders), both stopped together;
#                            SOPRANO_WORKERS=N with REFLEX_REDIS_URL=redis://… runs N server workers
#   ./manage.sh test         install (with test tools and Chromium), lint, type-check, run all tests
#   ./manage.sh e2e          only the browser journeys (CI runs them once more on two workers + Redis)
#   ./manage.sh reset-demo   delete everything and reload the demo data
#   ./manage.sh copy-files-to-database   copy the files on disk into the database (SOPRANO_STORAGE=database)
#   ./manage.sh bench        run the load benchmarks (see bench/README.md)
set -euo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3.11}"
command -v "$PYTHON_BIN" >/dev/null 2>&1 || PYTHON_BIN=python3

export REFLEX_USE_SYSTEM_BUN=1          # Reflex's own bun download needs general internet access
export REFLEX_TELEMETRY_ENABLED=false
export PYTHONDONTWRITEBYTECODE=1

say() { printf '\033[1m» %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Cette étape demande les droits root : $*" >&2; return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || { echo "apt-get introuvable : installez $* à la main." >&2; return 1; }
  if [ ! -f "$ROOT/.stamps/apt-updated" ]; then as_root apt-get update -qq; mkdir -p "$ROOT/.stamps"; touch "$ROOT/.stamps/apt-updated"; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "Création de l'environnement Python ($PYTHON_BIN)"
    if ! "$PYTHON_BIN" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      local minor; minor="$("$PYTHON_BIN" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      apt_install "python${minor}-venv" || apt_install python3-venv
      "$PYTHON_BIN" -m venv "$VENV"
    fi
  fi
}

ensure_python_packages() {  # $1 = extras ("" or "test")
  local extras="$1" stamp="$VENV/.installed${1:+-$1}" want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  # The test extras include everything the app needs: after `test`, `run` installs nothing.
  if [ -z "$extras" ] && [ "$(cat "$VENV/.installed-test" 2>/dev/null)" = "$want" ]; then return; fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installation des dépendances Python${extras:+ ($extras)}"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".${extras:+[$extras]}"
    echo "$want" > "$stamp"
  fi
}

ensure_bun() {
  if ! command -v bun >/dev/null 2>&1; then
    say "Installation de bun (npm install -g bun)"
    npm install -g bun >/dev/null
  fi
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then export CHROMIUM_PATH="$candidate"; return; fi
  done
  say "Installation de Chromium (paquet Debian chromium)"
  apt_install chromium
  export CHROMIUM_PATH=/usr/bin/chromium
}

prepare() {  # $1 = extras
  ensure_venv
  ensure_python_packages "$1"
  ensure_bun
  # shellcheck disable=SC1091
  source "$VENV/bin/activate"
}

# How many server processes, and where the tabs' state lives (README « Déploiement »): one worker
# keeps it in memory; several share it through Redis, which they then need.
choose_workers() {
  local workers="${SOPRANO_WORKERS:-}"
  if [ -z "${REFLEX_REDIS_URL:-}" ]; then
    if [ -n "$workers" ] && [ "$workers" != "1" ]; then
      echo "SOPRANO_WORKERS=$workers demande REFLEX_REDIS_URL (l'état des onglets doit être partagé entre les processus)." >&2
      exit 2
    fi
    return
  fi
  workers="${workers:-$(nproc 2>/dev/null || echo 2)}"
  case "$workers" in ''|*[!0-9]*|0) echo "SOPRANO_WORKERS doit être un nombre entier positif." >&2; exit 2 ;; esac
  export GRANIAN_WORKERS="$workers"
  say "$workers processus serveur, état partagé dans Redis"
}

cmd_run() {
  prepare ""
  choose_workers
  say "Migrations de la base de données"
  python -m soprano_app.cli migrate
  export SOPRANO_PUBLIC_URL="${SOPRANO_PUBLIC_URL:-http://localhost:${PORT:-3000}}"
  say "Démarrage du planificateur (délais, rappels)"
  python -m soprano_app.scheduler &
  SCHEDULER_PID=$!
  say "Démarrage sur ${SOPRANO_PUBLIC_URL}"
  reflex run --env prod --single-port --backend-port "${PORT:-3000}" --backend-host "${HOST:-0.0.0.0}" &
  SERVER_PID=$!
  # Both stop together: when either ends, or when this script is told to stop (Ctrl-C, kill, a
  # service manager). The server runs in the background so that the trap runs at once (bash waits
  # for a foreground child before handling a signal).
  trap 'stop_run' EXIT
  trap 'exit 130' INT TERM
  wait -n "$SCHEDULER_PID" "$SERVER_PID"
}

stop_run() {
  kill -TERM "$SERVER_PID" "$SCHEDULER_PID" 2>/dev/null || true
  wait "$SERVER_PID" "$SCHEDULER_PID" 2>/dev/null || true
}

cmd_test() {
  prepare "test"
  ensure_chromium
  say "Qualité du code : ruff, mypy"
  ruff check .
  ruff format --check .
  mypy
  say "Tests unitaires, d'états, de services et de sécurité${SOPRANO_TEST_DATABASE_URL:+ (PostgreSQL)}"
  # A test that hangs fails after its timeout (with its stack) instead of holding up the whole run.
  python -m pytest tests/domain tests/services tests/states tests/security -p no:playwright -q --timeout=300 "$@"
  run_e2e "$@"
}

run_e2e() {
  choose_workers
  say "Tests de bout en bout (Playwright, Chromium)${SOPRANO_TEST_DATABASE_URL:+ (PostgreSQL)}${GRANIAN_WORKERS:+ ($GRANIAN_WORKERS processus, Redis)}"
  python -m pytest tests/e2e -q --timeout=900 "$@"
}

cmd_e2e() {
  prepare "test"
  ensure_chromium
  run_e2e "$@"
}

cmd_reset_demo() {
  prepare ""
  python -m soprano_app.cli reset-demo
}

cmd_copy_files_to_database() {
  prepare ""
  python -m soprano_app.cli copy-files-to-database
}

cmd_bench() {
  prepare "test"
  python -m bench.run "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  e2e) shift; cmd_e2e "$@" ;;
  reset-demo) shift; cmd_reset_demo "$@" ;;
  copy-files-to-database) shift; cmd_copy_files_to_database "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
