package ingestor

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

func TestParseFeed(t *testing.T) {
	tests := []struct {
		file string
		want []item
	}{
		{"testdata/rss.xml", []item{
			{
				guid: "example-wire-0001", link: "https://example.com/news/freight-firm",
				title:     "Freight firm & its owners face new sanctions",
				body:      "Officials said the freight firm had moved cargo for a listed dealer.\n\nThe firm denied it.",
				published: time.Date(2024, 7, 16, 8, 30, 0, 0, time.UTC), authors: []string{"Desk editor"},
			},
			{
				link: "https://example.com/news/harbour", title: "Port authority reopens harbour",
				body:      "The harbour reopened after a storm.\nShips queued overnight.",
				published: time.Date(2024, 7, 16, 9, 0, 0, 0, time.UTC),
			},
		}},
		{"testdata/atom.xml", []item{
			{
				guid: "urn:example:atom:entry-1", link: "https://example.org/bank-fined",
				title: "Bank fined over transfers", body: "A regional bank was fined for transfers.\n\nIt will appeal.",
				published: time.Date(2024, 7, 16, 9, 45, 0, 0, time.UTC), authors: []string{"Finance desk"},
			},
			{
				guid: "urn:example:atom:entry-2", link: "https://example.org/floods",
				title: "Minister visits flooded towns", body: "The minister toured three towns & promised aid.",
				published: time.Date(2024, 7, 16, 8, 0, 0, 0, time.UTC),
			},
		}},
	}
	for _, tc := range tests {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFeed(data)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.file, got, tc.want)
		}
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, doc := range []string{"", "not xml", "<html><body>hi</body></html>", "<rss><channel><item><title>x</title></channel>"} {
		if _, err := parseFeed([]byte(doc)); err == nil {
			t.Errorf("parseFeed(%q) = nil error", doc)
		}
	}
}

func TestItemArticleIDIsStable(t *testing.T) {
	withGUID := item{guid: "g1", link: "https://x/1", title: "T"}
	noGUID := item{link: "https://x/1", title: "T"}
	tests := []struct {
		name string
		a, b item
		same bool
	}{
		{"guid decides", withGUID, item{guid: "g1", link: "https://x/2", title: "Edited"}, true},
		{"link and title without guid", noGUID, item{link: "https://x/1", title: "T", body: "new body"}, true},
		{"edited title without guid", noGUID, item{link: "https://x/1", title: "T2"}, false},
	}
	for _, tc := range tests {
		same := tc.a.article("feed").ID == tc.b.article("feed").ID
		if same != tc.same {
			t.Errorf("%s: same id = %v, want %v", tc.name, same, tc.same)
		}
	}
	if got := withGUID.article("feed").ID; got != events.ArticleID("feed", "g1") {
		t.Errorf("id = %s", got)
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n\n\n\nnext", "plain text\n\nnext"},
		{"<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<div>x<script>var y = 1;</script><style>p{}</style></div>", "x"},
		{"<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"<p>unclosed <b>bold", "unclosed bold"},
		{"caf&eacute; &#8212; &lt;tag&gt;", "café — <tag>"},
	}
	for _, tc := range tests {
		if got := htmlText(tc.in); got != tc.want {
			t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBackoffDelay(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 10 * time.Second}
	for n, upper := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 5: 10 * time.Second, 100: 10 * time.Second} {
		for range 20 {
			if d := b.Delay(n); d < upper/2 || d > upper {
				t.Errorf("Delay(%d) = %v, want in [%v, %v]", n, d, upper/2, upper)
			}
		}
	}
}

func TestParseFeedCharset(t *testing.T) {
	// "Café" in ISO-8859-1: é is the single byte 0xE9.
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><guid>g</guid><title>Caf\xe9 owner charged</title></item></channel></rss>"
	items, err := parseFeed([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].title != "Café owner charged" {
		t.Errorf("items = %+v", items)
	}
}
