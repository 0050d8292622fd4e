#!/usr/bin/env bash
# Throughput benchmark of the gateway against nginx as a fixed-response backend: see bench/README.md.
#
#   bash bench/run.sh              # the full run: about 17 minutes
#   bash bench/run.sh --quick      # a smoke run: about 2 minutes, the numbers are not data
#   bash bench/run.sh --help       # every option
#
# Installs wrk and nginx from Debian when missing, builds the jars when needed, starts nginx, the gateways and a stock
# Spring Cloud Gateway on loopback, pins the JVMs and the load generator to separate cores, warms each target up until
# its throughput is stable, runs interleaved rounds (A B C … A B C …) so drift hits every target alike, prints a table
# and stops everything it started.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GATEWAY_JAR=$ROOT/gateway/target/gateway.jar
STOCK_JAR=$ROOT/bench/stock-gateway/target/stock-gateway.jar
WRK_SCRIPT=$ROOT/bench/wrk/bench.lua

usage() {
    cat <<'EOF'
Usage: bash bench/run.sh [options]

  --quick            a smoke run: short warmup, 2 rounds of 3 s, 200 distinct tokens
  --rounds N         interleaved rounds (default 5)
  --duration S       seconds per target per round (default 10)
  --connections C    wrk connections (default 64; one wrk thread)
  --tokens N         distinct tokens for the "new token per request" target (default 2000)
  --only LIST        comma-separated targets to run, of: direct stock public hs256 es256 es256-nocache hs256-distinct
                     services (a gateway with three services of two instances each, requests rotating over them),
                     and, only when named here, dpop-es256 dpop-eddsa (a DPoP-bound token and a fresh proof per
                     request, from an ES256 or an Ed25519 client key, on a gateway of their own)
  --dpop-rps N       DPoP proofs are made before each run of a DPoP target, max(N, twice the best req/s it reached)
                     for each second of the run (default 3000); should they run out, the rest is refused and reported
  --baseline JAR     an A/B run: a second HS256 gateway from JAR (another build of gateway.jar), measured as
                     base-public and base-hs256 beside public and hs256, interleaved with them
  --routing-filters  public-scg and hs256-scg beside public and hs256: a gateway of their own, configured as theirs,
                     that routes with Spring Cloud Gateway's NettyRoutingFilter in place of the gateway's own
                     (--gateway.server.routing-filter=spring-cloud-gateway); their × public is against public
  --alt-java JAVA    stock, public and hs256 (and the -scg ones with --routing-filters) a second time, on the JVM of
                     this java binary, like /usr/lib/jvm/temurin-25-jdk-amd64/bin/java: targets named <target>@<its
                     major version>, like public@25, interleaved with the others; their × stock and × public are
                     against that JVM's own stock and public
  --profile DIR      record the JVMs with JFR, into DIR/<jvm>.jfr, and print how to see where the rounds spent
                     their time (bench/jfr/TopFrames.java); the recording slows the JVMs, so the table is no data
  --no-build         use the jars as they are
  --keep             keep the temporary directory (configs, logs, tokens) and print its path
  -h, --help         this text

Environment:
  BENCH_JAVA                 the java binary for the JVMs under test (default: java on the PATH)
  BENCH_GATEWAY_JAVA_OPTS    extra JVM options for every gateway (default: none, the default heap)
  BENCH_GATEWAY_ARGS         extra application arguments for every gateway, like --gateway.access-log.enabled=false
  BENCH_BASELINE_ARGS        extra application arguments for the --baseline gateway alone: the same jar with one
                             setting changed, like --gateway.service-defaults.assertion.enabled=false
  BENCH_GATEWAY_CPUS         the cores the JVMs under test run on (default: 1, when there are two or more)
  BENCH_LOAD_CPUS            the cores wrk and nginx run on (default: 0, when there are two or more)
  BENCH_ROUTING_FILTER_ARGS  the application arguments that make the --routing-filters gateway differ from the
                             HS256 one (default: --gateway.server.routing-filter=spring-cloud-gateway)
  BENCH_PORT_BASE            first of the loopback ports used (default 18080; eighteen ports from there: + 6 to + 11
                             the services target's instances, + 12 the DPoP targets' gateway, + 13 --baseline's,
                             + 14 --routing-filters', + 15 to + 17 --alt-java's HS256, routing filters and stock ones)
EOF
}

# ---------------------------------------------------------------------------------------------------------- options
ROUNDS=5
DURATION=10
CONNECTIONS=64
TOKENS=2000
DPOP_RPS=3000
WARMUP_SECONDS=5
WARMUP_MAX_RUNS=20
WARMUP_TOLERANCE=3          # percent: three consecutive warmup runs this close count as stable
ONLY=""
PROFILE_DIR=""
BASELINE_JAR=""
ROUTING_FILTERS=0
ALT_JAVA=""
BUILD=1
KEEP=0
ALL_TARGETS="direct stock public hs256 es256 es256-nocache hs256-distinct services"
DPOP_TARGETS="dpop-es256 dpop-eddsa"    # only with --only: they need a gateway that does DPoP (RFC 9449)

while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) ROUNDS=2; DURATION=3; TOKENS=200; WARMUP_SECONDS=2; WARMUP_MAX_RUNS=5; WARMUP_TOLERANCE=10 ;;
        --rounds) ROUNDS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --tokens) TOKENS=$2; shift ;;
        --dpop-rps) DPOP_RPS=$2; shift ;;
        --only) ONLY=${2//,/ }; shift ;;
        --profile) PROFILE_DIR=$2; shift ;;
        --baseline) BASELINE_JAR=$(readlink -f "$2"); shift ;;
        --routing-filters) ROUTING_FILTERS=1 ;;
        --alt-java) ALT_JAVA=$2; shift ;;
        --no-build) BUILD=0 ;;
        --keep) KEEP=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
    esac
    shift
