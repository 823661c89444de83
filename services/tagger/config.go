package tagger

import (
	"flag"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
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
	c.Lists.RegisterFlags(fs)
}

// ListsConfig says how a tagger keeps its watchlists current (see Keeper)
// and screens the retained feed again for the names a new version adds.
// A zero field picks its default.
type ListsConfig struct {
	// Refresh tunes the polling of the lists' sources: FilePoll, URLPoll,
	// MaxShrink (see refresh.Options).
	Refresh refresh.Options
	// LookBack is how far back in NEWS retro-screening reaches (default
	// 30 days, NEWS's retention).
	LookBack time.Duration
	// RetroBatch is how many articles retro-screening reads at a time, and
	// RetroPause its pause between two reads, which leaves the live
	// consumer room (defaults 64 and 10ms).
	RetroBatch int
	RetroPause time.Duration
	// Lease is how long a retro job stays with a replica that stopped
	// checkpointing it (it crashed) before another replica takes it over
	// (default 30s). A replica that stops cleanly hands its job back at once.
	Lease time.Duration
}

// DefaultLookBack is how far back retro-screening reaches by default.
const DefaultLookBack = 30 * 24 * time.Hour

// DefaultListsConfig returns the defaults of every setting.
func DefaultListsConfig() ListsConfig {
	return ListsConfig{
		Refresh: refresh.Options{FilePoll: refresh.DefaultFilePoll, URLPoll: refresh.DefaultURLPoll, MaxShrink: refresh.DefaultMaxShrink},
	}.withDefaults()
}

func (c ListsConfig) withDefaults() ListsConfig {
	c.LookBack = orDefault(c.LookBack, DefaultLookBack)
	c.RetroBatch = orDefault(c.RetroBatch, 64)
	c.RetroPause = orDefault(c.RetroPause, 10*time.Millisecond)
	c.Lease = orDefault(c.Lease, 30*time.Second)
	return c
}

// RegisterFlags defines --watchlist-poll, --watchlist-url-poll,
// --watchlist-max-shrink and --retro-look-back, with c's values as defaults.
func (c *ListsConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.DurationVar(&c.Refresh.FilePoll, "watchlist-poll", c.Refresh.FilePoll, "how often watchlist files are checked for a change (a changed file is read once it holds still for one poll)")
	fs.DurationVar(&c.Refresh.URLPoll, "watchlist-url-poll", c.Refresh.URLPoll, "how often an http(s) watchlist source is asked, with a conditional GET, whether it changed")
	fs.Float64Var(&c.Refresh.MaxShrink, "watchlist-max-shrink", c.Refresh.MaxShrink, "largest fraction of its entries a new watchlist version may lose; one that loses more is refused and the version in use kept")
	fs.DurationVar(&c.LookBack, "retro-look-back", c.LookBack, "how far back in the retained feed (NEWS) articles are screened again for the names a new watchlist version adds")
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
