package tagger

import (
	"flag"
	"strings"
)

// RegisterFlags defines the tagger's flags on fs, with c's values as
// defaults (see platform.ApplyEnv for their WATCHWIRE_* variables).
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", c.Listen, "address of /metrics, /healthz and /readyz")
	c.NATS.RegisterFlags(fs)
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error")
	fs.Var(NewSpecList(&c.Watchlists), "watchlist", "watchlist spec ofac:DIR, opensanctions:FILE or csv:FILE (repeatable, or comma-separated)")
	fs.IntVar(&c.Workers, "workers", c.Workers, "articles screened at once")
	fs.Float64Var(&c.MinScore, "min-score", c.MinScore, "lowest score of a reported match")
	fs.DurationVar(&c.AckWait, "ack-wait", c.AckWait, "time JetStream waits for an ack before redelivering")
	fs.IntVar(&c.MaxDeliver, "max-deliver", c.MaxDeliver, "deliveries of one article before JetStream gives up (-1: no limit)")
}

// SpecList is a repeatable flag of watchlist specs: the first value given
// replaces the default, later ones add to it, and one value may hold
// several specs separated by commas (for WATCHWIRE_WATCHLIST).
type SpecList struct {
	specs *[]string
	set   bool
}

// NewSpecList returns a SpecList flag writing into specs.
func NewSpecList(specs *[]string) *SpecList { return &SpecList{specs: specs} }

func (l *SpecList) String() string {
	if l == nil || l.specs == nil {
		return ""
	}
	return strings.Join(*l.specs, ",")
}

// Set implements flag.Value.
func (l *SpecList) Set(v string) error {
	if !l.set {
		*l.specs, l.set = nil, true
	}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l.specs = append(*l.specs, s)
		}
	}
	return nil
}
