package alerter_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter"
)

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestRunWaitsForKafkaThenGetsReady(t *testing.T) {
	srv := natstest.Start(t)
	kafkaPort := freePort(t)
	cfg := alerter.DefaultConfig()
	cfg.Listen = "127.0.0.1:" + strconv.Itoa(freePort(t))
	cfg.NATS = platform.NATSConfig{URL: srv.ClientURL()}
	cfg.Kafka.Brokers = []string{"127.0.0.1:" + strconv.Itoa(kafkaPort)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- alerter.Run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))) }()

	// No Kafka yet: the service waits for it rather than exiting.
	select {
	case err := <-done:
		t.Fatalf("Run returned %v while Kafka was down, want it to wait", err)
	case <-time.After(500 * time.Millisecond):
	}
	b := &broker{t: t, port: kafkaPort, dir: t.TempDir()}
	b.start()
	t.Cleanup(b.stop)
	waitFor(t, "/readyz to answer 200", func() bool {
		resp, err := http.Get("http://" + cfg.Listen + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after a stop = %v, want nil", err)
	}
}
