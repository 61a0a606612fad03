#!/usr/bin/env bash
# Start/stop a real Neo4j 5.26 (embedded Community DBMS, Bolt only) for graphkit's tests.
#
#   eval "$(scripts/neo4j.sh start)"   # prints only `export NEO4J_URI=... NEO4J_USER=... NEO4J_PASSWORD=...`
#   scripts/neo4j.sh start --fresh     # the same, but empty the store first (what the tests do)
#   scripts/neo4j.sh status|env|stop
#   scripts/neo4j.sh admin ARGS...     # Neo4j's own neo4j-admin on this server's store (stopped)
#
# The store (the graph) is kept across stops and starts: a graph loaded yesterday is there
# after a restart. `start --fresh` (or GRAPHKIT_NEO4J_FRESH=1) deletes it first; start says
# on stderr which of the two it did.
#
# Environment (all optional):
#   GRAPHKIT_NEO4J_PORT           Bolt port on 127.0.0.1 (default 7697)
#   GRAPHKIT_NEO4J_PASSWORD       password for user neo4j (default: random per start; 8+ chars)
#   GRAPHKIT_NEO4J_STATE_DIR      pid file, logs, env file, store (default ${TMPDIR:-/tmp}/graphkit-neo4j)
#   GRAPHKIT_NEO4J_FRESH          1: start from an empty store, as `start --fresh` does
#   GRAPHKIT_NEO4J_PAGECACHE      page cache size (default 256m)
#   GRAPHKIT_NEO4J_JAVA_OPTS      JVM heap options (default "-Xms256m -Xmx1g")
#   GRAPHKIT_NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 180)
#   GRAPHKIT_NEO4J_STOP_TIMEOUT   seconds between SIGTERM and SIGKILL (default 30)
#   GRAPHKIT_NEO4J_CDS            0 to not use a class-data-sharing archive (default 1)
#
# Warm starts use a JVM class-data-sharing (CDS) archive kept in the state dir: the first
# server run records it when it stops (that stop takes a few seconds longer, once), and later
# starts map it, which saves roughly 2 s of class loading. It is keyed by JVM and classpath.
# `admin` runs Neo4j's neo4j-admin (org.neo4j.cli.AdminTool, which the Maven artifacts of the
# server bring along with the importer, org.neo4j:neo4j-import-tool) with NEO4J_HOME set to the
# store, so that `admin database import full neo4j ...` writes the database the next `start`
# serves. It refuses while the server runs. GRAPHKIT_NEO4J_ADMIN_JAVA_OPTS: its JVM options
# (default "-Xmx1g"). graphkit's bulk route uses it as its neo4j-admin in the tests:
#   NEO4J_ADMIN="bash scripts/neo4j.sh admin" graphkit neo4j import-bulk DIR --db graphkit.db
# Exit codes: 0 ok, 1 failure (or `status`: not running), 2 bad usage, 3 java or mvn missing.
# stdout carries only the export lines (start, env) or the status line; the rest goes to stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE="$ROOT/tests/neo4j-server"
BUILD="$MODULE/target"
CLASSPATH_FILE="$BUILD/classpath.txt"
LAUNCHER_JAR="$BUILD/graphkit-neo4j-test-server.jar"
STAMP_FILE="$BUILD/graphkit-build.sha256"
MAIN_CLASS=graphkit.neo4jserver.Launcher

STATE="${GRAPHKIT_NEO4J_STATE_DIR:-${TMPDIR:-/tmp}/graphkit-neo4j}"
PID_FILE="$STATE/neo4j.pid"
LOG_FILE="$STATE/neo4j.log"
ENV_FILE="$STATE/env.sh"
STORE="$STATE/store"
CDS_DIR="$STATE/cds"
CDS_PENDING="$STATE/cds-pending"
PORT="${GRAPHKIT_NEO4J_PORT:-7697}"
START_TIMEOUT="${GRAPHKIT_NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${GRAPHKIT_NEO4J_STOP_TIMEOUT:-30}"

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

