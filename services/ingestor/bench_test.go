package ingestor

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

// BenchmarkPublish publishes batches of 100 new articles and waits for
// every PubAck: the ingestor's throughput against one local server.
func BenchmarkPublish(b *testing.B) {
	ctx := context.Background()
	_, js := natstest.Connect(b, natstest.Start(b))
	if err := platform.EnsureStreams(ctx, js); err != nil {
		b.Fatal(err)
	}
	seen, err := OpenSeen(ctx, js, DefaultConfig().SeenTTL)
	if err != nil {
		b.Fatal(err)
	}
	pub := NewPublisher(js, seen, NewMetrics(prometheus.NewRegistry()))
	batch := make([]events.Article, 100)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for j := range batch {
			batch[j] = events.Article{SchemaVersion: 1, ID: fmt.Sprintf("b-%d-%d", i, j), Source: "bench",
				Title: "A title", Body: strings.Repeat("Some body text. ", 300), IngestedAt: testClock()}
		}
		if _, err := pub.Publish(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(batch))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPostOne measures POST /v1/articles of one article, end to end:
// decode, validate, seen check, publish, PubAck, answer.
func BenchmarkPostOne(b *testing.B) {
	ctx := context.Background()
	_, js := natstest.Connect(b, natstest.Start(b))
	if err := platform.EnsureStreams(ctx, js); err != nil {
		b.Fatal(err)
	}
	in, err := New(ctx, js, prometheus.NewRegistry(), discardLog(), DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	in.Register(mux)
	srv := newBenchServer(b, mux)
	for i := 0; b.Loop(); i++ {
		resp, err := http.Post(srv+"/v1/articles", MediaJSON, strings.NewReader(articleJSON(fmt.Sprintf("p-%d", i), "Title")))
		if err != nil || resp.StatusCode != http.StatusAccepted {
			b.Fatalf("POST: %v %v", resp, err)
		}
		resp.Body.Close()
	}
}
