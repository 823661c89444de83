package platform

import (
	"context"
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