require_tools() {
    local t
    for t in java mvn; do
        if ! command -v "$t" >/dev/null 2>&1; then
            say "$t not found on PATH; cannot run the Neo4j test server (needs Java 17+ and Maven)"
            exit 3
        fi
    done
    local props v
    props=$(java -XshowSettings:properties -version 2>&1)
    v=$(sed -n 's/^ *java\.specification\.version = //p' <<<"$props")
    JVM_ID=$(sed -n 's/^ *java\.\(home\|vm\.version\) = //p' <<<"$props" | tr '\n' ' ')
    if [[ -z "$v" || "${v%%.*}" -lt 17 ]]; then
        say "java ${v:-?} found, but Neo4j 5.26 needs Java 17 or newer"
        exit 3
    fi
}

# The pid of our server if it is alive (checked by its command line, so a reused pid is ignored).
server_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid=$(<"$PID_FILE")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A Bolt handshake with the standard library only: proves a Bolt server (not just any socket)
# is listening. Skipped when python3 is absent; the ready line is then trusted alone.
bolt_answers() {
    command -v python3 >/dev/null 2>&1 || return 0
    python3 - "$1" <<'PY'
import socket, struct, sys
port = int(sys.argv[1])
try:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        # magic, then 5.8 down to 5.0, 4.4, and two empty slots
        s.sendall(b"\x60\x60\xb0\x17" + bytes([0, 8, 8, 5, 0, 0, 4, 4]) + bytes(8))
        reply = b""
        while len(reply) < 4:
            chunk = s.recv(4 - len(reply))
            if not chunk:
                sys.exit(1)
            reply += chunk
    sys.exit(0 if struct.unpack(">I", reply)[0] != 0 else 1)
except OSError:
    sys.exit(1)
PY
}

