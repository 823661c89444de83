package suppress_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// openStore opens the suppressions bucket on a fresh embedded NATS server.
func openStore(t *testing.T) (*suppress.Store, jetstream.JetStream) {
	t.Helper()
	_, js := natstest.Connect(t, natstest.Start(t))
	st, err := suppress.Open(t.Context(), js)
	if err != nil {
		t.Fatal(err)
	}
	return st, js
}

func TestAddRejectsBadSuppressions(t *testing.T) {
	st, _ := openStore(t)
	ok := suppress.Suppression{EntityID: "ofac-1", Phrase: "star", Who: "ana", Why: "the word, not the vessel"}
	tests := []struct {
		name      string
		change    func(*suppress.Suppression)
		wantField string
	}{
		{"no entity", func(s *suppress.Suppression) { s.EntityID = "  " }, "entity_id"},
		{"no who", func(s *suppress.Suppression) { s.Who = "" }, "who"},
		{"no why", func(s *suppress.Suppression) { s.Why = "\t" }, "why"},
		{"no target", func(s *suppress.Suppression) { s.Phrase = " " }, "target"},
		{"two targets", func(s *suppress.Suppression) { s.ArticleID = "cnn-1" }, "phrase"},
		{"kind disagrees", func(s *suppress.Suppression) { s.Kind = suppress.KindSource }, "kind"},
		{"source without letters", func(s *suppress.Suppression) { s.Phrase, s.Source = "", "!!" }, "source"},
		{"long why", func(s *suppress.Suppression) { s.Why = strings.Repeat("x", suppress.MaxWhyLen+1) }, "why"},
		{"expired already", func(s *suppress.Suppression) { s.ExpiresAt = time.Now().Add(-time.Minute) }, "expires_at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.change(&s)
			_, err := st.Add(t.Context(), s)
			var fe *events.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.wantField {
				t.Fatalf("Add = %v, want a field error on %s", err, tc.wantField)
			}
		})
	}
	all, err := st.List(t.Context())
	if err != nil || len(all) != 0 {
		t.Errorf("List after rejected adds = %v, %v; want none", all, err)
	}
}

func TestAddingTheSameSuppressionAgainUpdatesIt(t *testing.T) {
	st, _ := openStore(t)
	first, err := st.Add(t.Context(), suppress.Suppression{EntityID: "ofac-1", Phrase: "Star", Who: "ana", Why: "the word"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Kind != suppress.KindPhrase || !strings.HasPrefix(first.Key, "phrase.") || first.CreatedAt.IsZero() || first.Revision == 0 {
		t.Errorf("Add returned %+v: want kind phrase, a phrase.* key, created_at and revision set", first)
	}
	second, err := st.Add(t.Context(), suppress.Suppression{EntityID: "ofac-1", Phrase: "  STAR ", Who: "bo", Why: "reviewed again"})
	if err != nil {
		t.Fatal(err)
	}
	if second.Key != first.Key || second.Revision <= first.Revision {
		t.Errorf("same suppression again: key %s rev %d, want key %s and a later revision than %d", second.Key, second.Revision, first.Key, first.Revision)
	}
	other, err := st.Add(t.Context(), suppress.Suppression{EntityID: "ofac-2", Phrase: "star", Who: "bo", Why: "another entity"})
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Key != first.Key || all[0].Who != "bo" || all[0].Phrase != "STAR" || all[1].Key != other.Key {
		t.Errorf("List = %+v, want the updated ofac-1 suppression (by bo) then ofac-2's", all)
	}
}

func TestRemove(t *testing.T) {
	st, _ := openStore(t)
	s, err := st.Add(t.Context(), suppress.Suppression{EntityID: "ofac-1", Source: "Example Wire", Who: "ana", Why: "wire reprints"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "example-wire" {
		t.Errorf("source stored as %q, want the source token example-wire", s.Source)
	}
	if err := st.Remove(t.Context(), s.Key); err != nil {
		t.Fatalf("Remove(%s) = %v", s.Key, err)
	}
	for _, key := range []string{s.Key, "source.none", "not a key!"} {
		if err := st.Remove(t.Context(), key); !errors.Is(err, suppress.ErrNotFound) {
			t.Errorf("Remove(%q) = %v, want ErrNotFound", key, err)
		}
	}
	if all, err := st.List(t.Context()); err != nil || len(all) != 0 {
		t.Errorf("List after Remove = %v, %v; want none", all, err)
	}
}
