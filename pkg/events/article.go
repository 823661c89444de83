package events

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article as it travels on NEWS (news.articles.<source>).
// Its Nats-Msg-Id is its ID.
type Article struct {
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	// Source names where the article came from; it is the last token of the
	// subject, so it is limited to letters, digits, '_' and '-'.
	Source string `json:"source"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	URL    string `json:"url,omitempty"`
	// PublishedAt is when the publisher says it appeared; zero when unknown.
	PublishedAt time.Time `json:"published_at,omitzero"`
	// IngestedAt is when the ingestor accepted it; set on every article on NEWS.
	IngestedAt time.Time `json:"ingested_at,omitzero"`
	Lang       string    `json:"lang,omitempty"`
	Authors    []string  `json:"authors,omitempty"`
}

// Size limits of an Article's fields, in bytes. An encoded article stays
// well below NATS's default 1 MiB maximum payload.
const (
	MaxIDLen     = 128
	MaxSourceLen = 64
	MaxTitleLen  = 2 << 10
	MaxBodyLen   = 512 << 10
	MaxURLLen    = 4 << 10
)

// FieldError says which field of an event is wrong and why.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// ValidationError lists every field error of one event, in field order.
type ValidationError []*FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Validate checks the article against the contract, as it must be on NEWS,
// and returns a ValidationError naming each bad field, or nil.
func (a *Article) Validate() error {
	var errs ValidationError
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	if a.SchemaVersion != SchemaVersion {
		add("schema_version", "is %d, want %d", a.SchemaVersion, SchemaVersion)
	}
	if reason := checkID(a.ID); reason != "" {
		add("id", "%s", reason)
	}
	if reason := checkSource(a.Source); reason != "" {
		add("source", "%s", reason)
	}
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
		add("title", "title and body are both empty")
	}
	if a.IngestedAt.IsZero() {
		add("ingested_at", "is not set")
	}
	checkText(add, "title", a.Title, MaxTitleLen)
	checkText(add, "body", a.Body, MaxBodyLen)
	checkText(add, "url", a.URL, MaxURLLen)
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func checkText(add func(field, format string, args ...any), field, s string, limit int) {
	switch {
	case len(s) > limit:
		add(field, "is %d bytes, limit %d", len(s), limit)
	case !utf8.ValidString(s):
		add(field, "is not valid UTF-8")
	}
}

// checkID allows letters, digits, '_', '-', '=' and single dots between
// them, so an id is usable as a Nats-Msg-Id and as a key-value key.
func checkID(id string) string {
	switch {
	case id == "":
		return "is empty"
	case len(id) > MaxIDLen:
		return fmt.Sprintf("is %d bytes, limit %d", len(id), MaxIDLen)
	}
	for _, tok := range strings.Split(id, ".") {
		if tok == "" {
			return "has an empty part between dots (or starts or ends with a dot)"
		}
		if i := strings.IndexFunc(tok, notTokenRune("=")); i >= 0 {
			return fmt.Sprintf("has %q; allowed: letters, digits, '_', '-', '=', '.'", []rune(tok[i:])[0])
		}
	}
	return ""
}

// ValidSource reports whether s can be an article's source (a subject token).
func ValidSource(s string) bool { return checkSource(s) == "" }

func checkSource(s string) string {
	switch {
	case s == "":
		return "is empty"
	case len(s) > MaxSourceLen:
		return fmt.Sprintf("is %d bytes, limit %d", len(s), MaxSourceLen)
	}
	if i := strings.IndexFunc(s, notTokenRune("")); i >= 0 {
		return fmt.Sprintf("has %q; allowed: letters, digits, '_', '-'", []rune(s[i:])[0])
	}
	return ""
}

func notTokenRune(extra string) func(rune) bool {
	return func(r rune) bool {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '_' || r == '-' || strings.ContainsRune(extra, r)
		return !ok
	}
}
