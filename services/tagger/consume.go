package tagger

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go/jetstream"
)

// pullBatch is how many messages each worker buffers. Kept small: a
// buffered message's AckWait is already running, and a drain at shutdown
// finishes every buffered message.
const pullBatch = 16

// consume runs workers handlers on cons, each with its own pull
// subscription, until ctx ends; then it drains them: no new pulls, and the
// messages already received are handled before it returns.
func consume(ctx context.Context, cons jetstream.Consumer, workers int, handle jetstream.MessageHandler, log *slog.Logger) error {
	ccs := make([]jetstream.ConsumeContext, 0, workers)
	defer func() {
		for _, cc := range ccs {
			cc.Drain()
		}
		for _, cc := range ccs {
			<-cc.Closed()
		}
	}()
	onErr := jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		log.Warn("consuming", "err", err)
	})
	for range workers {
		cc, err := cons.Consume(handle, jetstream.PullMaxMessages(pullBatch), onErr)
		if err != nil {
			return fmt.Errorf("starting to consume: %w", err)
		}
		ccs = append(ccs, cc)
	}
	<-ctx.Done()
	return nil
}
