package events_test

import (
	"strings"
	"testing"

	"github.com/watchwire/watchwire/pkg/events"
)

func TestAlertIDIsStable(t *testing.T) {
	// The value is part of the contract: consumers store it.
	if got, want := events.AlertID("wire-20240716-0001", "ofac-8279"), "al-807afd971644c19aefb2570139396c39"; got != want {
		t.Errorf("AlertID = %s, want %s", got, want)
	}
	if events.AlertID("a", "bc") == events.AlertID("ab", "c") {
		t.Error("AlertID does not separate its inputs")
	}
}

func TestRetroIDs(t *testing.T) {
	const v1, v2 = "firm@sha256:aa", "firm@sha256:bb"
	// Stable values: consumers store alert ids, and a repeated
	// retro-screen must repeat them.
	if got, want := events.RetroAlertID("wire-20240716-0002", "firm-7", "firm@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"), "al-7b22d6deb782eb18d5b2632837039fd9"; got != want {
		t.Errorf("RetroAlertID = %s, want %s", got, want)
	}
	distinct := map[string]string{
		"live alert":              events.AlertID("a-1", "e-1"),
		"retro alert, v1":         events.RetroAlertID("a-1", "e-1", v1),
		"retro alert, v2":         events.RetroAlertID("a-1", "e-1", v2),
		"live screened event":     events.ScreenedMsgID("a-1", v1),
		"retro screened event v1": events.RetroScreenedMsgID("a-1", v1),
		"retro screened event v2": events.RetroScreenedMsgID("a-1", v2),
	}
	seen := map[string]string{}
	for what, id := range distinct {
		if prev, dup := seen[id]; dup {
			t.Errorf("%s and %s have the same id %s", prev, what, id)
		}
		seen[id] = what
	}
	key := events.RetroJobKey(v1)
	if !strings.HasPrefix(key, events.RetroJobKeyPrefix) || len(key) != len(events.RetroJobKeyPrefix)+32 || key == events.RetroJobKey(v2) {
		t.Errorf("RetroJobKey(%q) = %q, want retro. and 32 hex digits, one per version", v1, key)
	}
}

func TestArticleID(t *testing.T) {
	id := events.ArticleID("feed-x", "https://example.com/1", "Title")
	if id != events.ArticleID("feed-x", "https://example.com/1", "Title") {
		t.Error("ArticleID is not deterministic")
	}
	if !strings.HasPrefix(id, "feed-x-") || len(id) != len("feed-x-")+24 {
		t.Errorf("ArticleID = %q, want feed-x- and 24 hex digits", id)
	}
	if id == events.ArticleID("feed-y", "https://example.com/1", "Title") {
		t.Error("ArticleID ignores the source")
	}
	a := goodArticle()
	a.ID = events.ArticleID(strings.Repeat("s", events.MaxSourceLen), "x")
	if err := a.Validate(); err != nil {
		t.Errorf("ArticleID of the longest source is not a valid id: %v", err)
	}
}

func TestSourceToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wire", "wire"},
		{"new-news-latest (CNN articles, Jul-Aug 2024)", "new-news-latest-cnn-articles-jul-aug-2024"},
		{"  Le Monde.fr ", "le-monde-fr"},
		{"news_wire", "news_wire"},
		{"日本語", ""},
		{strings.Repeat("ab ", 40), strings.TrimRight(strings.Repeat("ab-", 22)[:64], "-")},
	}
	for _, tc := range tests {
		got := events.SourceToken(tc.in)
		if got != tc.want {
			t.Errorf("SourceToken(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got != "" && !events.ValidSource(got) {
			t.Errorf("SourceToken(%q) = %q is not a valid source", tc.in, got)
		}
	}
}

func TestCleanSource(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"cnn", "cnn"},
		{"News_Wire-2", "News_Wire-2"}, // valid as it is: kept, case and all
		{"Le Monde.fr", "le-monde-fr"},
		{"日本語", "日本語"}, // nothing usable: left for validation to report
	}
	for _, tc := range tests {
		if got := events.CleanSource(tc.in); got != tc.want {
			t.Errorf("CleanSource(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestContext(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name       string
		text       string
		start, end int
		want       string
	}{
		{"short text", "Sanctions on ACME Corp today", 13, 22, "Sanctions on ACME Corp today"},
		{"cut both sides", long + " ACME " + long, 101, 105, strings.Repeat("x", 59) + " ACME " + strings.Repeat("x", 59)},
		{"line breaks flattened", "one\ntwo ACME\tthree", 8, 12, "one two ACME three"},
		// Each "é" is 2 bytes: a cut at 60 bytes would split one, so it moves inwards.
		{"utf-8 boundary", strings.Repeat("é", 40) + "X" + strings.Repeat("é", 40), 80, 81, strings.Repeat("é", 30) + "X" + strings.Repeat("é", 30)},
		{"cut inside a rune", strings.Repeat("é", 40) + "aXb" + strings.Repeat("é", 40), 81, 82, strings.Repeat("é", 29) + "aXb" + strings.Repeat("é", 29)},
		{"offsets clamped", "short", 3, 99, "short"},
	}
	for _, tc := range tests {
		if got := events.Context(tc.text, tc.start, tc.end); got != tc.want {
			t.Errorf("%s: Context = %q, want %q", tc.name, got, tc.want)
		}
	}
}