shquote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# Compile the launcher and write the classpath file, unless pom.xml and sources are unchanged
# since the last build and every jar on the cached classpath is still in the local repository.
build_if_needed() {
    local want have=""
    want=$(cd "$MODULE" && find pom.xml src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
    [[ -f "$STAMP_FILE" ]] && have=$(<"$STAMP_FILE")
    if [[ "$want" == "$have" && -f "$CLASSPATH_FILE" && -f "$LAUNCHER_JAR" ]]; then
        local jar missing=0
        while IFS= read -r -d ':' jar; do
            [[ -f "$jar" ]] || { missing=1; break; }
        done < <(printf '%s:' "$(<"$CLASSPATH_FILE")")
        [[ $missing == 0 ]] && return 0
    fi
    say "building the Neo4j launcher with Maven (the very first build downloads ~170 MB into ~/.m2) ..."
    local blog="$STATE/build.log"
    if ! (cd "$MODULE" && mvn -B -ntp compile jar:jar dependency:build-classpath \
            -Dmdep.outputFile="$CLASSPATH_FILE") >"$blog" 2>&1; then
        tail -n 40 "$blog" >&2
        die "maven build failed (full log: $blog)"
    fi
    echo "$want" >"$STAMP_FILE"
}

print_env() { cat "$ENV_FILE"; }

# Wait for the launcher's ready line and a Bolt handshake; on failure stop it and show the log.
wait_ready() {
    local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "the server exited during startup; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE"
            exit 1
        fi
        if grep -q '^GRAPHKIT_NEO4J_READY ' "$LOG_FILE" 2>/dev/null && port_open "$PORT" && bolt_answers "$PORT"; then
            return 0
        fi
        if ((SECONDS >= deadline)); then
            say "timed out after ${START_TIMEOUT}s waiting for Bolt on 127.0.0.1:$PORT; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            stop_server
            exit 1
        fi
        sleep 0.5
    done
}

stop_server() {
    local pid
    if pid=$(server_pid); then
        say "stopping the server (pid $pid) ..."
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + STOP_TIMEOUT))
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            say "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
            rm -f "$CDS_PENDING"
        fi
    fi
    # a JVM that exited by itself has finished writing its class-data-sharing archive
    if [[ -f "$CDS_PENDING" ]]; then
        local archive
        archive=$(<"$CDS_PENDING")
        if [[ -s "$archive.tmp" ]]; then
            rm -f "$CDS_DIR"/*.jsa
            mv "$archive.tmp" "$archive"
            say "saved a class-data-sharing archive for faster starts"
        fi
        rm -f "$CDS_PENDING" "$archive.tmp"
    fi
    rm -f "$PID_FILE" "$ENV_FILE"  # the store stays: `start --fresh` empties it
}

# JVM flags for class-data sharing: map the archive if one matches this JVM and classpath,
# otherwise ask the JVM to write one when it exits (promoted by a clean stop, see stop_server).
cds_flags() {
    CDS_FLAGS=()
    [[ "${GRAPHKIT_NEO4J_CDS:-1}" != 0 ]] || return 0
    local key archive
    key=$(printf '%s\n%s\n%s\n' "$JVM_ID" "$1" "$(stat -c %Y "$LAUNCHER_JAR")" | sha256sum | cut -c1-16)
    archive="$CDS_DIR/neo4j-$key.jsa"
    mkdir -p "$CDS_DIR"
    if [[ -s "$archive" ]]; then
        CDS_FLAGS=("-XX:SharedArchiveFile=$archive")
    else
        rm -f "$archive.tmp"
        echo "$archive" >"$CDS_PENDING"
        CDS_FLAGS=("-XX:ArchiveClassesAtExit=$archive.tmp")
    fi
    # the JVM's notes about classes it cannot archive (signed jars, ...) are noise here
    CDS_FLAGS+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
}

cmd_start() {
    require_tools
    mkdir -p "$STATE"
    # serialise concurrent starts; the server itself must not inherit the lock (fd 9)
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$STATE/lock"
        flock 9
    fi

    local pid
    if pid=$(server_pid); then
        if [[ ! -f "$ENV_FILE" ]]; then
            # another start is (or was) mid-way, or its env file was lost: wait, then recover
            local want_port="$PORT"
            PORT=$(sed -n 's/^GRAPHKIT_NEO4J_READY bolt:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$LOG_FILE" 2>/dev/null | tail -n 1)
            [[ -n "$PORT" ]] || PORT="$want_port"
        else
            PORT=$(sed -n 's/^export NEO4J_URI=.*:\([0-9]*\)$/\1/p' "$ENV_FILE")
        fi
        wait_ready "$pid"
        [[ -f "$ENV_FILE" ]] || die "a server (pid $pid) is running but its env file $ENV_FILE is gone; run '$0 stop' first"
        [[ "${GRAPHKIT_NEO4J_PORT:-$PORT}" == "$PORT" ]] || say "warning: already running on port $PORT, not ${GRAPHKIT_NEO4J_PORT}"
        say "already running (pid $pid) on bolt://127.0.0.1:$PORT"
        [[ "$FRESH" != 1 ]] || say "warning: --fresh ignored: the running server keeps its store (stop it first)"
        print_env
        return 0
    fi
    rm -f "$PID_FILE" "$ENV_FILE" "$CDS_PENDING"

    if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
        say "bad GRAPHKIT_NEO4J_PORT: $PORT"
        exit 2
    fi
    if port_open "$PORT"; then
        die "127.0.0.1:$PORT is already in use by another process; set GRAPHKIT_NEO4J_PORT to a free port"
    fi

    local password="${GRAPHKIT_NEO4J_PASSWORD:-}"
    if [[ -z "$password" ]]; then
        password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    elif ((${#password} < 8)); then
        say "GRAPHKIT_NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum)"
        exit 2
    fi

    build_if_needed

    if [[ "$FRESH" == 1 ]]; then
        rm -rf "$STORE"
        say "fresh store: $STORE emptied (--fresh)"
    elif [[ -d "$STORE/data" ]]; then
        say "kept store: $STORE from the last run ($(du -sh "$STORE" 2>/dev/null | cut -f1)); 'start --fresh' empties it"
    else
        say "new store: $STORE (kept across restarts; 'start --fresh' empties it)"
    fi
    local cp
    cp="$LAUNCHER_JAR:$(<"$CLASSPATH_FILE")"
    cds_flags "$cp"
    # shellcheck disable=SC2086  # GRAPHKIT_NEO4J_JAVA_OPTS is a list of words
    GRAPHKIT_NEO4J_PASSWORD="$password" nohup java \
        ${GRAPHKIT_NEO4J_JAVA_OPTS:--Xms256m -Xmx1g} "${CDS_FLAGS[@]}" \
        -XX:+ExitOnOutOfMemoryError \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        -Dio.netty.tryReflectionSetAccessible=true \
        -Djdk.nio.maxCachedBufferSize=1024 \
        -cp "$cp" "$MAIN_CLASS" --home "$STORE" --port "$PORT" \
        </dev/null >"$LOG_FILE" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    say "starting Neo4j (pid $pid) on 127.0.0.1:$PORT, log $LOG_FILE ..."

    wait_ready "$pid"
    {
        echo "export NEO4J_URI=bolt://127.0.0.1:$PORT"
        echo "export NEO4J_USER=neo4j"
        echo "export NEO4J_PASSWORD=$(shquote "$password")"
    } >"$ENV_FILE.tmp"
    chmod 600 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
    say "$(grep -m1 '^GRAPHKIT_NEO4J_READY ' "$LOG_FILE" | sed 's/^GRAPHKIT_NEO4J_READY /ready: /')"
    print_env
}

cmd_stop() {
    if server_pid >/dev/null; then
        stop_server
        say "stopped"
    else
        stop_server
        say "not running"
    fi
}

cmd_status() {
    local pid
    if pid=$(server_pid); then
        if [[ -f "$ENV_FILE" ]]; then
            echo "running (pid $pid) at $(sed -n 's/^export NEO4J_URI=//p' "$ENV_FILE")"
        else
            echo "starting (pid $pid)"
        fi
        return 0
    fi
    echo "not running"
    return 1
}

cmd_env() {
    if server_pid >/dev/null && [[ -f "$ENV_FILE" ]]; then
        print_env
    else
        die "no running server; run '$0 start'"
    fi
}

cmd_admin() {
    require_tools
    mkdir -p "$STATE" "$STORE" "$STATE/conf"
    if pid=$(server_pid); then
        die "the server (pid $pid) is running on this store; stop it first ('$0 stop'): neo4j-admin works on a stopped database"
    fi
    build_if_needed
    local cp
    cp="$LAUNCHER_JAR:$(<"$CLASSPATH_FILE")"
    # shellcheck disable=SC2086  # GRAPHKIT_NEO4J_ADMIN_JAVA_OPTS is a list of words
    NEO4J_HOME="$STORE" NEO4J_CONF="$STATE/conf" exec java ${GRAPHKIT_NEO4J_ADMIN_JAVA_OPTS:--Xmx1g} \
        -cp "$cp" org.neo4j.cli.AdminTool "$@" </dev/null
}

FRESH="${GRAPHKIT_NEO4J_FRESH:-0}"
case "${1:-}" in
    admin) shift; cmd_admin "$@" ;;
    start)
        case "${2:-}" in
            "") ;;
            --fresh) FRESH=1 ;;
            *) echo "usage: $0 start [--fresh]" >&2; exit 2 ;;
        esac
        cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *)
        echo "usage: $0 start [--fresh]|stop|status|env|admin ARGS..." >&2
        exit 2
        ;;
esac
