package platform

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// pullBatch is how many messages one pull request asks for. Kept small: a
// message's AckWait runs from its delivery, while it waits its turn.
const pullBatch = 16

// Consume runs workers loops that each pull a batch from cons and handle
// its messages one by one, until ctx ends and the batches in hand are done.
//
// Each pull request lasts at most wait. A stop waits for the requests in
// flight to end and handles every message they brought: no message is
// left delivered but unhandled, to be redelivered only after AckWait (as
// happens when a long-lived pull subscription is cut).
func Consume(ctx context.Context, cons jetstream.Consumer, workers int, wait time.Duration, handle jetstream.MessageHandler, log *slog.Logger) error {
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { pullLoop(ctx, cons, wait, handle, log) })
	}
	wg.Wait()
	return nil
}

func pullLoop(ctx context.Context, cons jetstream.Consumer, wait time.Duration, handle jetstream.MessageHandler, log *slog.Logger) {
	for ctx.Err() == nil {
		batch, err := cons.Fetch(pullBatch, jetstream.FetchMaxWait(wait))
		if err == nil {
			for msg := range batch.Messages() {
				handle(msg)
			}
			err = batch.Error()
		}
		if err != nil {
			log.Warn("pulling messages", "err", err)
			Pause(ctx, wait)
		}
	}
}

// Pause waits for d or until ctx ends.
func Pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// Observer is told of every message a consumer receives, before it is
// handled; *ConsumerCollector is one (it counts redeliveries). It must be
// safe for concurrent use.
type Observer interface {
	Observe(msg jetstream.Msg)
}

// Durable is a durable pull consumer a service runs.
type Durable struct {
	Stream   string
	Config   jetstream.ConsumerConfig
	Workers  int
	PullWait time.Duration
	Observer Observer // optional
}

// Run creates or updates the consumer, then consumes it (see Consume)
// until ctx ends. A stop while the consumer is being created is no error.
func (d Durable) Run(ctx context.Context, js jetstream.JetStream, handle jetstream.MessageHandler, log *slog.Logger) error {
	cons, err := js.CreateOrUpdateConsumer(ctx, d.Stream, d.Config)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting
		}
		return fmt.Errorf("creating consumer %s on %s: %w", d.Config.Durable, d.Stream, err)
	}
	if o := d.Observer; o != nil {
		h := handle
		handle = func(msg jetstream.Msg) { o.Observe(msg); h(msg) }
	}
	return Consume(ctx, cons, d.Workers, d.PullWait, handle, log)
}
