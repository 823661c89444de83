package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/ingestor"
)

// runIngest replays JSON lines (one article each) from a file or stdin into
// stream NEWS, as the ingestor's HTTP API would take them.
func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: watchwire ingest [flags] FILE|-\n\nPublishes JSON lines (one article each) to JetStream stream NEWS;\nrepeats of articles already published are dropped.\n\nflags (each also from WATCHWIRE_<FLAG>):")
		fs.PrintDefaults()
	}
	nc := platform.NATSConfig{Name: "watchwire-ingest"}
	nc.RegisterFlags(fs)
	source := fs.String("source", "", "source of lines that name none")
	batch := fs.Int("batch", 500, "articles published per batch")
	skip := fs.Bool("skip-invalid", false, "skip bad lines (reported on stderr) instead of stopping at the first")
	seenTTL := fs.Duration("seen-ttl", ingestor.DefaultConfig().SeenTTL, "how long published article ids are remembered")
	wait := fs.Duration("connect-timeout", 10*time.Second, "how long to wait for NATS")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := platform.ApplyEnv(fs, os.LookupEnv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	in, closeIn, err := openInput(fs.Arg(0), stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	pub, done, err := connectPublisher(ctx, nc, *wait, *seenTTL)
	if err != nil {
		return err
	}
	defer done()
	opts := ingestor.ReplayOptions{BatchSize: *batch, SkipInvalid: *skip, OnSkip: func(e *ingestor.LineError) {
		fmt.Fprintf(stderr, "%s: skipped %v\n", fs.Arg(0), e)
	}}
	res, err := ingestor.Replay(ctx, in, ingestor.Decoder{DefaultSource: *source, Now: time.Now}, pub, opts)
	fmt.Fprintf(stdout, "%d lines: %d accepted, %d duplicates, %d skipped\n", res.Lines, res.Accepted, res.Duplicates, res.Skipped)
	if err != nil {
		return fmt.Errorf("%s: %w (the articles before it are published; replaying is safe)", fs.Arg(0), err)
	}
	return nil
}

func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// connectPublisher connects to NATS, creates the streams if none exist yet
// (leaving existing ones as they are) and returns a publisher; done closes
// the connection.
func connectPublisher(ctx context.Context, cfg platform.NATSConfig, wait, seenTTL time.Duration) (*ingestor.Publisher, func(), error) {
	log := slog.New(slog.DiscardHandler)
	cctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	nc, err := platform.Connect(cctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err == nil {
		err = platform.DefaultStreams().CreateMissing(ctx, js)
	}
	var seen *ingestor.KVSeen
	if err == nil {
		seen, err = ingestor.OpenSeen(ctx, js, seenTTL)
	}
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	pub := ingestor.NewPublisher(js, seen, ingestor.NewMetrics(prometheus.NewRegistry()))
	return pub, nc.Close, nil
}
