package alerter

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/watchwire/watchwire/pkg/platform"
)

// NewWriter returns a Kafka writer for alerts on topic: acks from all
// in-sync replicas, batches flushed after 5ms, records spread over
// partitions by a hash of their key (the entity id, so one entity's alerts
// stay in order), and a transport of its own. Close it to flush.
func NewWriter(brokers []string, topic string) *kafka.Writer {
	return &kafka.Writer{
		Addr:            kafka.TCP(brokers...),
		Topic:           topic,
		Balancer:        &kafka.Hash{},
		RequiredAcks:    kafka.RequireAll,
		BatchTimeout:    5 * time.Millisecond,
		MaxAttempts:     3,
		WriteBackoffMin: 50 * time.Millisecond,
		WriteBackoffMax: 500 * time.Millisecond,
		Transport:       newTransport(),
	}
}

// newTransport returns a transport with a short metadata TTL: kafka-go
// keeps the error of a failed metadata refresh (broker down) and fails
// every write with it until the next refresh, at a random moment within
// the TTL. A 1s TTL bounds how long writes keep failing once Kafka is back.
func newTransport() *kafka.Transport {
	return &kafka.Transport{
		Dial:        (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		IdleTimeout: 30 * time.Second,
		MetadataTTL: time.Second,
	}
}

// KafkaCheck is a readiness check that passes while the brokers answer
// for topic. It reads the metadata its transport caches and refreshes
// every second, so it returns at once.
func KafkaCheck(brokers []string, topic string) platform.Check {
	client := &kafka.Client{Addr: kafka.TCP(brokers...), Transport: newTransport(), Timeout: time.Second}
	return func(ctx context.Context) error {
		resp, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err != nil {
			return fmt.Errorf("kafka %v: %w", brokers, err)
		}
		for _, t := range resp.Topics {
			if t.Error != nil {
				return fmt.Errorf("kafka topic %s: %w", topic, t.Error)
			}
		}
		return nil
	}
}

// EnsureTopic creates topic with the given number of partitions unless it
// exists already.
func EnsureTopic(ctx context.Context, brokers []string, topic string, partitions int) error {
	client := &kafka.Client{Addr: kafka.TCP(brokers...), Transport: newTransport(), Timeout: 10 * time.Second}
	resp, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{
		Topics: []kafka.TopicConfig{{Topic: topic, NumPartitions: partitions, ReplicationFactor: -1}},
	})
	if err != nil {
		return fmt.Errorf("creating Kafka topic %s on %v: %w", topic, brokers, err)
	}
	if err := resp.Errors[topic]; err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
		return fmt.Errorf("creating Kafka topic %s on %v: %w", topic, brokers, err)
	}
	return nil
}
