# shellcheck shell=bash disable=SC2034
# Shared bash for deploy/up, deploy/down, deploy/ctl and tests/run. Source it; it only
# defines functions and never starts anything by itself.
#
# Settings come, highest priority first, from: the caller's environment, (for commands that
# attach to a running stack) the settings that stack was started with ($VAR/stack.env),
# the repo's .env file (or $T2O_ENV_FILE), then the defaults below.

say() { printf '%s: %s\n' "${T2O_PROG:-t2o}" "$*"; }
warn() { printf '%s: warning: %s\n' "${T2O_PROG:-t2o}" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "${T2O_PROG:-t2o}" "$*" >&2
  exit 1
}
section() { printf '\n==== %s ====\n' "$*"; }

require_root() {
  # Creating users, running initdb as postgres and dropping privileges all need root.
  [ "$(id -u)" -eq 0 ] || die "run this as root (it manages postgres, nginx and service users)"
}

# --- settings -------------------------------------------------------------------------

# Prints the value KEY has in FILE (KEY=VALUE lines, optional "export ", optional quotes).
env_file_value() {
  local file=$1 key=$2 line
  [ -r "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#export }
    if [[ $line == "$key="* ]]; then
      unquote "${line#*=}"
      return 0
    fi
  done <"$file"
}

unquote() {
  local value=$1
  if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
  printf '%s' "$value"
}

# Exports every KEY=VALUE of FILE whose KEY is not set yet: values already in the
# environment win. Values are taken literally (no expansion, no command substitution).
load_env_file() {
  local file=$1 line key
  [ -r "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#export }
    [[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || continue
    key=${line%%=*}
    [ -n "${!key+set}" ] && continue
    export "$key=$(unquote "${line#*=}")"
  done <"$file"
}

# Sets and exports every T2O_* knob and derived path. MODE is "up" (settings come from the
# environment and .env) or "attach" (down/ctl/tests: the running stack's recorded settings
# come before .env, so they find what up started even if .env changed since).
t2o_settings() {
  local mode=${1:-up}
  T2O_REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  export T2O_REPO_DIR
  local env_file=${T2O_ENV_FILE:-$T2O_REPO_DIR/.env}

  # Relative paths count from the current directory when given in the environment, from
  # the repo when they come from .env (which lives there).
  local bin_base=$T2O_REPO_DIR
  [ -n "${T2O_BIN_DIR:-}" ] && bin_base=$PWD

  # The var dir has to be known before its stack.env can be read.
  local var_dir=${T2O_VAR_DIR:-} var_base=$PWD
  if [ -z "$var_dir" ]; then
    var_dir=$(env_file_value "$env_file" T2O_VAR_DIR)
    var_base=$T2O_REPO_DIR
  fi
  [ -n "$var_dir" ] || var_dir=$T2O_REPO_DIR/var
  [[ $var_dir == /* ]] || var_dir=$var_base/$var_dir
  # up creates the var dir; down and ctl must not create one just by looking.
  if [ "$mode" = up ]; then
    mkdir -p "$var_dir"
    touch "$var_dir/$VAR_DIR_MARKER"
  fi
  if [ -d "$var_dir" ]; then VAR=$(cd "$var_dir" && pwd -P); else VAR=$var_dir; fi
  export T2O_VAR_DIR=$VAR

  [ "$mode" = attach ] && load_env_file "$VAR/stack.env"
  load_env_file "$env_file"

  export T2O_HTTP_PORT=${T2O_HTTP_PORT:-8080}
  export T2O_HTTPS_PORT=${T2O_HTTPS_PORT:-8443}
  export T2O_PG_PORT=${T2O_PG_PORT:-5433}
  export T2O_SMTP_PORT=${T2O_SMTP_PORT:-2525}
  export T2O_CHILDREN=${T2O_CHILDREN:-2}
  export T2O_AUTH_RATE=${T2O_AUTH_RATE:-10r/s}
  export T2O_AUTH_BURST=${T2O_AUTH_BURST:-20}
  export T2O_BIND_ADDRESS=${T2O_BIND_ADDRESS:-127.0.0.1}
  export T2O_BIN_DIR=${T2O_BIN_DIR:-$T2O_REPO_DIR/build/bin}
  [[ $T2O_BIN_DIR == /* ]] || T2O_BIN_DIR=$bin_base/$T2O_BIN_DIR
  export T2O_SERVICE_USER=${T2O_SERVICE_USER:-t2o}
  export T2O_NGINX_USER=${T2O_NGINX_USER:-www-data}
  export T2O_HEALTH_TIMEOUT=${T2O_HEALTH_TIMEOUT:-30}
  # Handlers on TCP instead of unix sockets (an app host that another host's nginx
  # reaches): group N of the handler-groups list listens on T2O_FCGI_ADDRESS:T2O_FCGI_PORT+N.
  export T2O_FCGI_PORT=${T2O_FCGI_PORT:-}
  export T2O_FCGI_ADDRESS=${T2O_FCGI_ADDRESS:-127.0.0.1}
  # The app hosts nginx balances every group over ("ADDR ADDR ..."; empty: this host's sockets).
  export T2O_APP_HOSTS=${T2O_APP_HOSTS:-}
  local port
  for port in T2O_HTTP_PORT T2O_HTTPS_PORT T2O_PG_PORT T2O_SMTP_PORT; do
    if ! [[ ${!port} =~ ^[0-9]+$ ]] || ((${!port} < 1 || ${!port} > 65535)); then
      die "$port must be a TCP port, not '${!port}'"
    fi
  done
  [[ $T2O_CHILDREN =~ ^[1-9][0-9]*$ ]] || die "T2O_CHILDREN must be a positive number"
  if [ -n "$T2O_FCGI_PORT" ] && { ! [[ $T2O_FCGI_PORT =~ ^[0-9]+$ ]] || ((T2O_FCGI_PORT < 1 || T2O_FCGI_PORT > 65000)); }; then
    die "T2O_FCGI_PORT must be a TCP port (up to 65000: the groups take the ports after it), not '$T2O_FCGI_PORT'"
  fi
  if [ -n "$T2O_APP_HOSTS" ] && [ -z "$T2O_FCGI_PORT" ]; then
    die "T2O_APP_HOSTS needs T2O_FCGI_PORT: the port the app hosts' handlers listen on"
  fi

  RUN_DIR=$VAR/run
  LOG_DIR=$VAR/log
  PG_DATA=$VAR/pg
  PG_SOCK=$VAR/pgsock
  MAIL_DIR=$VAR/mail
  TLS_DIR=$VAR/tls
  NGINX_DIR=$VAR/nginx
  WEB_DIR=$VAR/web
  SECRETS_FILE=$VAR/env
  STACK_FILE=$VAR/stack.env
  T2O_GROUPS=()
  handler_groups_from "$VAR/handler-groups"
}

# The HTTP handler groups. The build writes their list from the route tables
# ($T2O_BIN_DIR/handler-groups); deploy/up keeps a copy of what it started in
# $VAR/handler-groups, which down and ctl read.
handler_groups_from() {
  local file=$1
  [ -r "$file" ] || return 0
  mapfile -t T2O_GROUPS <"$file"
}

# The TCP port of GROUP when handlers listen on TCP: T2O_FCGI_PORT + its index in the
# handler-groups list (the same list on every host, since the build writes it).
group_port() {
  local group=$1 index
  for index in "${!T2O_GROUPS[@]}"; do
    if [ "${T2O_GROUPS[$index]}" = "$group" ]; then
      printf '%s' $((T2O_FCGI_PORT + index))
      return
    fi
  done
  die "no handler group called '$group'"
}

# Where GROUP's handlers listen, for cgi-fcgi -connect: a socket path or ADDR:PORT.
group_listen_address() {
  if [ -n "$T2O_FCGI_PORT" ]; then
    printf '%s:%s' "$T2O_FCGI_ADDRESS" "$(group_port "$1")"
  else
    printf '%s' "$RUN_DIR/$1.sock"
  fi
}

# Children for GROUP: T2O_<GROUP>_CHILDREN, else T2O_CHILDREN.
group_children() {
  local var="T2O_${1^^}_CHILDREN"
  local n=${!var:-$T2O_CHILDREN}
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "$var must be a positive number, not '$n'"
  printf '%s' "$n"
}

# Loads SECRET_KEY and T2O_DB_PASSWORD from $VAR/env (user-set values win).
load_secrets() {
  load_env_file "$SECRETS_FILE"
}

# URL of database DB (as role t2o) on the stack's private cluster, through its socket.
# WITH_PASSWORD=no leaves the password out, for commands that take it from PGPASSWORD.
local_database_url() {
  local database=$1 with_password=${2:-yes} credentials=t2o
  [ "$with_password" = yes ] && credentials="t2o:$T2O_DB_PASSWORD"
  printf 'postgresql://%s@/%s?host=%s&port=%s' "$credentials" "$database" "$(urlencode "$PG_SOCK")" "$T2O_PG_PORT"
}

# True when the database is the stack's private cluster rather than a user-given URL.
uses_private_postgres() {
  [ "${T2O_EXTERNAL_DATABASE:-0}" != 1 ]
}

urlencode() {
  local input=$1 out='' char i
  for ((i = 0; i < ${#input}; i++)); do
    char=${input:i:1}
    case $char in
      [A-Za-z0-9/._~-]) out+=$char ;;
      *) printf -v char '%%%02X' "'$char"; out+=$char ;;
    esac
  done
  printf '%s' "$out"
}

# Marks a directory as a stack's var dir (made by deploy/up or tests/run).
VAR_DIR_MARKER=.t2o-var-dir

# Deletes a stack's var dir (tests/run starts each run from an empty one), refusing
# anything that is not plainly one: /, $HOME, the repo itself or an ancestor of it, or a
# directory with files in it but no marker.
remove_var_dir() {
  local dir=$1 real repo home
  [ -e "$dir" ] || return 0
  real=$(cd "$dir" && pwd -P)
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
  home=$(cd ~ 2>/dev/null && pwd -P || echo /)
  if [ "$real" = / ] || [ "$real" = "$home" ] || [[ "$repo/" == "$real/"* ]]; then
    die "refusing to delete $real (T2O_VAR_DIR): it is /, \$HOME or holds the repository"
  fi
  if [ ! -f "$real/$VAR_DIR_MARKER" ] && [ -n "$(ls -A "$real")" ]; then
    die "refusing to delete $real: it is not empty and has no $VAR_DIR_MARKER, so it is not a stack's var dir"
  fi
  rm -rf -- "$real"
}

# --- processes ------------------------------------------------------------------------

# True when PID is alive and its command line contains NEEDLE: a pid file left over from
# before a reboot must not make us signal some unrelated process that reuses the number.
pid_matches() {
  local pid=$1 needle=$2
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle"
}

# Prints the pids of PIDFILE (one per line; spawn-fcgi leaves no newline after the last).
pidfile_pids() {
  local file=$1 pid
  [ -r "$file" ] || return 0
  while IFS= read -r pid || [ -n "$pid" ]; do
    [[ $pid =~ ^[0-9]+$ ]] && printf '%s\n' "$pid"
  done <"$file"
}

# True when every pid in PIDFILE is alive and matches NEEDLE (and there is at least one).
pidfile_running() {
  local file=$1 needle=$2 pid any=1
  while IFS= read -r pid; do
    pid_matches "$pid" "$needle" || return 1
    any=0
  done < <(pidfile_pids "$file")
  return $any
}

# Sends SIGTERM to the matching pids of PIDFILE, waits up to 10 s, then SIGKILLs what is
# left, and removes the pid file. NAME is for messages.
stop_pidfile() {
  local file=$1 needle=$2 name=$3 pid pids=() waited=0
  [ -e "$file" ] || return 0
  while IFS= read -r pid; do
    pid_matches "$pid" "$needle" && pids+=("$pid")
  done < <(pidfile_pids "$file")
  if ((${#pids[@]})); then
    say "stopping $name (pid ${pids[*]})"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    while ((waited < 100)); do
      local alive=()
      for pid in "${pids[@]}"; do pid_matches "$pid" "$needle" && alive+=("$pid"); done
      ((${#alive[@]})) || break
      pids=("${alive[@]}")
      sleep 0.1
      waited=$((waited + 1))
    done
    if ((waited >= 100)); then
      warn "$name did not stop within 10 s; killing pid ${pids[*]}"
      kill -KILL "${pids[@]}" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() {
  local port=$1 seconds=${2:-10} i
  for ((i = 0; i < seconds * 10; i++)); do
    port_open "$port" && return 0
    sleep 0.1
  done
  return 1
}

# Prints the last lines of each given log that exists, to explain a failure.
show_logs() {
  local file
  for file in "$@"; do
    [ -s "$file" ] || continue
    printf -- '--- last lines of %s ---\n' "$file" >&2
    tail -n 25 "$file" >&2
  done
}

# Prefix that runs a command as the unprivileged service user. setpriv execs (no fork), so
# a pid taken with $! is the program's own pid.
service_user_cmd() {
  SERVICE_USER_CMD=(setpriv --reuid="$T2O_SERVICE_USER" --regid="$T2O_SERVICE_USER" --init-groups --)
}

# Starts a long-running program in the background as the service user, detached from this
# shell's session (setsid) so it outlives the terminal and its Ctrl-C, with stdin from
# /dev/null and output appended to LOG. Writes its pid to PIDFILE.
start_daemon() {
  local pidfile=$1 log=$2
  shift 2
  service_user_cmd
  setsid "${SERVICE_USER_CMD[@]}" "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$pidfile"
}

# --- postgres -------------------------------------------------------------------------

pg_bin_dir() {
  # Debian installs one directory per major version; take the newest that has initdb.
  local dir best=''
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] || continue
    if [ -z "$best" ] || [ "${dir//[!0-9]/}" -gt "${best//[!0-9]/}" ]; then best=$dir; fi
  done
  [ -n "$best" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (run deploy/install-deps)"
  printf '%s' "$best"
}

# Runs a command as postgres from / (postgres may not be allowed into the caller's cwd).
as_postgres() {
  (cd / && runuser -u postgres -- "$@")
}

pg_running() {
  [ -f "$PG_DATA/PG_VERSION" ] && as_postgres "$(pg_bin_dir)/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

# psql as the postgres superuser over the stack's socket (peer authentication).
pg_admin_psql() {
  # client_min_messages: no NOTICE chatter for "IF EXISTS" statements.
  PGOPTIONS='-c client_min_messages=warning' as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$T2O_PG_PORT" -d postgres "$@"
}

# Creates (or empties) database NAME owned by t2o.
pg_recreate_database() {
  local name=$1
  pg_admin_psql -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\" OWNER t2o"
}

# --- mail catcher ---------------------------------------------------------------------

catcher_pidfile() { printf '%s' "$RUN_DIR/mail-catcher.pid"; }

catcher_running() {
  pidfile_running "$(catcher_pidfile)" "$MAIL_DIR"
}

start_catcher() {
  if catcher_running; then
    say "mail catcher already running on 127.0.0.1:$T2O_SMTP_PORT"
    return 0
  fi
  port_open "$T2O_SMTP_PORT" && die "port $T2O_SMTP_PORT is taken by something else; set T2O_SMTP_PORT"
  start_daemon "$(catcher_pidfile)" "$LOG_DIR/mail-catcher.log" \
    /usr/bin/python3 "$T2O_REPO_DIR/deploy/mail-catcher.py" \
    --host 127.0.0.1 --port "$T2O_SMTP_PORT" --dir "$MAIL_DIR"
  if ! wait_port "$T2O_SMTP_PORT" 10; then
    show_logs "$LOG_DIR/mail-catcher.log"
    die "mail catcher did not start listening on 127.0.0.1:$T2O_SMTP_PORT"
  fi
  say "mail catcher listening on 127.0.0.1:$T2O_SMTP_PORT, saving to $MAIL_DIR"
}

stop_catcher() {
  stop_pidfile "$(catcher_pidfile)" "$MAIL_DIR" "mail catcher"
}
