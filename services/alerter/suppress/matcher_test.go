package suppress_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// alert is an alert on entity in article of source, mentioned as texts.
func alert(entity, article, source string, texts ...string) events.Alert {
	al := events.Alert{AlertID: events.AlertID(article, entity), EntityID: entity, ArticleID: article, Source: source}
	for _, text := range texts {
		al.Mentions = append(al.Mentions, events.AlertMention{Mention: events.Mention{Field: "body", Text: text}})
	}
	return al
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestMatcherChecksEachKind(t *testing.T) {
	st, _ := openStore(t)
	for _, s := range []suppress.Suppression{
		{EntityID: "vessel-star", Phrase: "star", Who: "ana", Why: "the word star"},
		{EntityID: "org-blue", Source: "example-wire", Who: "ana", Why: "the wire's own name"},
		{EntityID: "org-blue", ArticleID: "a-7", Who: "bo", Why: "reviewed"},
		{EntityID: "person-x", ArticleID: "a-7", Who: "bo", Why: "ended", ExpiresAt: time.Now().Add(50 * time.Millisecond)},
	} {
		if _, err := st.Add(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(60 * time.Millisecond) // person-x's suppression has ended
	m, err := st.Watch(t.Context(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		alert      events.Alert
		wantReason string
	}{
		{"phrase, every mention", alert("vessel-star", "a-1", "cnn", "star", "STAR", "Star"), "phrase"},
		{"phrase, spaces collapsed", alert("vessel-star", "a-1", "cnn", " star\n"), "phrase"},
		{"phrase, one other mention", alert("vessel-star", "a-1", "cnn", "star", "MV Star"), ""},
		{"phrase, no mention", alert("vessel-star", "a-1", "cnn"), ""},
		{"phrase, other entity", alert("vessel-sun", "a-1", "cnn", "star"), ""},
		{"source", alert("org-blue", "a-1", "example-wire", "Blue"), "source"},
		{"source, case ignored", alert("org-blue", "a-1", "Example-Wire", "Blue"), "source"},
		{"source, other source", alert("org-blue", "a-1", "cnn", "Blue"), ""},
		{"article is narrower than source", alert("org-blue", "a-7", "example-wire", "Blue"), "article"},
		{"article", alert("org-blue", "a-7", "cnn", "Blue"), "article"},
		{"article, other article", alert("org-blue", "a-8", "cnn", "Blue"), ""},
		{"expired", alert("person-x", "a-7", "cnn", "X"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reason, ok := m.Check(tc.alert)
			if reason != tc.wantReason || ok != (tc.wantReason != "") {
				t.Errorf("Check = %q, %v; want %q", reason, ok, tc.wantReason)
			}
		})
	}
}

func TestMatcherFollowsChanges(t *testing.T) {
	st, _ := openStore(t)
	m, err := st.Watch(t.Context(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	al := alert("org-blue", "a-1", "cnn", "Blue")
	covered := func() bool { _, ok := m.Check(al); return ok }
	if covered() {
		t.Fatal("an empty bucket suppresses an alert")
	}
	s, err := st.Add(t.Context(), suppress.Suppression{EntityID: "org-blue", ArticleID: "a-1", Who: "ana", Why: "reviewed"})
	if err != nil {
		t.Fatal(err)
	}
	natstest.WaitFor(t, "the added suppression to apply", covered)
	if err := st.Remove(t.Context(), s.Key); err != nil {
		t.Fatal(err)
	}
	natstest.WaitFor(t, "the removed suppression to stop applying", func() bool { return !covered() })
	if m.Len() != 0 {
		t.Errorf("Len after remove = %d, want 0", m.Len())
	}
}

func TestMatcherHonoursExpiry(t *testing.T) {
	st, _ := openStore(t)
	m, err := st.Watch(t.Context(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(m)
	inForce := func() float64 { return value(t, reg, "watchwire_suppressions", "kind", "source") }
	al := alert("org-blue", "a-1", "cnn", "Blue")
	expires := time.Now().Add(300 * time.Millisecond)
	if _, err := st.Add(t.Context(), suppress.Suppression{EntityID: "org-blue", Source: "cnn", Who: "ana", Why: "for now", ExpiresAt: expires}); err != nil {
		t.Fatal(err)
	}
	natstest.WaitFor(t, "the suppression to apply", func() bool { _, ok := m.Check(al); return ok })
	if got := inForce(); got != 1 && time.Now().Before(expires) {
		t.Errorf("watchwire_suppressions{kind=source} = %v while in force, want 1", got)
	}
	natstest.WaitFor(t, "the suppression to expire", func() bool { _, ok := m.Check(al); return !ok })
	if time.Now().Before(expires) {
		t.Errorf("the suppression ended before its expires_at")
	}
	if got := inForce(); got != 0 {
		t.Errorf("watchwire_suppressions{kind=source} = %v once expired, want 0", got)
	}
}
