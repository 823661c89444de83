//go:build unix

package screen_test

// `watchwire screen` against its baseline: decoding the same JSON lines
// and splitting their text into lower-cased words. The target is that
// screening runs at least half as fast, on one core:
//
//	cd pkg/screening && GOMAXPROCS=1 go test -run '^$' -bench . -benchmem -benchtime 3x ./screen/
//
// Both read the same bytes and report MB/s of JSON lines.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/internal/benchclock"
	"github.com/watchwire/watchwire/pkg/screening/screen"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

const (
	ofacDir  = "../../../data/ofac"                          // the bundled OFAC SDN copy
	newsPath = "../../../../shared/data/news/articles.jsonl" // real news, absent on a fresh clone
)

// benchJSONL returns the news as JSON lines: the real corpus if present,
// otherwise generated articles.
func benchJSONL(b *testing.B) []byte {
	data, err := os.ReadFile(newsPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		b.Log("../shared is absent: generated articles")
		return generatedJSONL(b, 1000)
	case err != nil:
		b.Fatalf("reading the news: %v", err)
	}
	return data
}

// BenchmarkScreenJSONL is `watchwire screen` on one worker: read, decode,
// screen against OFAC, encode, write.
func BenchmarkScreenJSONL(b *testing.B) {
	data := benchJSONL(b)
	l, err := watchlist.Load(context.Background(), "ofac:"+ofacDir)
	if err != nil {
		b.Fatalf("loading the bundled OFAC list: %v", err)
	}
	eng, err := engine.New(l)
	if err != nil {
		b.Fatalf("building the engine: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	clk := benchclock.Stopped(b)
	clk.Start()
	var sum screen.Summary
	for i := 0; i < b.N; i++ {
		sum, err = screen.Run(context.Background(), eng, bytes.NewReader(data), io.Discard, screen.Options{MinScore: engine.DefaultMinScore, Workers: 1})
		if err != nil {
			b.Fatalf("screening: %v", err)
		}
	}
	clk.Stop()
	clk.ReportThroughput(int64(len(data)))
	if sum.Bad > 0 {
		b.Fatalf("%d malformed lines", sum.Bad)
	}
	b.ReportMetric(float64(sum.Matched), "matched-articles")
}

// BenchmarkDecodeAndSplit is the baseline the issue names: decode each
// JSON line into {id, title, body} and split title and body into
// lower-cased words.
func BenchmarkDecodeAndSplit(b *testing.B) {
	data := benchJSONL(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	clk := benchclock.Stopped(b)
	clk.Start()
	words := 0
	for i := 0; i < b.N; i++ {
		var err error
		words, err = decodeAndSplit(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
	}
	clk.Stop()
	clk.ReportThroughput(int64(len(data)))
	b.ReportMetric(float64(words), "words")
}

// decodeAndSplit reads JSON lines and splits each article's text into
// lower-cased words, kept in a reused buffer; it returns the word count.
func decodeAndSplit(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	var buf []byte
	var words [][2]int32 // word boundaries in buf
	n := 0
	for line := 1; sc.Scan(); line++ {
		var a screen.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return n, fmt.Errorf("line %d: %w", line, err)
		}
		buf, words = buf[:0], words[:0]
		for _, text := range [2]string{a.Title, a.Body} {
			buf, words = splitLower(text, buf, words)
		}
		n += len(words)
	}
	return n, sc.Err()
}

// splitLower appends the lower-cased letters and digits of text's words
// to buf and each word's bounds to words.
func splitLower(text string, buf []byte, words [][2]int32) ([]byte, [][2]int32) {
	start := -1
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = len(buf)
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		if start >= 0 {
			words = append(words, [2]int32{int32(start), int32(len(buf))})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, [2]int32{int32(start), int32(len(buf))})
	}
	return buf, words
}

// generatedJSONL makes n articles of a few KB from paragraphs written for
// this file, one in three naming a listed entry.
func generatedJSONL(b *testing.B, n int) []byte {
	paras := []string{
		"The city council voted on Tuesday evening to approve a budget that sets aside more money for parks, libraries and the repair of school buildings. Members argued for most of the afternoon about the cost of the plan.",
		"Residents who spoke at the meeting were mostly in favour. One teacher said the roof of her classroom had leaked every winter for six years, and a retired engineer asked the council to publish the contracts.",
		"Opponents warned that the estimates were too optimistic. Interest rates remain high, they said, and the price of steel and concrete has not come down since the spring.",
		"Weather forecasters expect a dry and warm week, with light winds from the south. Farmers in the valley said they would welcome rain, since the reservoirs are lower than usual.",
	}
	names := []string{"President Vladimir Putin", "the militant group Hezbollah", "Nicolas Maduro", "Ramzan Kadyrov"}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	for i := range n {
		var body strings.Builder
		for k := range 6 + i%6 {
			body.WriteString(paras[(i+k)%len(paras)])
			if i%3 == 0 && k == 1 {
				fmt.Fprintf(&body, " Sanctions on %s came up again.", names[i%len(names)])
			}
			body.WriteString("\n\n")
		}
		a := screen.Article{ID: fmt.Sprintf("gen-%d", i), Title: "Council debates the budget", Body: body.String()}
		if err := enc.Encode(a); err != nil {
			b.Fatal(err)
		}
	}
	return out.Bytes()
}