done
TARGETS=${ONLY:-$ALL_TARGETS}
for target in $TARGETS; do
    [[ " $ALL_TARGETS $DPOP_TARGETS " == *" $target "* ]] || { echo "run.sh: unknown target $target" >&2; exit 2; }
done
# $1: targets; $2: a variant's name, % standing for the target's. Each of those targets that runs is followed by its
# variant, so the variant is measured right after it in every round.
add_variants() {
    local of=" $1 " name=$2 target with=""
    for target in $TARGETS; do
        with+="$target "
        if [[ $of == *" $target "* ]]; then with+="${name//%/$target} "; fi
    done
    TARGETS=${with% }
}
if [[ -n $BASELINE_JAR ]]; then
    [[ -f $BASELINE_JAR ]] || { echo "run.sh: no baseline jar $BASELINE_JAR" >&2; exit 2; }
    add_variants "public hs256" "base-%"
fi
if [[ $ROUTING_FILTERS == 1 ]]; then
    add_variants "public hs256" "%-scg"
fi
ALT=""            # --alt-java: the suffix of its targets and JVMs, @ and the JVM's major version
if [[ -n $ALT_JAVA ]]; then
    java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'; }
    ALT_MAJOR=$(java_major "$ALT_JAVA" || true)
    [[ -n $ALT_MAJOR ]] || { echo "run.sh: --alt-java $ALT_JAVA: not a java binary" >&2; exit 2; }
    ALT=@$ALT_MAJOR
    [[ $ALT_MAJOR == "$(java_major "${BENCH_JAVA:-java}")" ]] && ALT=@alt      # two builds of one version
    add_variants "stock public hs256 public-scg hs256-scg" "%$ALT"
fi
wants() { [[ " $TARGETS " == *" $1 "* ]]; }

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

JAVA=${BENCH_JAVA:-java}
PORT_BASE=${BENCH_PORT_BASE:-18080}
NGINX_PORT=$((PORT_BASE + 1))
declare -A PORT=([hs]=$PORT_BASE [es]=$((PORT_BASE + 2)) [es-nocache]=$((PORT_BASE + 3)) [stock]=$((PORT_BASE + 4))
                 [services]=$((PORT_BASE + 5)))
# The services target: three services of two instances each, every instance a port of the one nginx.
SERVICE_NAMES=(a b c)
SERVICE_PORTS=()
if wants services; then
    mapfile -t SERVICE_PORTS < <(seq $((PORT_BASE + 6)) $((PORT_BASE + 11)))
fi
if wants dpop-es256 || wants dpop-eddsa; then
    PORT[dpop]=$((PORT_BASE + 12))
fi
if [[ -n $BASELINE_JAR ]]; then
    PORT[base]=$((PORT_BASE + 13))
fi
if wants public-scg || wants hs256-scg; then
    PORT[scg]=$((PORT_BASE + 14))
fi
# --alt-java's JVMs: each named as the JVM it repeats, with the suffix, and started with that java binary.
ALT_JVMS=()
if [[ -n $ALT ]]; then
    if wants "public$ALT" || wants "hs256$ALT"; then ALT_JVMS+=("hs$ALT"); PORT[hs$ALT]=$((PORT_BASE + 15)); fi
    if wants "public-scg$ALT" || wants "hs256-scg$ALT"; then ALT_JVMS+=("scg$ALT"); PORT[scg$ALT]=$((PORT_BASE + 16)); fi
    if wants "stock$ALT"; then ALT_JVMS+=("stock$ALT"); PORT[stock$ALT]=$((PORT_BASE + 17)); fi
fi
# How old a proof the DPoP gateway takes: each is made shortly before its run, so it must outlive its making (at the
# default 3000 a second, about a second per second of run on 2 cores) and the run. The gateway keeps each proof's jti
# that long to refuse a replay; a short window keeps that replay cache the size a real deployment's would be.
PROOF_MAX_AGE=$(((DURATION > WARMUP_SECONDS ? DURATION : WARMUP_SECONDS) * 6 + 120))

# ---------------------------------------------------------------------------------------------------------- cleanup
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jwt-gateway-bench.XXXXXX")
declare -a STARTED=()        # pids of everything this script started, stopped in reverse order on exit

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        kill -TERM "${STARTED[i]}" 2>/dev/null || true
    done
    for pid in "${STARTED[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ $KEEP == 1 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------- tools
