// Package deploy holds no code: its tests check the deployment files beside
// it against the services they deploy.
//
//   - compose_test.go: docker-compose.yml, the Dockerfiles and the config
//     files they mount, statically (no Docker engine needed): paths, the
//     WATCHWIRE_* variables each service reads, ports, start order.
//   - rules_test.go: promtool lint of the Prometheus config and rules, and
//     the rules' unit tests (prometheus/tests/*.yml).
//   - dashboard_test.go: every panel's PromQL parses and names metrics the
//     services export, read from a live /metrics of `watchwire up`.
//   - prometheus_test.go: a real Prometheus scrapes `watchwire up`; the alert
//     rate and a stalled-pipeline alert are read back through its HTTP API.
//
// Tests that need promtool, prometheus or `watchwire up` skip when it is
// missing, except with CI=true, where a missing Debian program fails.
package deploy
