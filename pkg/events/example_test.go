package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
)

// A downstream consumer of alerts: a kafka-go consumer group reads
// watchwire.alerts, handles each alert once, and commits its offset only
// after the alert is handled. Delivery is at least once, so it
// de-duplicates on alert_id (here in memory; use a durable store).
func Example_consumer() {
	ctx := context.Background()
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: []string{"127.0.0.1:9092"},
		GroupID: "case-management",
		Topic:   events.TopicAlerts,
	})
	defer r.Close()

	seen := map[string]bool{}
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				slog.Error("fetch alert", "err", err)
			}
			return
		}
		var a events.Alert
		switch err := json.Unmarshal(m.Value, &a); {
		case err != nil:
			slog.Error("decode alert", "offset", m.Offset, "err", err)
		case a.SchemaVersion != events.SchemaVersion:
			slog.Error("unsupported alert schema", "version", a.SchemaVersion)
		case !seen[a.AlertID]:
			seen[a.AlertID] = true
			fmt.Printf("%s %s: %s named in %q\n", a.Severity, a.AlertID, a.Name, a.Title)
		}
		if err := r.CommitMessages(ctx, m); err != nil {
			slog.Error("commit alert", "err", err)
			return
		}
	}
}