install_missing() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v curl >/dev/null || missing+=(curl)
    command -v taskset >/dev/null || missing+=(util-linux)
    [[ ${#missing[@]} -eq 0 ]] && return
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and no apt-get to install them with"
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    log "installing ${missing[*]} from Debian"
    # The nginx package starts a system nginx on port 80 unless policy-rc.d forbids it: the bench runs its own.
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        made_policy=1
    fi
    "${sudo[@]}" apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    if [[ $made_policy == 1 ]]; then
        "${sudo[@]}" rm -f "$policy"
    fi
}
install_missing
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v "$JAVA" >/dev/null || die "no java ($JAVA); the gateway needs Java 17 or newer"

# ---------------------------------------------------------------------------------------------------------- build
stale() {     # $1: a jar; the rest: sources it is built from. True when the jar is missing or older than one of them.
    local jar=$1
    shift
    [[ ! -f $jar ]] && return 0
    [[ -n $(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null) ]]
}
if [[ $BUILD == 1 ]] && { stale "$GATEWAY_JAR" "$ROOT/pom.xml" "$ROOT/gateway/pom.xml" "$ROOT/gateway/src/main" \
                          || stale "$STOCK_JAR" "$ROOT/bench/stock-gateway"; }; then
    log "building gateway.jar and stock-gateway.jar"
    (cd "$ROOT" && ./mvnw -B -q -Pbench -pl gateway,bench/stock-gateway -am package -Dmaven.test.skip=true)
fi
[[ -f $GATEWAY_JAR && -f $STOCK_JAR ]] || die "no jars: run without --no-build"

# ---------------------------------------------------------------------------------------------------------- cores
CPUS=$(nproc)
if [[ $CPUS -ge 2 ]]; then
    GATEWAY_CPUS=${BENCH_GATEWAY_CPUS:-1}
    LOAD_CPUS=${BENCH_LOAD_CPUS:-0}
    PIN_GATEWAY=(taskset -c "$GATEWAY_CPUS")
    PIN_LOAD=(taskset -c "$LOAD_CPUS")
    PINNING="JVMs on core $GATEWAY_CPUS; wrk and nginx on core $LOAD_CPUS"
else
    PIN_GATEWAY=()
    PIN_LOAD=()
    PINNING="one core: nothing pinned, wrk competes with the JVM (figures understate the gateway)"
    log "WARNING: $PINNING"
fi

# ---------------------------------------------------------------------------------------------------------- helpers
free_port() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

now_ms() { date +%s%3N; }

# $1: url; $2: seconds; the rest: curl options. Waits for a 200.
wait_for_200() {
    local url=$1 deadline=$(($(now_ms) + $2 * 1000))
    shift 2
    while [[ $(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" 2>/dev/null) != 200 ]]; do
        [[ $(now_ms) -lt $deadline ]] || return 1
        sleep 0.05
    done
}

# ---------------------------------------------------------------------------------------------------------- nginx
for port in "$NGINX_PORT" "${PORT[@]}" "${SERVICE_PORTS[@]}"; do
    free_port "$port" || die "port $port is in use (set BENCH_PORT_BASE)"
done

mkdir -p "$WORK/nginx"
SERVICE_LISTENS=""
for port in "${SERVICE_PORTS[@]}"; do
    SERVICE_LISTENS+="        listen 127.0.0.1:$port backlog=4096;"$'\n'
done
cat > "$WORK/nginx/nginx.conf" <<EOF
# A backend that is never the bottleneck: one worker, a fixed body, no logging, long-lived connections.
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    keepalive_timeout 300s;
    keepalive_requests 10000000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
$SERVICE_LISTENS        default_type text/plain;
        location / {
            return 200 "ok\n";
        }
        # the gateway's health check of its backend
        location = /actuator/health {
            default_type application/json;
            return 200 '{"status":"UP"}';
        }
    }
}
EOF
"${PIN_LOAD[@]}" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
STARTED+=($!)
BACKEND=http://127.0.0.1:$NGINX_PORT
wait_for_200 "$BACKEND/" 10 || die "nginx did not start: $(cat "$WORK/nginx/error.log" "$WORK/nginx/stdout.log")"
NGINX_WORKER=$(pgrep -P "${STARTED[-1]}" | head -1)

# ---------------------------------------------------------------------------------------------------------- JVMs
declare -A PID=() STARTUP_MS=()

JVM_OPTIONS=()
if [[ -n $PROFILE_DIR ]]; then
    mkdir -p "$PROFILE_DIR"
    PROFILE_DIR=$(cd "$PROFILE_DIR" && pwd)
    # JFR from the start: starting a recording in a running JVM throws away compiled code for a while. The JDK's
    # profile settings, sampling Java code every 1 ms instead of 10 and native code every 5 ms instead of 20.
    java_home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
    sed -e '/method-sampling-java-interval/s/>[0-9]* ms</>1 ms</' \
        -e '/method-sampling-native-interval/s/>[0-9]* ms</>5 ms</' \
        "$java_home/lib/jfr/profile.jfc" > "$WORK/bench.jfc"
    JVM_OPTIONS=("-XX:StartFlightRecording=name=bench,settings=$WORK/bench.jfc,disk=true,maxsize=4g")
fi

# $1: name; $2: jar; $3: readiness path; the rest: application arguments. Started one at a time, so each one's
# startup-to-ready time is its own and not shared with another JVM starting on the same core. A name that ends in
# --alt-java's suffix runs on that java.
start_jvm() {
    local name=$1 jar=$2 ready=$3 java=$JAVA
    shift 3
    [[ -n $ALT && $name == *"$ALT" ]] && java=$ALT_JAVA
    local started
    started=$(now_ms)
    # shellcheck disable=SC2086  # BENCH_GATEWAY_JAVA_OPTS is a list of options
    "${PIN_GATEWAY[@]}" "$java" "${JVM_OPTIONS[@]}" ${BENCH_GATEWAY_JAVA_OPTS:-} -jar "$jar" "$@" \
        >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
    STARTED+=($!)
    if ! wait_for_200 "http://127.0.0.1:${PORT[$name]}$ready" 120; then
        tail -40 "$WORK/$name.log" >&2
        die "$name did not become ready"
    fi
    STARTUP_MS[$name]=$(($(now_ms) - started))
    log "$name ready in ${STARTUP_MS[$name]} ms (pid ${PID[$name]}, port ${PORT[$name]})"
}

# An API key of our own, configured by its SHA-256 as in production; tokens come from the gateway itself.
API_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')
API_KEY_SHA256=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)

# What every gateway gets on top of the defaults: the backend, the API key, and tokens that outlive the run (the
# default lifetime is 3 minutes). Everything else, the access log, metrics, request ids and the backend health check
# included, is the default configuration.
GATEWAY_ARGS=(
    "--gateway.backend.uris=$BACKEND"
    "--gateway.auth.api-keys[0].sha256=$API_KEY_SHA256"
    "--gateway.auth.api-keys[0].subject=bench"
    "--gateway.auth.api-keys[0].roles=user"
    "--gateway.auth.token-ttl=2h"
)
# shellcheck disable=SC2206  # a list of arguments
GATEWAY_ARGS+=(${BENCH_GATEWAY_ARGS:-})

needs_gateway() {
    local target
    for target in "$@"; do wants "$target" && return 0; done
    return 1
}

# HS256 (the default). The token endpoint's limit (5/s per address) is raised for the distinct tokens, and the cache
# is kept small so that they cannot be answered from it: Caffeine keeps a fixed subset of keys under a cyclic scan, so
# with the default 10000 entries most of 2000 tokens would be hits. A single repeated token, as in the hs256 target,
# hits with any cache size. The routing filters' gateway and --alt-java's are configured alike.
HS_ARGS=(
    "${GATEWAY_ARGS[@]}"
    --gateway.rate-limit.auth-endpoints.replenish-rate=100000
    --gateway.rate-limit.auth-endpoints.burst-capacity=100000
    --gateway.auth.cache.max-size=64
)
# shellcheck disable=SC2206  # a list of arguments
ROUTING_FILTER_ARGS=(${BENCH_ROUTING_FILTER_ARGS:---gateway.server.routing-filter=spring-cloud-gateway})
if needs_gateway public hs256 hs256-distinct; then
    start_jvm hs "$GATEWAY_JAR" /readyz "--server.port=${PORT[hs]}" "${HS_ARGS[@]}"
fi
if needs_gateway public-scg hs256-scg; then
    start_jvm scg "$GATEWAY_JAR" /readyz "--server.port=${PORT[scg]}" "${HS_ARGS[@]}" "${ROUTING_FILTER_ARGS[@]}"
fi
if needs_gateway base-public base-hs256; then
    # shellcheck disable=SC2086  # a list of arguments
    start_jvm base "$BASELINE_JAR" /readyz "--server.port=${PORT[base]}" "${GATEWAY_ARGS[@]}" ${BENCH_BASELINE_ARGS:-}
fi
if needs_gateway es256; then
    start_jvm es "$GATEWAY_JAR" /readyz "--server.port=${PORT[es]}" "${GATEWAY_ARGS[@]}" \
        --gateway.auth.signing.algorithm=ES256
fi
if needs_gateway es256-nocache; then
    start_jvm es-nocache "$GATEWAY_JAR" /readyz "--server.port=${PORT[es-nocache]}" "${GATEWAY_ARGS[@]}" \
        --gateway.auth.signing.algorithm=ES256 --gateway.auth.cache.enabled=false
fi
if needs_gateway services; then
    # Three services, a, b and c, of two instances each, round-robin and health-checked as by default, and a public
    # route to each; these routes replace the default ones, and backend stays configured with no route to it.
    SERVICE_ARGS=()
    for ((i = 0; i < ${#SERVICE_NAMES[@]}; i++)); do
        name=${SERVICE_NAMES[i]}
        route=--spring.cloud.gateway.server.webflux.routes[$i]
        SERVICE_ARGS+=(
            "--gateway.services.$name.uris[0]=http://127.0.0.1:${SERVICE_PORTS[2 * i]}"
            "--gateway.services.$name.uris[1]=http://127.0.0.1:${SERVICE_PORTS[2 * i + 1]}"
            "$route.id=$name" "$route.uri=lb://$name" "$route.predicates[0]=Path=/$name/**"
            "$route.metadata.auth=public"
        )
    done
    start_jvm services "$GATEWAY_JAR" /readyz "--server.port=${PORT[services]}" "${GATEWAY_ARGS[@]}" \
        "${SERVICE_ARGS[@]}"
fi
if needs_gateway dpop-es256 dpop-eddsa; then
    # ES256 tokens, as for es256, so that the ratio to es256 is DPoP's own cost: a proof verified per request. The API
    # key gets a client id, for the token endpoint that binds tokens to keys (/oauth2/token).
    start_jvm dpop "$GATEWAY_JAR" /readyz "--server.port=${PORT[dpop]}" "${GATEWAY_ARGS[@]}" \
        --gateway.auth.signing.algorithm=ES256 "--gateway.auth.api-keys[0].client-id=bench" \
        "--gateway.auth.dpop.proof-max-age=${PROOF_MAX_AGE}s"
fi
if needs_gateway stock; then
    start_jvm stock "$STOCK_JAR" /api/v3/home "--server.port=${PORT[stock]}" "--stock.backend-uri=$BACKEND"
fi
for name in "${ALT_JVMS[@]}"; do
    case ${name%"$ALT"} in
        hs) start_jvm "$name" "$GATEWAY_JAR" /readyz "--server.port=${PORT[$name]}" "${HS_ARGS[@]}" ;;
        scg) start_jvm "$name" "$GATEWAY_JAR" /readyz "--server.port=${PORT[$name]}" "${HS_ARGS[@]}" \
                 "${ROUTING_FILTER_ARGS[@]}" ;;
        stock) start_jvm "$name" "$STOCK_JAR" /api/v3/home "--server.port=${PORT[$name]}" "--stock.backend-uri=$BACKEND" ;;
    esac
done

# ---------------------------------------------------------------------------------------------------------- tokens
# $1: gateway; $2: how many; $3: output file, one token a line. One curl, a few requests in parallel.
fetch_tokens() {
    local name=$1 count=$2 out=$3 config=$WORK/curl-$1.cfg
    local url="http://127.0.0.1:${PORT[$name]}/api/v3/auth"
    for ((i = 0; i < count; i++)); do echo "url = \"$url\""; done > "$config"
    curl -s -Z --parallel-max 8 -X POST -H "X-API-Key: $API_KEY" -K "$config" 2>/dev/null \
        | grep -o '"token":"[^"]*"' | cut -d'"' -f4 > "$out" || true
    local got
    got=$(wc -l < "$out")
    [[ $got -eq $count ]] || die "asked $name for $count tokens, got $got"
}

declare -A TOKEN=()
for name in hs base es es-nocache scg "${ALT_JVMS[@]}"; do
    if [[ -n ${PID[$name]:-} && $name != stock* ]]; then
        fetch_tokens "$name" 1 "$WORK/token-$name"
        TOKEN[$name]=$(cat "$WORK/token-$name")
    fi
done
if wants hs256-distinct; then
    log "fetching $TOKENS tokens from hs"
    fetch_tokens hs "$TOKENS" "$WORK/tokens-distinct"
fi

# Each DPoP target has a client key of its own and a token bound to it (RFC 9449 §5): the client credentials grant
# with a proof for the token endpoint. The gateway must answer token_type DPoP, the key's thumbprint as cnf.jkt.
keys() { "$JAVA" -jar "$GATEWAY_JAR" keys "$@"; }

claims_of() {     # $1: a JWT. Its claims, as JSON.
    local claims
    claims=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
    while ((${#claims} % 4)); do claims+="="; done
    base64 -d <<<"$claims"
}

declare -A DPOP_ALG=([dpop-es256]=ES256 [dpop-eddsa]=EdDSA) DPOP_TOKEN=()
fetch_dpop_token() {     # $1: DPoP target. Writes its key to $WORK/<target>/private.pem, sets DPOP_TOKEN[<target>].
    local target=$1 dir=$WORK/$1 url="http://127.0.0.1:${PORT[dpop]}/oauth2/token" response type token
    keys generate "${DPOP_ALG[$target]}" --out "$dir" >/dev/null
    response=$(curl -s -u "bench:$API_KEY" -d grant_type=client_credentials \
        -H "DPoP: $(keys dpop-proof --key "$dir/private.pem" --method POST --url "$url")" "$url")
    type=$(grep -o '"token_type":"[^"]*"' <<<"$response" | cut -d'"' -f4)
    [[ ${type,,} == dpop ]] || die "$target: $url issued token_type '$type', not DPoP: does this gateway do DPoP?"
    token=$(grep -o '"access_token":"[^"]*"' <<<"$response" | cut -d'"' -f4)
    [[ $(claims_of "$token") == *"\"jkt\":\"$(keys dpop-thumbprint --key "$dir/private.pem")\""* ]] \
        || die "$target: the token's cnf.jkt is not the thumbprint of the key it was asked for with"
    DPOP_TOKEN[$target]=$token
}
for target in $DPOP_TARGETS; do
    if wants "$target"; then
        fetch_dpop_token "$target"
    fi
done

# $1: DPoP target; $2: seconds. Writes $WORK/<target>/proofs, fresh proofs for a run that long, each for one request:
# max(DPOP_RPS, twice the best req/s the target reached) per second. Made on every core, while the JVMs are idle.
make_proofs() {
    local target=$1 seconds=$2 dir=$WORK/$1 best rate makers=$((CPUS < 4 ? CPUS : 4)) pids=() i
    best=$(cat "$dir/best-rps" 2>/dev/null || echo 0)
    rate=$((best * 2 > DPOP_RPS ? best * 2 : DPOP_RPS))
    for ((i = 0; i < makers; i++)); do
        keys dpop-proof --key "$dir/private.pem" --method GET --url "${URL[$target]}" \
            --token "${DPOP_TOKEN[$target]}" --count $((rate * seconds / makers + 1)) > "$dir/proofs.$i" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || die "$target: keys dpop-proof failed"
    done
    cat "$dir"/proofs.* > "$dir/proofs"
    rm "$dir"/proofs.*
}

remember_rps() {     # $1: DPoP target; $2: the req/s of a run. Keeps the best, which sizes the next run's proofs.
    local file=$WORK/$1/best-rps
    if awk -v rps="$2" -v best="$(cat "$file" 2>/dev/null || echo 0)" 'BEGIN { exit !(rps > best) }'; then
        echo "${2%.*}" > "$file"
    fi
}

# ---------------------------------------------------------------------------------------------------------- targets
# name | label | url | token | tokens file | the JVM it loads
declare -A LABEL=(
    [direct]="backend direct (nginx)"
    [stock]="stock Spring Cloud Gateway, no auth"
    [public]="gateway, public route"
    [hs256]="gateway, HS256 route"
    [base-public]="baseline ($(basename "$BASELINE_JAR")), public route"
    [base-hs256]="baseline ($(basename "$BASELINE_JAR")), HS256 route"
    [public-scg]="gateway, public route, Spring Cloud Gateway's routing filter"
    [hs256-scg]="gateway, HS256 route, Spring Cloud Gateway's routing filter"
    [es256]="gateway, ES256 route, cache on"
    [es256-nocache]="gateway, ES256 route, cache off"
    [hs256-distinct]="gateway, HS256, a new token per request"
    [services]="gateway, 3 services × 2 instances, public routes"
    [dpop-es256]="gateway, DPoP token and proof (ES256 client key)"
    [dpop-eddsa]="gateway, DPoP token and proof (Ed25519 client key)"
)
declare -A URL=(
    [direct]="$BACKEND/api/v3/home"
    [stock]="http://127.0.0.1:${PORT[stock]}/api/v3/home"
    [public]="http://127.0.0.1:${PORT[hs]}/api/v3/home"
    [hs256]="http://127.0.0.1:${PORT[hs]}/api/v3/secret"
    [base-public]="http://127.0.0.1:${PORT[base]:-}/api/v3/home"
    [base-hs256]="http://127.0.0.1:${PORT[base]:-}/api/v3/secret"
    [public-scg]="http://127.0.0.1:${PORT[scg]:-}/api/v3/home"
    [hs256-scg]="http://127.0.0.1:${PORT[scg]:-}/api/v3/secret"
    [es256]="http://127.0.0.1:${PORT[es]}/api/v3/secret"
    [es256-nocache]="http://127.0.0.1:${PORT[es-nocache]}/api/v3/secret"
    [hs256-distinct]="http://127.0.0.1:${PORT[hs]}/api/v3/secret"
    [services]="http://127.0.0.1:${PORT[services]}/a/home"
    [dpop-es256]="http://127.0.0.1:${PORT[dpop]:-}/api/v3/secret"
    [dpop-eddsa]="http://127.0.0.1:${PORT[dpop]:-}/api/v3/secret"
)
declare -A BEARER=([hs256]=${TOKEN[hs]:-} [base-hs256]=${TOKEN[base]:-} [es256]=${TOKEN[es]:-} [es256-nocache]=${TOKEN[es-nocache]:-}
                   [hs256-scg]=${TOKEN[scg]:-})
declare -A TOKEN_FILE=([hs256-distinct]=$WORK/tokens-distinct)
declare -A JVM=([stock]=stock [public]=hs [hs256]=hs [hs256-distinct]=hs [es256]=es [es256-nocache]=es-nocache
                [services]=services [dpop-es256]=dpop [dpop-eddsa]=dpop [base-public]=base [base-hs256]=base
                [public-scg]=scg [hs256-scg]=scg)
# --alt-java's targets: the target they repeat, on its JVM's counterpart, with that JVM's token.
if [[ -n $ALT ]]; then
    ALT_VERSION=$("$ALT_JAVA" -version 2>&1 | head -1 | sed 's/^[a-zA-Z]* version "\([^"]*\)".*/Java \1/')
    for target in stock public hs256 public-scg hs256-scg; do
        jvm=${JVM[$target]}$ALT
        LABEL[$target$ALT]="${LABEL[$target]}, $ALT_VERSION"
        URL[$target$ALT]="http://127.0.0.1:${PORT[$jvm]:-}/${URL[$target]#http://*/}"
        JVM[$target$ALT]=$jvm
        if [[ -n ${BEARER[$target]:-} ]]; then BEARER[$target$ALT]=${TOKEN[$jvm]:-}; fi
    done
fi
# Paths wrk sends in turn instead of the URL's: one route of each service.
declare -A PATHS=([services]=$(printf '/%s/home\n' "${SERVICE_NAMES[@]}" | paste -sd,))

for target in $TARGETS; do
    authorization=()
    [[ -n ${BEARER[$target]:-} ]] && authorization=(-H "Authorization: Bearer ${BEARER[$target]}")
    [[ -n ${TOKEN_FILE[$target]:-} ]] && authorization=(-H "Authorization: Bearer $(head -1 "${TOKEN_FILE[$target]}")")
    if [[ -n ${DPOP_TOKEN[$target]:-} ]]; then
        authorization=(-H "Authorization: DPoP ${DPOP_TOKEN[$target]}" -H "DPoP: $(keys dpop-proof --method GET \
            --key "$WORK/$target/private.pem" --url "${URL[$target]}" --token "${DPOP_TOKEN[$target]}")")
    fi
    urls=("${URL[$target]}")
    if [[ -n ${PATHS[$target]:-} ]]; then
        urls=()
        IFS=, read -ra paths <<<"${PATHS[$target]}"
        for path in "${paths[@]}"; do urls+=("$(cut -d/ -f1-3 <<<"${URL[$target]}")$path"); done
    fi
    for url in "${urls[@]}"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "${authorization[@]}" "$url")
        [[ $code == 200 ]] || die "$target: $url answered $code, not 200"
    done
    if [[ -n ${DPOP_TOKEN[$target]:-} ]]; then      # the same proof again: what a proof used twice gets
        code=$(curl -s -o /dev/null -w '%{http_code}' "${authorization[@]}" "${URL[$target]}")
        [[ $code == 401 ]] || die "$target: a replayed DPoP proof was answered $code, not 401"
    fi
done

# CPU time a process has used, user and system, in clock ticks (/proc/<pid>/stat fields 14 and 15).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
CLOCK_TICK_US=$((1000000 / $(getconf CLK_TCK)))

# Busy and stolen clock ticks of the JVMs' core (/proc/stat), when they have one core of their own.
core_ticks() {
    [[ ${#PIN_GATEWAY[@]} -gt 0 && $GATEWAY_CPUS =~ ^[0-9]+$ ]] || { echo "0 0"; return; }
    awk -v cpu="cpu$GATEWAY_CPUS" '$1 == cpu { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat
}
jvm_ticks() { local total=0 pid; for pid in "${PID[@]}"; do total=$((total + $(cpu_ticks "$pid"))); done; echo $total; }

# $1: target; $2: seconds. Prints wrk's RESULT line (key=value pairs), the serving process's CPU time during it, and
# how much of the JVMs' core went elsewhere: to other processes and the kernel's own work (other_pct), or to the
# hypervisor (steal_pct).
run_wrk() {
    local target=$1 seconds=$2 output pid before jvms_before core_before steal_before result
    if [[ -n ${DPOP_TOKEN[$target]:-} ]]; then
        make_proofs "$target" "$seconds"
    fi
    pid=$NGINX_WORKER
    [[ -n ${JVM[$target]:-} ]] && pid=${PID[${JVM[$target]}]}
    before=$(cpu_ticks "$pid")
    jvms_before=$(jvm_ticks)
    read -r core_before steal_before < <(core_ticks)
    output=$(BENCH_TOKEN=${BEARER[$target]:-${DPOP_TOKEN[$target]:-}} BENCH_SCHEME=${DPOP_TOKEN[$target]:+DPoP} \
        BENCH_TOKENS=${TOKEN_FILE[$target]:-} BENCH_PATHS=${PATHS[$target]:-} \
        BENCH_PROOFS=${DPOP_TOKEN[$target]:+$WORK/$target/proofs} \
        "${PIN_LOAD[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$WRK_SCRIPT" "${URL[$target]}") \
        || die "wrk failed on $target: $output"
    local cpu=$(($(cpu_ticks "$pid") - before)) jvms=$(($(jvm_ticks) - jvms_before)) core steal
    read -r core steal < <(core_ticks)
    local elapsed_ticks=$((seconds * 1000000 / CLOCK_TICK_US))
    result="$(grep '^RESULT ' <<<"$output" | head -1 | cut -d' ' -f2-) cpu_us=$((cpu * CLOCK_TICK_US))"
    result+=" other_pct=$(((core - core_before - jvms) * 100 / elapsed_ticks))"
    result+=" steal_pct=$(((steal - steal_before) * 100 / elapsed_ticks))"
    if [[ -n ${DPOP_TOKEN[$target]:-} ]]; then
        remember_rps "$target" "$(field rps "$result")"
    fi
    echo "$result"
}

field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }      # $1: key; $2: a RESULT line

# Runs a target until three runs in a row are within WARMUP_TOLERANCE percent of each other: the JIT compiler shares
# the JVMs' core, so a JVM can look stable at a low rate for a run or two while it is still compiling.
warm_up() {
    local target=$1 rps result last=() spread all=""
    for ((run = 1; run <= WARMUP_MAX_RUNS; run++)); do
        result=$(run_wrk "$target" "$WARMUP_SECONDS")
        rps=$(field rps "$result")
        all+=" ${rps%.*}"
        last+=("$rps")
        [[ ${#last[@]} -gt 3 ]] && last=("${last[@]:1}")
        if [[ ${#last[@]} -eq 3 ]]; then
            spread=$(printf '%s\n' "${last[@]}" | awk 'NR == 1 { lo = hi = $1 } { lo = $1 < lo ? $1 : lo; hi = $1 > hi ? $1 : hi }
                END { printf "%.1f", (hi - lo) / hi * 100 }')
            if awk -v s="$spread" -v t="$WARMUP_TOLERANCE" 'BEGIN { exit !(s <= t) }'; then
                log "warmup $target: stable after $run runs of ${WARMUP_SECONDS}s, req/s:$all"
                return
            fi
        fi
    done
    log "warmup $target: not stable within $WARMUP_TOLERANCE% after $WARMUP_MAX_RUNS runs, measuring anyway; req/s:$all"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for target in $TARGETS; do
    warm_up "$target"
done

PROFILE_BEGIN=$(date -u +%Y-%m-%dT%H:%M:%SZ)      # --profile: the analysis leaves out what came before
declare -A RESULTS=()
for ((round = 1; round <= ROUNDS; round++)); do
    for target in $TARGETS; do
        result=$(run_wrk "$target" "$DURATION")
        RESULTS[$target]+="$result"$'\n'
        log "round $round/$ROUNDS $target: $(field rps "$result") req/s, p99 $(field p99_us "$result") us," \
            "JVMs' core elsewhere $(field other_pct "$result")%, stolen $(field steal_pct "$result")%"
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ -n $PROFILE_DIR ]]; then
    for name in "${!PID[@]}"; do
        jcmd "${PID[$name]}" JFR.dump name=bench "begin=$PROFILE_BEGIN" "filename=$PROFILE_DIR/$name.jfr" >/dev/null
    done
fi

# ---------------------------------------------------------------------------------------------------------- report
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() {     # $1: a key of the RESULT lines; $2: target. Its value in every round, one a line.
    awk -v key="$1=" '{ for (i = 1; i <= NF; i++) if (index($i, key) == 1) print substr($i, length(key) + 1) }' \
        <<<"${RESULTS[$2]}"
}

declare -A MEDIAN=()
for target in $TARGETS; do
    MEDIAN[$target]=$(column_of rps "$target" | median)
done
ratio() { [[ -n ${MEDIAN[$2]:-} ]] && awk -v a="${MEDIAN[$1]}" -v b="${MEDIAN[$2]}" 'BEGIN { printf "%.2f", a / b }' \
          || echo "–"; }
declare -A CPU_PER_REQUEST=()        # filled as the table is printed
cpu_ratio() { [[ -n ${CPU_PER_REQUEST[$2]:-} ]] && awk -v a="${CPU_PER_REQUEST[$1]}" -v b="${CPU_PER_REQUEST[$2]}" \
              'BEGIN { printf "%.2f", a / b }' || echo "–"; }
ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f" : "%.1f"), us / 1000 }'; }

CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEMORY=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $CPU_MODEL, $CPUS cores, $MEMORY · $(uname -sr) · $JAVA_VERSION"
echo "wrk -t1 -c$CONNECTIONS, $ROUNDS interleaved rounds of ${DURATION}s after warmup · $PINNING"
echo "load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER (the bench itself adds about 2)"
[[ ${#DPOP_TOKEN[@]} -gt 0 ]] && echo "DPoP proofs made before each run, max($DPOP_RPS, 2 × best req/s) a second," \
    "valid ${PROOF_MAX_AGE}s (gateway.auth.dpop.proof-max-age)"
[[ -n ${BENCH_GATEWAY_ARGS:-} ]] && echo "gateway arguments added: $BENCH_GATEWAY_ARGS"
[[ -n $BASELINE_JAR && -n ${BENCH_BASELINE_ARGS:-} ]] && echo "baseline arguments added: $BENCH_BASELINE_ARGS"
[[ -n ${PORT[scg]:-} ]] && echo "routing filters' gateway (-scg): ${ROUTING_FILTER_ARGS[*]}"
[[ -n $ALT ]] && echo "targets ending $ALT: $("$ALT_JAVA" -version 2>&1 | head -1), $ALT_JAVA;" \
    "their × stock and × public are against stock$ALT and public$ALT"
[[ -n ${BENCH_GATEWAY_JAVA_OPTS:-} ]] && echo "gateway JVM options added: $BENCH_GATEWAY_JAVA_OPTS"
[[ -n $PROFILE_DIR ]] && echo "recorded with JFR (--profile): slower than without"
echo
echo "| target | req/s (median) | min – max | p50 ms | p99 ms | CPU µs/req | × stock | × public | × direct |" \
    "core elsewhere |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
FAILED=0
for target in $TARGETS; do
    rps_min=$(column_of rps "$target" | sort -g | head -1)
    rps_max=$(column_of rps "$target" | sort -g | tail -1)
    p50=$(column_of p50_us "$target" | median)
    p99=$(column_of p99_us "$target" | median)
    elsewhere=$(paste -d' ' <(column_of other_pct "$target") <(column_of steal_pct "$target") \
        | awk '{ print $1 + $2 }' | median)
    cpu=$(paste -d' ' <(column_of cpu_us "$target") <(column_of requests "$target") \
        | awk '{ print $1 / $2 }' | median)
    CPU_PER_REQUEST[$target]=$cpu
    errors=$(column_of non2xx "$target" | awk '{ s += $1 } END { print s + 0 }')
    socket=$(for key in connect read write timeout; do column_of "$key" "$target"; done | awk '{ s += $1 } END { print s + 0 }')
    reused=$(column_of reused "$target" | awk '{ s += $1 } END { print s + 0 }')
    reused_note=""
    [[ $reused -gt 0 ]] && reused_note=", $reused requests with a used DPoP proof (raise --dpop-rps)"
    mark=""
    if [[ $errors -gt 0 || $socket -gt 0 || $reused -gt 0 ]]; then
        mark=" (!: $errors non-2xx, $socket socket errors$reused_note)"
        FAILED=1
    fi
    at=""           # × stock and × public: against the stock and public of the target's own JVM
    [[ -n $ALT && $target == *"$ALT" ]] && at=$ALT
    printf '| %s%s | %.0f | %.0f – %.0f | %s | %s | %.1f | %s | %s | %s | %s%% |\n' "${LABEL[$target]}" "$mark" \
        "${MEDIAN[$target]}" "$rps_min" "$rps_max" "$(ms "$p50")" "$(ms "$p99")" "$cpu" "$(ratio "$target" "stock$at")" \
        "$(ratio "$target" "public$at")" "$(ratio "$target" direct)" "$elsewhere"
done
if [[ ${#DPOP_TOKEN[@]} -gt 0 ]]; then
    echo
    echo "| DPoP against es256 (ES256 Bearer, cache on; – unless it ran) | req/s × es256 | CPU µs/req × es256 |"
    echo "|---|---:|---:|"
    for target in $DPOP_TARGETS; do
        if wants "$target"; then
            printf '| %s | %s | %s |\n' "${LABEL[$target]}" "$(ratio "$target" es256)" "$(cpu_ratio "$target" es256)"
        fi
    done
fi
echo
echo "| JVM | serves | start to ready | peak RSS (VmHWM) | RSS at the end |"
echo "|---|---|---:|---:|---:|"
for name in hs scg base es es-nocache services dpop stock "${ALT_JVMS[@]}"; do
    [[ -n ${PID[$name]:-} ]] || continue
    serves=""
    for target in $TARGETS; do
        if [[ ${JVM[$target]:-} == "$name" ]]; then serves+="$target "; fi
    done
    hwm=$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/${PID[$name]}/status")
    rss=$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/${PID[$name]}/status")
    printf '| %s | %s | %.2f s | %s | %s |\n' "$name" "${serves% }" "$(awk -v ms="${STARTUP_MS[$name]}" \
        'BEGIN { print ms / 1000 }')" "$hwm" "$rss"
done
if [[ -n $PROFILE_DIR ]]; then
    echo
    echo "Profiles of the rounds (--rps applies when the JVM served one target):"
    for name in "${!PID[@]}"; do
        served=()
        for target in $TARGETS; do
            if [[ ${JVM[$target]:-} == "$name" ]]; then served+=("$target"); fi
        done
        rps=""
        [[ ${#served[@]} -eq 1 ]] && rps=" --rps ${MEDIAN[${served[0]}]}"
        echo "  java bench/jfr/TopFrames.java $PROFILE_DIR/$name.jfr --since $PROFILE_BEGIN$rps"
    done
fi
if [[ $FAILED == 1 ]]; then
    echo
    echo "Some requests failed (!): those rows measure errors, not the route."
    exit 1
fi
