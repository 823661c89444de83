package platform

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
)

// NATSConfig says where NATS is and how to authenticate. At most one of
// CredsFile, User/Password and Token is normally set.
type NATSConfig struct {
	URL       string // comma-separated server URLs
	CredsFile string // a .creds file (JWT and NKey seed)
	User      string
	Password  string
	Token     string
	Name      string // the connection name, shown in server monitoring
}

// RegisterFlags defines --nats-url, --nats-creds, --nats-user,
// --nats-password and --nats-token on fs, writing into c. Set c's fields
// first to change the defaults. See ApplyEnv for WATCHWIRE_NATS_URL etc.
func (c *NATSConfig) RegisterFlags(fs *flag.FlagSet) {
	if c.URL == "" {
		c.URL = nats.DefaultURL
	}
	fs.StringVar(&c.URL, "nats-url", c.URL, "NATS server URL(s), comma-separated")
	fs.StringVar(&c.CredsFile, "nats-creds", c.CredsFile, "NATS credentials file")
	fs.StringVar(&c.User, "nats-user", c.User, "NATS user name")
	fs.StringVar(&c.Password, "nats-password", c.Password, "NATS password")
	fs.StringVar(&c.Token, "nats-token", c.Token, "NATS authentication token")
}

func (c NATSConfig) options(log *slog.Logger, connected chan struct{}) []nats.Option {
	markConnected := sync.OnceFunc(func() { close(connected) })
	opts := []nats.Option{
		nats.Name(c.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, time.Second),
		nats.RetryOnFailedConnect(true),
		nats.ConnectHandler(func(*nats.Conn) { markConnected() }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { log.Warn("nats disconnected", "err", err) }),
		nats.ReconnectHandler(func(nc *nats.Conn) { log.Info("nats reconnected", "url", nc.ConnectedUrlRedacted()) }),
		nats.ClosedHandler(func(*nats.Conn) { log.Info("nats connection closed") }),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			log.Error("nats async error", "subject", subjectOf(sub), "err", err)
		}),
	}
	switch {
	case c.CredsFile != "":
		opts = append(opts, nats.UserCredentials(c.CredsFile))
	case c.User != "":
		opts = append(opts, nats.UserInfo(c.User, c.Password))
	case c.Token != "":
		opts = append(opts, nats.Token(c.Token))
	}
	return opts
}

func subjectOf(sub *nats.Subscription) string {
	if sub == nil {
		return ""
	}
	return sub.Subject
}

// Connect connects to NATS and waits until the first connection is made or
// ctx ends; it keeps trying meanwhile, and reconnects for ever afterwards.
// Close the connection with Drain (or Close) when done.
func Connect(ctx context.Context, c NATSConfig, log *slog.Logger) (*nats.Conn, error) {
	connected := make(chan struct{})
	nc, err := nats.Connect(c.URL, c.options(log, connected)...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", c.URL, err)
	}
	if nc.IsConnected() {
		return nc, nil
	}
	log.Warn("waiting for NATS", "url", c.URL)
	select {
	case <-connected:
		return nc, nil
	case <-ctx.Done():
		nc.Close()
		return nil, fmt.Errorf("connect to NATS at %s: %w", c.URL, context.Cause(ctx))
	}
}

// NATSCheck is a readiness check that passes while nc is connected.
func NATSCheck(nc *nats.Conn) Check {
	return func(context.Context) error {
		if !nc.IsConnected() {
			return fmt.Errorf("NATS %s", nc.Status())
		}
		return nil
	}
}

// Drain drains nc (subscriptions stop taking messages, those in flight are
// handled, pending publishes are flushed) and waits until it is closed, at
// most timeout; then it closes it regardless.
func Drain(nc *nats.Conn, timeout time.Duration) error {
	if nc.IsClosed() {
		return nil
	}
	if err := nc.Drain(); err != nil {
		nc.Close()
		return fmt.Errorf("drain NATS connection: %w", err)
	}
	deadline := time.Now().Add(timeout)
	for !nc.IsClosed() {
		if time.Now().After(deadline) {
			nc.Close()
			return fmt.Errorf("drain NATS connection: not done after %v", timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}
