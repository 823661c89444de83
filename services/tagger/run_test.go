package tagger_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/tagger"
)

func TestRunLoadsTheWatchlistsAndGetsReady(t *testing.T) {
	srv := natstest.Start(t)
	list := filepath.Join(t.TempDir(), "firm.csv")
	if err := os.WriteFile(list, []byte("id,name,schema,aliases,programs\nf-1,NORTHWIND SHIPPING LTD,Organization,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := tagger.DefaultConfig()
	cfg.Listen, cfg.Watchlists = addr, []string{"csv:" + list}
	cfg.NATS = platform.NATSConfig{URL: srv.ClientURL()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- tagger.Run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	waitFor(t, "/readyz to answer 200", func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
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

func TestRunRefusesAMissingWatchlist(t *testing.T) {
	srv := natstest.Start(t)
	cfg := tagger.DefaultConfig()
	cfg.Listen, cfg.Watchlists = "127.0.0.1:0", []string{"csv:" + filepath.Join(t.TempDir(), "missing.csv")}
	cfg.NATS = platform.NATSConfig{URL: srv.ClientURL()}
	err := tagger.Run(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err == nil {
		t.Fatal("Run with a missing watchlist file returned nil")
	}
	t.Logf("error: %v", err)
}
