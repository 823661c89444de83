// Package natstest runs an in-process NATS server with JetStream for tests:
// a real broker, started in tens of milliseconds, gone at test cleanup.
package natstest

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Start runs a NATS server with JetStream storing in a fresh t.TempDir(),
// on a free loopback port, and shuts it down at cleanup.
func Start(t testing.TB) *server.Server {
	t.Helper()
	return StartAt(t, t.TempDir(), -1)
}

// StartAt runs a NATS server with JetStream storing in dir, on port (-1:
// any free port), and shuts it down at cleanup. Starting a second server on
// the same dir and port after Shutdown is a broker restart: what JetStream
// stored survives, and clients reconnect to the same URL.
func StartAt(t testing.TB, dir string, port int) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: port, JetStream: true, StoreDir: dir,
		NoLog: true, NoSigs: true, DisableJetStreamBanner: true,
	})
	if err != nil {
		t.Fatalf("natstest: new server: %v", err)
	}
	s.Start()
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("natstest: server not ready for connections within 10s")
	}
	return s
}

// Connect connects to s and returns the connection and its JetStream; the
// connection is closed at cleanup.
func Connect(t testing.TB, s *server.Server) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		t.Fatalf("natstest: connect to %s: %v", s.ClientURL(), err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("natstest: jetstream: %v", err)
	}
	return nc, js
}

// WaitFor polls cond every 10 ms until it holds, and fails the test if it
// does not within 15 s.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// WaitDrained waits until durable consumer of stream has received every
// message the stream holds now and acked or terminated each one.
func WaitDrained(t testing.TB, js jetstream.JetStream, stream, consumer string) {
	t.Helper()
	s, err := js.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	last := s.CachedInfo().State.LastSeq
	WaitFor(t, consumer+" consumer to drain "+stream, func() bool {
		c, err := js.Consumer(context.Background(), stream, consumer)
		if err != nil {
			return false
		}
		info, err := c.Info(context.Background())
		return err == nil && info.Delivered.Stream >= last && info.NumPending == 0 && info.NumAckPending == 0
	})
}

// Publish publishes payload on subject with msgID as its JetStream message
// id (Nats-Msg-Id), and fails the test if the server does not acknowledge
// it.
func Publish(t testing.TB, js jetstream.JetStream, subject, msgID string, payload []byte) {
	t.Helper()
	msg := nats.NewMsg(subject)
	msg.Data = payload
	msg.Header.Set(jetstream.MsgIDHeader, msgID)
	if _, err := js.PublishMsg(context.Background(), msg); err != nil {
		t.Fatalf("publishing %s on %s: %v", msgID, subject, err)
	}
}

// Serve runs a service's consume loop (a tagger's or alerter's Run) until
// the test ends, then cancels it, waits for it to return and fails the
// test if it returned an error. Cleanups registered before Serve run
// after the loop has stopped.
func Serve(t testing.TB, name string, run func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s.Run: %v", name, err)
		}
	})
}
