package ingestor

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// Feed is one RSS or Atom feed to poll. Its name is the source of its
// articles, so it must be a valid source token.
type Feed struct {
	Name     string
	URL      string
	Interval time.Duration
}

// DefaultFeedInterval is the poll interval of a feed that names none.
const DefaultFeedInterval = 5 * time.Minute

// Validate checks a feed's name, URL and interval.
func (f Feed) Validate() error {
	if !events.ValidSource(f.Name) {
		return fmt.Errorf("feed %q: name must be 1-%d letters, digits, '_' or '-'", f.Name, events.MaxSourceLen)
	}
	u, err := url.Parse(f.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("feed %s: url %q is not an http(s) URL", f.Name, f.URL)
	}
	if f.Interval < time.Second {
		return fmt.Errorf("feed %s: interval %v is shorter than 1s", f.Name, f.Interval)
	}
	return nil
}

// ParseFeed parses the --feed flag's form: name=url[,interval].
func ParseFeed(s string) (Feed, error) {
	name, rest, ok := strings.Cut(s, "=")
	if !ok {
		return Feed{}, fmt.Errorf("feed %q: want name=url[,interval]", s)
	}
	f := Feed{Name: name, URL: rest, Interval: DefaultFeedInterval}
	if i := strings.LastIndex(rest, ","); i >= 0 {
		if d, err := time.ParseDuration(rest[i+1:]); err == nil {
			f.URL, f.Interval = rest[:i], d
		}
	}
	return f, f.Validate()
}

// feedsFile is the JSON feeds file: {"feeds": [{"name", "url", "interval"}]}.
type feedsFile struct {
	Feeds []struct {
		Name     string `json:"name"`
		URL      string `json:"url"`
		Interval string `json:"interval"`
	} `json:"feeds"`
}

// LoadFeeds reads a JSON feeds file. An entry without an interval is
// polled every DefaultFeedInterval.
func LoadFeeds(path string) ([]Feed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read feeds file: %w", err)
	}
	var ff feedsFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ff); err != nil {
		return nil, fmt.Errorf("feeds file %s: %w", path, err)
	}
	feeds := make([]Feed, 0, len(ff.Feeds))
	for i, e := range ff.Feeds {
		f := Feed{Name: e.Name, URL: e.URL, Interval: DefaultFeedInterval}
		if e.Interval != "" {
			if f.Interval, err = time.ParseDuration(e.Interval); err != nil {
				return nil, fmt.Errorf("feeds file %s: feed %d (%s): interval: %w", path, i+1, e.Name, err)
			}
		}
		if err := f.Validate(); err != nil {
			return nil, fmt.Errorf("feeds file %s: feed %d: %w", path, i+1, err)
		}
		feeds = append(feeds, f)
	}
	return feeds, nil
}

// Config configures an ingestor.
type Config struct {
	// Listen is the address of the HTTP API and the ops endpoints (Run only).
	Listen   string
	NATS     platform.NATSConfig
	Streams  platform.Streams
	LogLevel string
	// Feeds to poll; FeedsFile adds those of a JSON file (Run only).
	Feeds     []Feed
	FeedsFile string
	// MaxRequestBytes limits a POST /v1/articles body.
	MaxRequestBytes int64
	// SeenTTL is how long a published id is remembered.
	SeenTTL time.Duration
	Backoff Backoff
	// HTTPClient fetches feeds; nil means one with a 30 s timeout.
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DefaultConfig returns the defaults of every setting.
func DefaultConfig() Config {
	return Config{
		Listen:          "127.0.0.1:8080",
		NATS:            platform.NATSConfig{Name: "watchwire-ingestor"},
		Streams:         platform.DefaultStreams(),
		MaxRequestBytes: DefaultMaxRequestBytes,
		SeenTTL:         30 * 24 * time.Hour,
		Backoff:         DefaultBackoff(),
	}
}

// RegisterFlags defines the ingestor's flags on fs, with c's values as
// defaults (see platform.ApplyEnv for their WATCHWIRE_* variables).
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", c.Listen, "address of the HTTP API, /metrics, /healthz and /readyz")
	c.NATS.RegisterFlags(fs)
	fs.DurationVar(&c.Streams.MaxAge, "stream-max-age", c.Streams.MaxAge, "how long the streams keep messages")
	fs.DurationVar(&c.Streams.DuplicateWindow, "duplicate-window", c.Streams.DuplicateWindow, "JetStream duplicate window of the streams")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error")
	fs.StringVar(&c.FeedsFile, "feeds", c.FeedsFile, `JSON feeds file: {"feeds": [{"name": "...", "url": "...", "interval": "5m"}]}`)
	fs.Func("feed", "a feed to poll, name=url[,interval] (repeatable)", func(s string) error {
		f, err := ParseFeed(s)
		if err == nil {
			c.Feeds = append(c.Feeds, f)
		}
		return err
	})
	fs.Int64Var(&c.MaxRequestBytes, "max-request-bytes", c.MaxRequestBytes, "largest POST /v1/articles body")
	fs.DurationVar(&c.SeenTTL, "seen-ttl", c.SeenTTL, "how long published article ids are remembered for de-duplication")
}

// Validate checks the settings New uses.
func (c *Config) Validate() error {
	var errs []error
	if c.MaxRequestBytes <= 0 {
		errs = append(errs, fmt.Errorf("max request bytes %d: must be positive", c.MaxRequestBytes))
	}
	if c.SeenTTL < c.Streams.DuplicateWindow {
		errs = append(errs, fmt.Errorf("seen TTL %v: shorter than the duplicate window %v", c.SeenTTL, c.Streams.DuplicateWindow))
	}
	if c.Backoff.Base <= 0 || c.Backoff.Max < c.Backoff.Base {
		errs = append(errs, fmt.Errorf("backoff %v..%v: want 0 < base <= max", c.Backoff.Base, c.Backoff.Max))
	}
	names := map[string]bool{}
	for _, f := range c.Feeds {
		if err := f.Validate(); err != nil {
			errs = append(errs, err)
		}
		if names[f.Name] {
			errs = append(errs, fmt.Errorf("feed %s: named twice", f.Name))
		}
		names[f.Name] = true
	}
	return errors.Join(errs...)
}
