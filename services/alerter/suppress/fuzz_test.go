package suppress

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

// kvKey is what NATS accepts as a key-value key.
var kvKey = regexp.MustCompile(`^[-/_=.a-zA-Z0-9]+$`)

// FuzzRequest checks what the API promises an analyst, whatever the body
// of a POST: it is refused with the field at fault, or it becomes a
// suppression that can be stored under a valid key, that is the same
// when added again (same key: an update, not a second one) and when read
// back from the bucket, and that covers the alerts it names.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		`{"entity_id":"ofac-1","article_id":"wire-abc","who":"ana","why":"namesake"}`,
		`{"entity_id":"ofac-1","source":"Daily Wire","who":"ana","why":"sports pages","expires_in":"720h"}`,
		`{"entity_id":"ofac-1","phrase":"  Ivan   PETROV ","who":"ana","why":"the footballer","expires_at":"2030-01-01T00:00:00Z"}`,
		`{"entity_id":"ofac-1","phrase":"x","source":"y","who":"a","why":"b"}`,
		`{"entity_id":"ofac-1","kind":"source","phrase":"x","who":"a","why":"b"}`,
		`{"entity_id":"ofac-1","article_id":"a","who":"a","why":"b","extra":1}`,
		`{"entity_id":1}`,
		`{"entity_id":"ofac-1","phrase":"ß","who":"a","why":"b"}`,
		`{} {}`,
	} {
		f.Add([]byte(seed))
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := decodeRequest(strings.NewReader(string(body)), now)
		if err == nil {
			s, err = s.prepared(now)
		}
		if err != nil {
			var fe *events.FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Fatalf("refused without naming a field: %v", err)
			}
			return
		}
		if !kvKey.MatchString(s.Key) {
			t.Fatalf("key %q is not a key-value key", s.Key)
		}
		again, err := s.prepared(now)
		if err != nil {
			t.Fatalf("accepted %+v, refused when added again: %v", s, err)
		}
		if again != s {
			t.Fatalf("added again, it changed:\n%+v\n%+v", s, again)
		}
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var stored Suppression
		if err := json.Unmarshal(data, &stored); err != nil {
			t.Fatalf("reading back %s: %v", data, err)
		}
		if stored.Key != s.Key || stored.Target() != s.Target() || !stored.ExpiresAt.Equal(s.ExpiresAt) {
			t.Fatalf("read back differently:\n%+v\n%+v", s, stored)
		}
		al := events.Alert{EntityID: s.EntityID, ArticleID: "wire-other", Source: "other"}
		switch s.Kind {
		case KindArticle:
			al.ArticleID = s.ArticleID
		case KindSource:
			al.Source = s.Source
		case KindPhrase:
			al.Mentions = []events.AlertMention{{Mention: events.Mention{Field: "body", Text: s.Phrase}}}
		}
		if !stored.Covers(al) {
			t.Fatalf("%+v does not cover the alert it names: %+v", stored, al)
		}
	})
}
