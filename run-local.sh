#!/usr/bin/env bash
# Starts the local stack: two services, each a sample backend (backend, and inventory under /inventory/**), and the
# gateway in front of them, with the routes of stack/services.yml. No Docker; a JDK 17+ is all it needs. Ctrl-C stops
# all three. Ports: GATEWAY_PORT (default 8080), BACKEND_PORT (default 8081), INVENTORY_PORT (default 8082) and
# MANAGEMENT_PORT (default 9090: the operator endpoints, no token asked, bound to localhost only). Clients and routes
# added at runtime are kept in GATEWAY_DATA_DIR (default .local-stack/data), so they survive a restart. Any gateway
# setting can be passed as an environment variable, e.g. GATEWAY_AUTH_HMAC_SECRET=... ./run-local.sh
set -euo pipefail
cd "$(dirname "$0")"

gateway_port=${GATEWAY_PORT:-8080}
backend_port=${BACKEND_PORT:-8081}
inventory_port=${INVENTORY_PORT:-8082}
management_port=${MANAGEMENT_PORT:-9090}
gateway_jar=gateway/target/gateway.jar
backend_jar=sample-backend/target/sample-backend.jar
logs=.local-stack
mkdir -p "$logs"

# A jar is stale when a pom or a main source of its module is newer: tests are not in the jars.
stale() {
  [ ! -f "$gateway_jar" ] || [ ! -f "$backend_jar" ] ||
    [ -n "$(find pom.xml gateway/pom.xml gateway/src/main -newer "$gateway_jar" -print -quit)" ] ||
    [ -n "$(find pom.xml sample-backend/pom.xml sample-backend/src/main -newer "$backend_jar" -print -quit)" ]
}
if stale; then
  echo "Building the jars (./mvnw package, tests skipped)..."
  ./mvnw -B -q -Dmaven.test.skip=true package
  touch "$gateway_jar" "$backend_jar"   # Maven leaves a jar as it was when nothing in it changed: built now, all the same
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the local stack..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

# Waits for a line in a log; gives up when the process behind it exits.
await() {
  local log=$1 pattern=$2 pid=$3
  until grep -q -E "$pattern" "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "It did not start; the end of $log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# One jar, two services: SERVICE_NAME is what each names in X-Backend-Service. inventory trusts a request only with the
# gateway's signed identity assertion for it (REQUIRE_ASSERTION), checked with the keys the gateway publishes.
issuer=${GATEWAY_AUTH_ISSUER:-http://localhost:$gateway_port}
SERVICE_NAME=backend INSTANCE_ID=${INSTANCE_ID:-backend-1} \
  java -jar "$backend_jar" --server.port="$backend_port" >"$logs/backend.log" 2>&1 &
pids+=($!)
SERVICE_NAME=inventory INSTANCE_ID=inventory-1 REQUIRE_ASSERTION=true GATEWAY_ISSUER="$issuer" \
  GATEWAY_JWKS_URI="http://localhost:$gateway_port/.well-known/jwks.json" \
  java -jar "$backend_jar" --server.port="$inventory_port" >"$logs/inventory.log" 2>&1 &
pids+=($!)
java -jar "$gateway_jar" --server.port="$gateway_port" \
  --management.server.port="$management_port" --management.server.address=127.0.0.1 \
  --gateway.data-dir="${GATEWAY_DATA_DIR:-$logs/data}" \
  --spring.config.additional-location=file:stack/services.yml \
  --gateway.auth.issuer="$issuer" \
  --gateway.backend.uris="${GATEWAY_BACKEND_URIS:-http://localhost:$backend_port}" \
  --gateway.services.inventory.uris="${GATEWAY_SERVICES_INVENTORY_URIS:-http://localhost:$inventory_port}" \
  >"$logs/gateway.log" 2>&1 &
pids+=($!)

await "$logs/backend.log" 'Started SampleBackendApplication' "${pids[0]}"
await "$logs/inventory.log" 'Started SampleBackendApplication' "${pids[1]}"
await "$logs/gateway.log" 'Started GatewayApplication' "${pids[2]}"

demo_key=$(grep -o -E 'Demo API key: [^ ]+' "$logs/gateway.log" | head -n 1 | cut -d' ' -f4 || true)
cat <<TXT

  Gateway:      http://localhost:$gateway_port
  Backend:      http://localhost:$backend_port (the service backend: call it through the gateway, /api/v3/...)
  Inventory:    http://localhost:$inventory_port (the service inventory: through the gateway, /inventory/api/v3/...;
                it refuses a request without the gateway's signed assertion)
  Operator:     http://localhost:$management_port/actuator (clients, routes, metrics, health: no token, localhost only)
  Demo API key: ${demo_key:-(none: gateway.auth.api-keys is configured)}
  Logs:         $logs/gateway.log, $logs/backend.log, $logs/inventory.log

  Try:  curl -s -X POST http://localhost:$gateway_port/api/v3/auth -H 'Content-Type: application/json' -d '{"api-key": "${demo_key:-<your key>}"}'

  Press Ctrl-C to stop all three.
TXT
wait -n "${pids[@]}"
echo "A process exited; see $logs/." >&2
