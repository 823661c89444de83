package alerter

import (
	"flag"
	"strings"
)

// RegisterFlags defines the alerter's flags on fs, with c's values as
// defaults (see platform.ApplyEnv for their WATCHWIRE_* variables).
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", c.Listen, "address of /metrics, /healthz and /readyz")
	c.NATS.RegisterFlags(fs)
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error")
	c.Kafka.RegisterFlags(fs)
	fs.StringVar(&c.RulesFile, "rules", c.RulesFile, `JSON alert rules file: {"rules": [{"min_score": 0.9, "lists": [...], "schemas": [...], "programs": [...], "severity": "high"}]}; default: every match alerts, high from 0.9`)
	fs.IntVar(&c.Workers, "workers", c.Workers, "screened events handled at once")
	fs.DurationVar(&c.AckWait, "ack-wait", c.AckWait, "time JetStream waits for an ack before redelivering")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "time limit of one Kafka write, retries included")
}

// RegisterFlags defines --kafka-brokers, --kafka-topic and --kafka-partitions.
func (k *KafkaConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.Func("kafka-brokers", "Kafka bootstrap brokers, host:port comma-separated (default "+strings.Join(k.Brokers, ",")+")", func(v string) error {
		k.Brokers = splitList(v)
		return nil
	})
	fs.StringVar(&k.Topic, "kafka-topic", k.Topic, "Kafka topic of the alerts")
	fs.IntVar(&k.Partitions, "kafka-partitions", k.Partitions, "partitions of the alerts topic when it is created")
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
