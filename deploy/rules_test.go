package deploy_test

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// promtool lints the scrape config and the rules and runs the rules' unit
// tests, as CI must.
func TestPromtool(t *testing.T) {
	promtool := needProgram(t, "promtool", "prometheus")
	tests, err := filepath.Glob(repoPath(t, "deploy/prometheus/tests/*.yml"))
	if err != nil || len(tests) == 0 {
		t.Fatalf("no rule tests in deploy/prometheus/tests: %v", err)
	}
	rules, err := filepath.Glob(repoPath(t, "deploy/prometheus/rules/*.yml"))
	if err != nil || len(rules) == 0 {
		t.Fatalf("no rules in deploy/prometheus/rules: %v", err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"check config", []string{"check", "config", repoPath(t, "deploy/prometheus/prometheus.yml")}},
		{"check rules", append([]string{"check", "rules"}, rules...)},
		{"test rules", append([]string{"test", "rules"}, tests...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := exec.Command(promtool, tc.args...).CombinedOutput()
			if err != nil {
				t.Fatalf("promtool %s: %v\n%s", tc.name, err, out)
			}
		})
	}
}
