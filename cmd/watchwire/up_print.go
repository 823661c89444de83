package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
)

// printerGroup is the consumer group of up's alert printer: a restart on
// the same data dir prints only alerts it has not printed yet.
const printerGroup = "watchwire-up-printer"

// printAlerts reads the alerts topic back from Kafka and prints one line
// per alert until ctx ends, so a printed line shows that Kafka has the
// alert. An alert delivered twice (at least once delivery) prints once.
func printAlerts(ctx context.Context, brokers []string, out io.Writer) error {
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: brokers, GroupID: printerGroup, Topic: events.TopicAlerts,
		StartOffset: kafka.FirstOffset, MaxWait: 250 * time.Millisecond,
	})
	defer r.Close()
	printed := map[string]bool{}
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("reading %s: %w", events.TopicAlerts, err)
		}
		var a events.Alert
		if err := json.Unmarshal(m.Value, &a); err != nil {
			fmt.Fprintf(out, "ALERT (undecodable at %s/%d/%d: %v)\n", m.Topic, m.Partition, m.Offset, err)
		} else if !printed[a.AlertID] {
			printed[a.AlertID] = true
			fmt.Fprintln(out, formatAlert(a))
		}
		if err := r.CommitMessages(ctx, m); err != nil && !errors.Is(err, context.Canceled) {
			return fmt.Errorf("committing %s offset %d: %w", events.TopicAlerts, m.Offset, err)
		}
	}
}

// formatAlert is one line: severity, score, the entity, the first mention
// in its context with the matched words marked, and the article's title;
// a retro alert ends with the list version that added the entity.
//
//	ALERT high 0.97 PUTIN, Vladimir Vladimirovich [ofac-35096] "at a meeting with regional governors, «Putin» said previous" in "Putin sets out terms"
//	ALERT high 0.97 QUILLFEATHER, Odette Marie [e2e-4] "«Odette Marie Quillfeather» bought a stake" in "Heiress buys stake" (retro: added by e2e@sha256:3f5a9c0b12de)
func formatAlert(a events.Alert) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ALERT %-6s %.2f %s [%s]", a.Severity, a.Score, a.Name, a.EntityID)
	if len(a.Mentions) > 0 {
		m := a.Mentions[0]
		fmt.Fprintf(&b, " %q", mark(m.Context, m.Text))
		if n := len(a.Mentions) - 1; n > 0 {
			fmt.Fprintf(&b, " (+%d more)", n)
		}
	}
	fmt.Fprintf(&b, " in %q", a.Title)
	if a.Retro {
		fmt.Fprintf(&b, " (retro: added by %s)", shortVersion(a.VersionAdded))
	}
	return b.String()
}

// mark wraps the first occurrence of words in context in «».
func mark(context, words string) string {
	i := strings.Index(context, words)
	if i < 0 || words == "" {
		return context
	}
	return context[:i] + "«" + words + "»" + context[i+len(words):]
}

// shortVersion cuts "list@sha256:<64 hex>" to 12 hex digits.
func shortVersion(v string) string {
	i := strings.LastIndex(v, ":")
	if i < 0 || len(v)-i-1 <= 12 {
		return v
	}
	return v[:i+1+12]
}
