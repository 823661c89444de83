package ingestor

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

// FuzzDecodeLines checks what a client pushing JSON lines is promised:
// whatever the bytes, a batch is either accepted whole, every article
// valid and its id the same when it is sent again, or refused at the
// first bad line, which is named (the lines before it are good, and it
// is bad on its own too).
func FuzzDecodeLines(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a-1","source":"wire","title":"Sanctions widened","body":"The list grew."}`,
		"{\"source\":\"wire\",\"title\":\"One\",\"body\":\"x\"}\n\n{\"source\":\"wire\",\"title\":\"Two\",\"body\":\"y\",\"published_at\":\"2024-07-01\"}",
		"{\"source\":\"Daily Wire!\",\"title\":\"t\",\"url\":\"https://example.com/a\"}\n{\"title\":\"\",\"body\":\"\"}",
		`{"source":"wire","title":"t","published_at":"yesterday"}`,
		`{"source":"wire","title":"t"} {"source":"wire","title":"u"}`,
		"{\"source\":\"wire\",\"title\":\"\xff\"}",
		`[1,2]`,
	} {
		f.Add([]byte(seed))
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := Decoder{Now: func() time.Time { return now }}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Split(data, []byte("\n"))
		arts, err := d.DecodeLines(data, 1)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LineError", err)
			}
			if le.Line < 1 || le.Line > len(lines) {
				t.Fatalf("line %d named, the batch has %d", le.Line, len(lines))
			}
			if _, err := d.DecodeLines(lines[le.Line-1], le.Line); err == nil {
				t.Fatalf("line %d named (%v), but it decodes on its own", le.Line, le.Err)
			}
			if _, err := d.DecodeLines(bytes.Join(lines[:le.Line-1], []byte("\n")), 1); err != nil {
				t.Fatalf("line %d named, but an earlier one is bad: %v", le.Line, err)
			}
			return
		}
		for i := range arts {
			a := &arts[i]
			if err := a.Validate(); err != nil {
				t.Fatalf("article %d accepted but invalid: %v", i, err)
			}
			// Sent again as NEWS carries it, it is the same article.
			data, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			b, err := d.Decode(data)
			if err != nil {
				t.Fatalf("article %d does not decode again: %v\n%s", i, err, data)
			}
			if b.ID != a.ID || b.Source != a.Source || b.Title != a.Title || b.Body != a.Body || !b.PublishedAt.Equal(a.PublishedAt) {
				t.Fatalf("article %d changed when sent again:\n%+v\n%+v", i, *a, b)
			}
		}
	})
}

// FuzzFeedArticles checks that a feed we do not control can't stop the
// poller or lose an item for our own reasons: parsing never panics, and
// every item it yields becomes a valid article unless it has no text at
// all (the only reason Prepare may refuse one), with an id that depends
// on the item alone.
func FuzzFeedArticles(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		`<rss><channel><item><title>A &amp; B</title><guid> g1 </guid><description>&lt;p&gt;text&lt;/p&gt;</description></item></channel></rss>`,
		`<feed><entry><title type="html">&lt;b&gt;x&lt;/b&gt;</title><content type="xhtml"><div>y</div></content><link href="u"/></entry></feed>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>caf` + "\xe9" + `</title></item></channel></rss>`,
		`<rss><channel><item><title></title></item></channel></rss>`,
		`<html><body>not a feed</body></html>`,
	} {
		f.Add([]byte(seed))
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := parseFeed(data)
		if err != nil {
			return
		}
		for i, it := range items {
			a := it.article("feed")
			if again := it.article("feed"); again.ID != a.ID {
				t.Fatalf("item %d: id %s, then %s", i, a.ID, again.ID)
			}
			err := Prepare(&a, now)
			if err == nil {
				continue
			}
			var ve events.ValidationError
			if !errors.As(err, &ve) || len(ve) != 1 || ve[0].Field != "title" {
				t.Fatalf("item %d (%+v) refused: %v", i, it, err)
			}
		}
	})
}
