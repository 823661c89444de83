// Package suppress keeps the false positives analysts have reviewed, so
// that the alerter stops raising them.
//
// A suppression covers one entity in one of three ways: for one article,
// for every article of a source, or wherever the article names the entity
// only by one phrase (the vessel STAR where an article just says "star").
// Each records who made it and why, and may expire. Suppressions live in
// the JetStream key-value bucket Bucket under a key derived from what they
// cover, so adding the same one again updates it; the bucket's history
// keeps the earlier versions. A Store adds, lists and removes them; a
// Matcher, kept current by a watch on the bucket, tells the alerter which
// alerts they cover.
package suppress

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

// Bucket is the JetStream key-value bucket of the suppressions.
const Bucket = "watchwire-suppressions"

// Kind is what a suppression covers besides its entity. Its values are
// the reasons (a bounded label) of watchwire_alerts_suppressed_total.
type Kind string

const (
	KindArticle Kind = "article" // the entity in one article
	KindSource  Kind = "source"  // the entity in every article of a source
	KindPhrase  Kind = "phrase"  // the entity where every mention is one phrase
)

// allKinds lists the kinds, narrowest first.
func allKinds() []Kind { return []Kind{KindArticle, KindSource, KindPhrase} }

// narrowness orders the kinds, narrowest first: when several suppressions
// cover an alert, the narrowest gives the reason.
func (k Kind) narrowness() int {
	switch k {
	case KindArticle:
		return 0
	case KindSource:
		return 1
	}
	return 2
}

// Limits of the fields, in bytes.
const (
	MaxEntityIDLen = 256
	MaxPhraseLen   = 256
	MaxWhoLen      = 256
	MaxWhyLen      = 4096
)

// Suppression is one reviewed false positive. Exactly one of ArticleID,
// Source and Phrase is set; Kind says which.
type Suppression struct {
	// Key is the suppression's key in Bucket, derived from Kind, EntityID
	// and the target (see Store.Add).
	Key      string `json:"key,omitempty"`
	Kind     Kind   `json:"kind,omitempty"`
	EntityID string `json:"entity_id"`

	ArticleID string `json:"article_id,omitempty"`
	Source    string `json:"source,omitempty"` // a source token; matched case-insensitively
	Phrase    string `json:"phrase,omitempty"` // matched case-insensitively, spaces collapsed

	Who       string    `json:"who"`
	Why       string    `json:"why"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	// ExpiresAt, when set, ends the suppression: alerts it covered are
	// raised again from then on.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Revision is the bucket's revision of this version (set on reading).
	Revision uint64 `json:"revision,omitempty"`
}

// Target is what the suppression covers besides its entity.
func (s Suppression) Target() string {
	switch s.Kind {
	case KindArticle:
		return s.ArticleID
	case KindSource:
		return s.Source
	}
	return s.Phrase
}

// Expired reports whether the suppression has ended at now.
func (s Suppression) Expired(now time.Time) bool {
	return !s.ExpiresAt.IsZero() && !now.Before(s.ExpiresAt)
}

// Covers reports whether the suppression applies to al, expiry aside.
func (s Suppression) Covers(al events.Alert) bool {
	if al.EntityID != s.EntityID {
		return false
	}
	switch s.Kind {
	case KindArticle:
		return al.ArticleID == s.ArticleID
	case KindSource:
		return strings.EqualFold(al.Source, s.Source)
	case KindPhrase:
		return len(al.Mentions) > 0 && !slices.ContainsFunc(al.Mentions, func(m events.AlertMention) bool {
			return !strings.EqualFold(collapse(m.Text), s.Phrase)
		})
	}
	return false
}

// prepared returns s checked and normalized, with its Kind, Key and
// CreatedAt set, or an *events.FieldError naming the first bad field.
func (s Suppression) prepared(now time.Time) (Suppression, error) {
	s.EntityID = strings.TrimSpace(s.EntityID)
	s.ArticleID = strings.TrimSpace(s.ArticleID)
	s.Source = events.CleanSource(strings.TrimSpace(s.Source)) // the token the ingestor gives articles
	s.Phrase = collapse(s.Phrase)
	s.Who, s.Why = strings.TrimSpace(s.Who), strings.TrimSpace(s.Why)
	s.CreatedAt, s.Revision = now.UTC(), 0
	kind, err := s.kind()
	if err != nil {
		return s, err
	}
	s.Kind = kind
	if err := s.check(now); err != nil {
		return s, err
	}
	s.Key = key(s.Kind, s.EntityID, s.Target())
	return s, nil
}

// kind says which target is set, checking that exactly one is and that it
// agrees with Kind when the caller gave one.
func (s Suppression) kind() (Kind, error) {
	var set []Kind // in the order of the kinds' names, for the message
	for _, t := range [...]struct {
		k Kind
		v string
	}{{KindArticle, s.ArticleID}, {KindPhrase, s.Phrase}, {KindSource, s.Source}} {
		if t.v != "" {
			set = append(set, t.k)
		}
	}
	switch {
	case len(set) == 0:
		return "", &events.FieldError{Field: "target", Reason: "one of article_id, source or phrase is required"}
	case len(set) > 1:
		return "", &events.FieldError{Field: targetField(set[1]), Reason: fmt.Sprintf("only one of article_id, source or phrase may be set, got %s and %s", targetField(set[0]), targetField(set[1]))}
	case s.Kind != "" && s.Kind != set[0]:
		return "", &events.FieldError{Field: "kind", Reason: fmt.Sprintf("is %q but %s is set", s.Kind, targetField(set[0]))}
	}
	return set[0], nil
}

// check checks the lengths and the required fields.
func (s Suppression) check(now time.Time) error {
	for _, f := range []struct {
		name, value string
		limit       int
	}{
		{"entity_id", s.EntityID, MaxEntityIDLen},
		{"article_id", s.ArticleID, events.MaxIDLen},
		{"source", s.Source, events.MaxSourceLen},
		{"phrase", s.Phrase, MaxPhraseLen},
		{"who", s.Who, MaxWhoLen},
		{"why", s.Why, MaxWhyLen},
	} {
		if f.value == "" && (f.name == "entity_id" || f.name == "who" || f.name == "why") {
			return &events.FieldError{Field: f.name, Reason: "is required"}
		}
		if len(f.value) > f.limit {
			return &events.FieldError{Field: f.name, Reason: fmt.Sprintf("is %d bytes, limit %d", len(f.value), f.limit)}
		}
	}
	if s.Source != "" && !events.ValidSource(s.Source) {
		return &events.FieldError{Field: "source", Reason: fmt.Sprintf("%q has no letter or digit", s.Source)}
	}
	if !s.ExpiresAt.IsZero() && !s.ExpiresAt.After(now) {
		return &events.FieldError{Field: "expires_at", Reason: fmt.Sprintf("%s is not in the future", s.ExpiresAt.Format(time.RFC3339))}
	}
	return nil
}

// targetField is the JSON field of a kind's target.
func targetField(k Kind) string {
	if k == KindArticle {
		return "article_id"
	}
	return string(k)
}

// collapse trims s and reduces each run of white space to one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// key is the bucket key of a suppression: its kind, then a digest of the
// entity and the target (case-folded where matching ignores case), so that
// any entity id or phrase makes a valid key and the same suppression always
// gets the same one.
func key(k Kind, entityID, target string) string {
	if k != KindArticle {
		target = strings.ToLower(target)
	}
	sum := sha256.Sum256([]byte(string(k) + "\x00" + entityID + "\x00" + target))
	return string(k) + "." + hex.EncodeToString(sum[:16])
}
