package alerter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/screening/engine"
)

// Rule decides whether a match becomes an alert and with which severity.
// Every condition that is set must hold; an empty list matches anything.
type Rule struct {
	Name     string   `json:"name,omitempty"`
	MinScore float64  `json:"min_score,omitempty"`
	Lists    []string `json:"lists,omitempty"`    // watchlist names, e.g. "ofac"
	Schemas  []string `json:"schemas,omitempty"`  // Person, Organization, Vessel, Aircraft
	Programs []string `json:"programs,omitempty"` // any one of the entity's programs
	Severity string   `json:"severity"`
}

// Rules is an ordered rule set: the first rule a match satisfies decides its
// severity, and a match that satisfies no rule raises no alert.
type Rules []Rule

// DefaultRules turn every match the tagger reports (it screens at
// engine.DefaultMinScore) into an alert: "high" from a score of 0.9,
// "medium" below.
func DefaultRules() Rules {
	return Rules{
		{Name: "strong", MinScore: 0.9, Severity: "high"},
		{Name: "default", MinScore: engine.DefaultMinScore, Severity: "medium"},
	}
}

// First returns the first rule m satisfies, and false when none does.
func (rs Rules) First(m events.Match) (Rule, bool) {
	for _, r := range rs {
		if r.matches(m) {
			return r, true
		}
	}
	return Rule{}, false
}

func (r Rule) matches(m events.Match) bool {
	return m.Score >= r.MinScore &&
		anyOf(r.Lists, m.List) &&
		anyOf(r.Schemas, m.Schema) &&
		(len(r.Programs) == 0 || slices.ContainsFunc(m.Programs, func(p string) bool { return slices.Contains(r.Programs, p) }))
}

func anyOf(set []string, v string) bool {
	return len(set) == 0 || slices.Contains(set, v)
}

// Validate reports the first rule that cannot work, by position and name.
func (rs Rules) Validate() error {
	if len(rs) == 0 {
		return errors.New("no rules: with none, no match would ever alert")
	}
	for i, r := range rs {
		if r.Severity == "" {
			return fmt.Errorf("rule %d (%q): severity is required", i+1, r.Name)
		}
		if r.MinScore < 0 || r.MinScore > 1 {
			return fmt.Errorf("rule %d (%q): min_score %v is outside [0, 1]", i+1, r.Name, r.MinScore)
		}
	}
	return nil
}

// LoadRules reads a rule set from a JSON file of the form
// {"rules": [{"min_score": 0.9, "lists": ["ofac"], "severity": "high"}, ...]}.
// An empty path returns DefaultRules.
func LoadRules(path string) (Rules, error) {
	if path == "" {
		return DefaultRules(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading alert rules: %w", err)
	}
	var file struct {
		Rules Rules `json:"rules"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("alert rules %s: %w", path, err)
	}
	if err := file.Rules.Validate(); err != nil {
		return nil, fmt.Errorf("alert rules %s: %w", path, err)
	}
	for i := range file.Rules {
		if file.Rules[i].Name == "" {
			file.Rules[i].Name = fmt.Sprintf("rule-%d", i+1)
		}
	}
	return file.Rules, nil
}
