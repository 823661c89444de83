package events_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

type namedArticle struct {
	name    string
	article events.Article
	fields  []string // the fields Validate must name, for invalid ones
}

func goodArticle() events.Article {
	return events.Article{
		SchemaVersion: 1, ID: "wire-2024.07.16-001", Source: "wire", Title: "A title", Body: "A body.",
		IngestedAt: time.Date(2024, 7, 16, 9, 0, 0, 0, time.UTC),
	}
}

func with(f func(a *events.Article)) events.Article {
	a := goodArticle()
	f(&a)
	return a
}

func validArticles() []namedArticle {
	return []namedArticle{
		{name: "good", article: goodArticle()},
		{name: "title only", article: with(func(a *events.Article) { a.Body = "" })},
		{name: "body only", article: with(func(a *events.Article) { a.Title = "" })},
		{name: "id with = and _", article: with(func(a *events.Article) { a.ID = "Ab_9=-x" })},
		{name: "longest source", article: with(func(a *events.Article) { a.Source = strings.Repeat("s", 64) })},
	}
}

func invalidArticles() []namedArticle {
	return []namedArticle{
		{"no schema version", with(func(a *events.Article) { a.SchemaVersion = 0 }), []string{"schema_version"}},
		{"no id", with(func(a *events.Article) { a.ID = "" }), []string{"id"}},
		{"id with space", with(func(a *events.Article) { a.ID = "a b" }), []string{"id"}},
		{"id with empty part", with(func(a *events.Article) { a.ID = "a..b" }), []string{"id"}},
		{"id ending in dot", with(func(a *events.Article) { a.ID = "a." }), []string{"id"}},
		{"id too long", with(func(a *events.Article) { a.ID = strings.Repeat("i", 129) }), []string{"id"}},
		{"source with dot", with(func(a *events.Article) { a.Source = "news.wire" }), []string{"source"}},
		{"source too long", with(func(a *events.Article) { a.Source = strings.Repeat("s", 65) }), []string{"source"}},
		{"no text", with(func(a *events.Article) { a.Title, a.Body = " ", "\n" }), []string{"title"}},
		{"body too long", with(func(a *events.Article) { a.Body = strings.Repeat("b", events.MaxBodyLen+1) }), []string{"body"}},
		{"no ingested_at", with(func(a *events.Article) { a.IngestedAt = time.Time{} }), []string{"ingested_at"}},
		{"two bad fields", with(func(a *events.Article) { a.ID, a.Source = "", "" }), []string{"id", "source"}},
	}
}

func TestArticleValidate(t *testing.T) {
	for _, tc := range validArticles() {
		if err := tc.article.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v, want nil", tc.name, err)
		}
	}
	for _, tc := range invalidArticles() {
		err := tc.article.Validate()
		var verr events.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("%s: Validate() = %v, want a ValidationError", tc.name, err)
			continue
		}
		var fields []string
		for _, fe := range verr {
			fields = append(fields, fe.Field)
		}
		if strings.Join(fields, ",") != strings.Join(tc.fields, ",") {
			t.Errorf("%s: Validate() named %v (%v), want %v", tc.name, fields, err, tc.fields)
		}
	}
}

func TestValidationErrorMessage(t *testing.T) {
	a := with(func(a *events.Article) { a.ID, a.Source = "a b", "x.y" })
	want := `id: has ' '; allowed: letters, digits, '_', '-', '=', '.'; source: has '.'; allowed: letters, digits, '_', '-'`
	if err := a.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v\nwant %s", err, want)
	}
}
