package ingestor

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

func articleJSON(id, title string) string {
	return fmt.Sprintf(`{"id": %q, "source": "wire", "title": %q, "body": "Text of %s.", "published_at": "2024-07-16T08:00:00Z"}`, id, title, id)
}

func TestPostOneArticle(t *testing.T) {
	e := newEnv(t, platform.DefaultStreams(), nil)
	code, body := e.post("application/json; charset=utf-8", articleJSON("a1", "First"))
	if code != http.StatusAccepted || body["accepted"] != 1.0 || body["duplicates"] != 0.0 {
		t.Fatalf("POST = %d %v, want 202 accepted 1", code, body)
	}
	msgs := e.articles()
	if len(msgs) != 1 {
		t.Fatalf("NEWS holds %d articles, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Subject() != "news.articles.wire" || m.Headers().Get(events.HeaderMsgID) != "a1" ||
		m.Headers().Get(events.HeaderSchemaVersion) != "1" || m.Headers().Get(events.HeaderContentType) != events.ContentTypeJSON {
		t.Errorf("message on %s with headers %v", m.Subject(), m.Headers())
	}
	var a events.Article
	if err := json.Unmarshal(m.Data(), &a); err != nil {
		t.Fatal(err)
	}
	want := events.Article{
		SchemaVersion: 1, ID: "a1", Source: "wire", Title: "First", Body: "Text of a1.",
		PublishedAt: time.Date(2024, 7, 16, 8, 0, 0, 0, time.UTC), IngestedAt: testClock(),
	}
	if fmt.Sprint(a) != fmt.Sprint(want) {
		t.Errorf("published %+v\nwant      %+v", a, want)
	}
	if n := e.counter("watchwire_articles_ingested_total", "wire"); n != 1 {
		t.Errorf("ingested counter = %v, want 1", n)
	}
}

func TestPostBatch(t *testing.T) {
	e := newEnv(t, platform.DefaultStreams(), nil)
	batch := strings.Join([]string{articleJSON("b1", "One"), "", articleJSON("b2", "Two"), articleJSON("b1", "One again")}, "\n") + "\n"
	code, body := e.post(MediaNDJSON, batch)
	// b1 twice in one batch: the seen record has neither yet, so JetStream's
	// duplicate window drops the second (PubAck.Duplicate).
	if code != http.StatusAccepted || body["accepted"] != 2.0 || body["duplicates"] != 1.0 {
		t.Fatalf("POST = %d %v, want 202 accepted 2 duplicates 1", code, body)
	}
	if ids := fmt.Sprint(body["ids"]); ids != "[b1 b2 b1]" {
		t.Errorf("ids = %s", ids)
	}
	if n := len(e.articles()); n != 2 {
		t.Errorf("NEWS holds %d articles, want 2", n)
	}
	if n := e.counter("watchwire_articles_duplicate_total", "wire"); n != 1 {
		t.Errorf("duplicate counter = %v, want 1", n)
	}
}

func TestPostDuplicates(t *testing.T) {
	tests := []struct {
		name   string
		window time.Duration
		// between the two posts
		wait    time.Duration
		restart bool
	}{
		{name: "inside the duplicate window", window: 2 * time.Minute},
		// Outside the window JetStream would take the article again:
		// only the seen record catches it.
		{name: "outside the duplicate window", window: 100 * time.Millisecond, wait: 150 * time.Millisecond},
		{name: "outside the window, after a restart", window: 100 * time.Millisecond, wait: 150 * time.Millisecond, restart: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, platform.Streams{MaxAge: time.Hour, DuplicateWindow: tc.window}, nil)
			if code, body := e.post(MediaJSON, articleJSON("d1", "Dup")); code != http.StatusAccepted || body["accepted"] != 1.0 {
				t.Fatalf("first POST = %d %v", code, body)
			}
			time.Sleep(tc.wait)
			if tc.restart {
				e.restart(nil)
			}
			code, body := e.post(MediaJSON, articleJSON("d1", "Dup"))
			if code != http.StatusAccepted || body["accepted"] != 0.0 || body["duplicates"] != 1.0 {
				t.Fatalf("second POST = %d %v, want 202 duplicates 1", code, body)
			}
			if n := len(e.articles()); n != 1 {
				t.Errorf("NEWS holds %d articles, want 1", n)
			}
		})
	}
}

func TestPostRefused(t *testing.T) {
	good := articleJSON("r1", "Fine")
	tests := []struct {
		name, contentType, body string
		code                    int
		wantError               string
		wantLine                float64
	}{
		{"bad line 3", MediaNDJSON, good + "\n" + articleJSON("r2", "Also fine") + "\n" + `{"id": "r3", "source": "wire", "title": "", "body": ""}` + "\n" + good,
			400, "line 3: title: title and body are both empty", 3},
		{"not JSON on line 2", MediaNDJSON, good + "\n{oops\n", 400, "line 2: invalid JSON", 2},
		{"bad id", MediaJSON, `{"id": "a b", "source": "wire", "title": "t"}`, 400, "id: has ' '", 0},
		{"bad published_at", MediaJSON, `{"source": "wire", "title": "t", "published_at": "yesterday"}`, 400, `published_at: cannot parse "yesterday"`, 0},
		{"no source", MediaJSON, `{"title": "t"}`, 400, "source: is empty", 0},
		{"two values", MediaJSON, good + good, 400, "more than one value", 0},
		{"empty batch", MediaNDJSON, "\n\n", 400, "no articles", 0},
		{"too large", MediaNDJSON, strings.Repeat(good+"\n", 40), 413, "larger than 2048 bytes", 0},
		{"wrong media type", "text/plain", good, 415, "Content-Type must be", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, platform.DefaultStreams(), func(c *Config) { c.MaxRequestBytes = 2048 })
			code, body := e.post(tc.contentType, tc.body)
			msg, _ := body["error"].(string)
			if code != tc.code || !strings.Contains(msg, tc.wantError) {
				t.Errorf("POST = %d %v, want %d with %q", code, body, tc.code, tc.wantError)
			}
			if line, _ := body["line"].(float64); line != tc.wantLine {
				t.Errorf("line = %v, want %v", line, tc.wantLine)
			}
			if n := len(e.articles()); n != 0 {
				t.Errorf("NEWS holds %d articles after a refused request, want 0", n)
			}
		})
	}
}
