package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
)

// BenchmarkUpLatency measures one article's way through the whole
// pipeline: POST /v1/articles, NEWS, tagger, SCREENED, alerter, Kafka
// (acks=all), and back out to a Kafka consumer. ns/op is that latency.
func BenchmarkUpLatency(b *testing.B) {
	list := filepath.Join(b.TempDir(), "e2e.csv")
	if err := os.WriteFile(list, []byte(e2eList), 0o644); err != nil {
		b.Fatal(err)
	}
	r := startUp(b, b.TempDir(), "--watchlist", "csv:"+list)
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers: r.addrs.Kafka, GroupID: "bench", Topic: events.TopicAlerts,
		StartOffset: kafka.FirstOffset, MaxWait: 10 * time.Millisecond,
	})
	defer reader.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	post := func(i int) {
		body := fmt.Sprintf(`{"id":"bench-%d","source":"bench","title":"Northwind Shipping Ltd fined","body":"Regulators fined Northwind Shipping Ltd."}`+"\n", i)
		resp, err := http.Post("http://"+r.addrs.HTTP+"/v1/articles", "application/x-ndjson", strings.NewReader(body))
		if err != nil || resp.StatusCode != http.StatusAccepted {
			b.Fatalf("POST: %v %v", resp, err)
		}
		resp.Body.Close()
		if _, err := reader.ReadMessage(ctx); err != nil {
			b.Fatal(err)
		}
	}
	post(-1) // the consumer group joins
	b.ResetTimer()
	for i := range b.N {
		post(i)
	}
}
