# Sourced by .ci/run: a PostgreSQL server on loopback for the storage tests, installed from Debian when missing.
# Idempotent and quick on a second run: the packaged cluster is created only when absent and started only when down;
# the test role's password is made on the first run and kept. Exports ACTIONMONTH_POSTGRES (a connection string to the
# maintenance database; each test class creates and drops its own database) and ACTIONMONTH_REQUIRE_POSTGRES=1, so
# the PostgreSQL tests fail loudly instead of skipping when the server is missing.
start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql
  fi
  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    pg_createcluster "$version" main >/dev/null
  fi
  local port status
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
  status="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')"
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" main start
  fi
  local tries=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 60 ]; then
      echo "error: PostgreSQL $version did not accept connections on 127.0.0.1:$port" >&2
      tail -n 20 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done

  # The test role's password is made once and kept (readable by root only), so that two runs on one machine (two
  # checkouts, or a developer's run beside CI) do not change it under each other.
  local password pwfile=/var/lib/postgresql/actionmonth_test.password
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
  fi
  password="$(cat "$pwfile")"
  runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 -v pw="$password" <<'SQL'
SELECT 'CREATE ROLE actionmonth_test' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'actionmonth_test') \gexec
ALTER ROLE actionmonth_test WITH LOGIN CREATEDB PASSWORD :'pw';
SQL
  export ACTIONMONTH_POSTGRES="Host=127.0.0.1;Port=$port;Username=actionmonth_test;Password=$password;Database=postgres"
  export ACTIONMONTH_REQUIRE_POSTGRES=1
  echo "PostgreSQL $version on 127.0.0.1:$port (role actionmonth_test)"
}
