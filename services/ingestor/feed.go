package ingestor

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/watchwire/watchwire/pkg/events"
)

// item is one feed entry, RSS or Atom, before it becomes an article.
type item struct {
	guid, link, title, body string
	published               time.Time
	authors                 []string
}

// rssFeed is RSS 2.0: <rss><channel><item>.
type rssFeed struct {
	Items []struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		GUID        string `xml:"guid"`
		PubDate     string `xml:"pubDate"`
		Author      string `xml:"author"`
		Creator     string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	} `xml:"channel>item"`
}

// atomText is an Atom text construct: type text, html or xhtml.
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (t atomText) plain() string {
	switch t.Type {
	case "html":
		return htmlText(t.Text)
	case "xhtml":
		return htmlText(t.Inner)
	}
	return collapseSpace(t.Text)
}

type atomFeed struct {
	Entries []struct {
		ID    string   `xml:"id"`
		Title atomText `xml:"title"`
		Links []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Summary   atomText `xml:"summary"`
		Content   atomText `xml:"content"`
		Published string   `xml:"published"`
		Updated   string   `xml:"updated"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

// parseFeed reads an RSS 2.0 or Atom document, telling them apart by the
// root element.
func parseFeed(data []byte) ([]item, error) {
	root, err := rootElement(data)
	if err != nil {
		return nil, err
	}
	switch root {
	case "rss":
		return parseRSS(data)
	case "feed":
		return parseAtom(data)
	}
	return nil, fmt.Errorf("not an RSS 2.0 or Atom feed: root element <%s>", root)
}

func newXMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	d.Strict = false
	d.Entity = xml.HTMLEntity
	return d
}

func rootElement(data []byte) (string, error) {
	d := newXMLDecoder(data)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", fmt.Errorf("parse feed: no root element")
		}
		if err != nil {
			return "", fmt.Errorf("parse feed: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

func parseRSS(data []byte) ([]item, error) {
	var f rssFeed
	if err := newXMLDecoder(data).Decode(&f); err != nil {
		return nil, fmt.Errorf("parse RSS feed: %w", err)
	}
	items := make([]item, 0, len(f.Items))
	for _, it := range f.Items {
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		items = append(items, item{
			guid: strings.TrimSpace(it.GUID), link: strings.TrimSpace(it.Link),
			title: oneLine(htmlText(it.Title)), body: htmlText(body),
			published: parseFeedTime(it.PubDate), authors: nonEmpty(it.Author, it.Creator),
		})
	}
	return items, nil
}

func parseAtom(data []byte) ([]item, error) {
	var f atomFeed
	if err := newXMLDecoder(data).Decode(&f); err != nil {
		return nil, fmt.Errorf("parse Atom feed: %w", err)
	}
	items := make([]item, 0, len(f.Entries))
	for _, e := range f.Entries {
		it := item{guid: strings.TrimSpace(e.ID), title: oneLine(e.Title.plain()), body: e.Content.plain()}
		if it.body == "" {
			it.body = e.Summary.plain()
		}
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				it.link = strings.TrimSpace(l.Href)
				break
			}
		}
		it.published = parseFeedTime(e.Published)
		if it.published.IsZero() {
			it.published = parseFeedTime(e.Updated)
		}
		for _, a := range e.Authors {
			it.authors = append(it.authors, nonEmpty(a.Name)...)
		}
		items = append(items, it)
	}
	return items, nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseFeedTime parses the date layouts feeds use; zero when none fits.
func parseFeedTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// article turns a feed item into an article from source: the id is
// ArticleID(source, guid), or ArticleID(source, link, title) for an item
// without a guid, so it is the same on every poll. Over-long text is cut
// to the contract's limits.
func (it item) article(source string) events.Article {
	id := events.ArticleID(source, it.guid)
	if it.guid == "" {
		id = events.ArticleID(source, it.link, it.title)
	}
	return events.Article{
		SchemaVersion: events.SchemaVersion, ID: id, Source: source,
		Title: cut(it.title, events.MaxTitleLen), Body: cut(it.body, events.MaxBodyLen),
		URL: cut(it.link, events.MaxURLLen), PublishedAt: it.published, Authors: it.authors,
	}
}

// cut shortens s to at most n bytes on a UTF-8 boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
