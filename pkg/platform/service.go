package platform

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Service is what a service's main wires: its flags, its log level and its
// Run function. Main does the rest the same way for every service.
type Service struct {
	Name     string                                    // "tagger": the flag set's, the logger's and the messages' name
	EnvHint  string                                    // an example of a flag's variable: "--nats-url: WATCHWIRE_NATS_URL"
	Flags    func(*flag.FlagSet)                       // registers the service's flags on its config
	LogLevel *string                                   // the config's log level, read after the flags
	Run      func(context.Context, *slog.Logger) error // runs the service until ctx ends
}

// Main parses args and WATCHWIRE_* variables, builds the JSON logger, runs
// the service until SIGINT or SIGTERM, and returns the exit status: 0 on a
// clean stop (also when stopped before it was up, say waiting for NATS), 1
// when Run failed, 2 for bad flags.
func (s Service) Main(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet(s.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.Flags(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s [flags]\n\nEvery flag can also be set by WATCHWIRE_<FLAG> (%s).\n\nflags:\n", s.Name, s.EnvHint)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := ApplyEnv(fs, os.LookupEnv); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", s.Name, err)
		return 2
	}
	log, err := NewLogger(stderr, *s.LogLevel, s.Name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", s.Name, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Run(ctx, log); err != nil && ctx.Err() == nil {
		log.Error(s.Name+" failed", "err", err)
		return 1
	}
	log.Info(s.Name + " stopped")
	return 0
}
