package alerter_test

import (
	"strings"
	"testing"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/services/alerter"
)

func TestRulesFirstMatchWins(t *testing.T) {
	rules, err := alerter.LoadRules("testdata/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	person := events.Match{List: "ofac", Schema: "Person", Programs: []string{"UKRAINE-EO13661", "RUSSIA-EO14024"}, Score: 0.85}
	tests := []struct {
		name      string
		match     events.Match
		wantRule  string
		wantAlert bool
	}{
		{"all conditions hold", person, "russia-people", true},
		{"score too low for rule 1, and for rule 3", with(person, func(m *events.Match) { m.Score = 0.75 }), "", false},
		{"other program falls through to rule 3", with(person, func(m *events.Match) { m.Programs = []string{"SDGT"}; m.Score = 0.95 }), "rule-3", true},
		{"vessel at any score", events.Match{List: "ofac", Schema: "Vessel", Score: 0.5}, "vessels", true},
		{"other list", with(person, func(m *events.Match) { m.List = "firm"; m.Score = 0.9 }), "rule-3", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rule, ok := rules.First(tc.match)
			if ok != tc.wantAlert || rule.Name != tc.wantRule {
				t.Errorf("First() = %q, %v; want %q, %v", rule.Name, ok, tc.wantRule, tc.wantAlert)
			}
		})
	}
}

func with(m events.Match, f func(*events.Match)) events.Match {
	f(&m)
	return m
}

func TestDefaultRulesAlertOnEveryReportedMatch(t *testing.T) {
	rules, err := alerter.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	for score, want := range map[float64]string{1: "high", 0.9: "high", 0.89: "medium", 0.7: "medium"} {
		rule, ok := rules.First(events.Match{List: "any", Schema: "Person", Score: score})
		if !ok || rule.Severity != want {
			t.Errorf("score %v: severity %q, %v; want %q", score, rule.Severity, ok, want)
		}
	}
}

func TestLoadRulesRejectsBadFiles(t *testing.T) {
	tests := map[string]string{
		"testdata/rules-unknown-field.json": `unknown field "min_scor"`,
		"testdata/rules-no-severity.json":   `rule 1 ("quiet"): severity is required`,
		"testdata/rules-empty.json":         "no rules",
		"testdata/missing.json":             "no such file",
	}
	for path, want := range tests {
		_, err := alerter.LoadRules(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadRules(%s) = %v, want an error containing %q", path, err, want)
		}
	}
}
