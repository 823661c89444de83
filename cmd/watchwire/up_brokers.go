package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
	"github.com/watchwire/watchwire/services/alerter"
)

// alertPartitions is the partition count of the alerts topic when up creates it.
const alertPartitions = 3

// startNATS runs the embedded NATS server with JetStream on
// <data-dir>/nats, unless --nats-url names one. It returns the URL to use.
func (p *pipeline) startNATS() (string, error) {
	if p.cfg.NATSURL != "" {
		return p.cfg.NATSURL, nil
	}
	port := p.cfg.NATSPort
	if port == 0 {
		port = server.RANDOM_PORT // 0 would mean NATS's default, 4222
	}
	s, err := server.NewServer(&server.Options{
		ServerName: "watchwire-up", Host: "127.0.0.1", Port: port,
		JetStream: true, StoreDir: filepath.Join(p.cfg.DataDir, "nats"),
		NoSigs: true, NoLog: true, DisableJetStreamBanner: true,
	})
	if err != nil {
		return "", fmt.Errorf("embedded NATS: %w", err)
	}
	s.Start()
	p.natsServer = s
	if !s.ReadyForConnections(10 * time.Second) {
		return "", fmt.Errorf("embedded NATS on 127.0.0.1:%d not ready within 10s (is the port in use? try --nats-port)", p.cfg.NATSPort)
	}
	return s.ClientURL(), nil
}

// startKafka runs the embedded Kafka broker (kfake) with its log in
// <data-dir>/kafka, unless --kafka-brokers names a cluster.
func (p *pipeline) startKafka() ([]string, error) {
	if len(p.cfg.KafkaBrokers) > 0 {
		return p.cfg.KafkaBrokers, nil
	}
	dir := filepath.Join(p.cfg.DataDir, "kafka")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded Kafka: %w", err)
	}
	c, err := kfake.NewCluster(kfake.Ports(p.cfg.KafkaPort), kfake.DataDir(dir), kfake.ClusterID("watchwire-up"))
	if err != nil {
		return nil, fmt.Errorf("embedded Kafka on 127.0.0.1:%d (--kafka-port): %w", p.cfg.KafkaPort, err)
	}
	p.kafka = c
	return c.ListenAddrs(), nil
}

// connect connects to NATS, creates or updates the streams, and makes
// sure the alerts topic exists.
func (p *pipeline) connect(ctx context.Context, natsURL string, brokers []string) (jetstream.JetStream, error) {
	nc, err := platform.Connect(ctx, platform.NATSConfig{URL: natsURL, Name: "watchwire-up"}, p.log)
	if err != nil {
		return nil, err
	}
	p.nc = nc
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if err := platform.EnsureStreams(ctx, js); err != nil {
		return nil, err
	}
	if err := alerter.EnsureTopic(ctx, brokers, events.TopicAlerts, alertPartitions); err != nil {
		return nil, err
	}
	return js, nil
}

// announce tells the user what runs where.
func (p *pipeline) announce(a upAddrs, lists []*watchlist.List) {
	w := p.stderr
	for _, l := range lists {
		fmt.Fprintf(w, "watchwire up: watchlist %s: %d entities (%s, %s)\n", l.Name, l.Counts.Entities, l.Source, l.Version)
	}
	where := func(embedded bool, sub string) string {
		if embedded {
			return "embedded, data in " + filepath.Join(p.cfg.DataDir, sub)
		}
		return "external"
	}
	fmt.Fprintf(w, "watchwire up: NATS   %s (%s)\n", a.NATS, where(p.natsServer != nil, "nats"))
	fmt.Fprintf(w, "watchwire up: Kafka  %s (%s), topic %s\n", strings.Join(a.Kafka, ","), where(p.kafka != nil, "kafka"), events.TopicAlerts)
	fmt.Fprintf(w, "watchwire up: HTTP   http://%s (POST /v1/articles, /v1/suppressions, /metrics, /healthz, /readyz)\n", a.HTTP)
	fmt.Fprintf(w, "watchwire up: alerts print below as Kafka acknowledges them; Ctrl-C stops\n")
}
