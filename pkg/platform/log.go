package platform

import (
	"fmt"
	"io"
	"log/slog"
)

// NewLogger returns a JSON logger writing to w at level ("debug", "info",
// "warn", "error"; "" is info), tagged with the service name.
func NewLogger(w io.Writer, level, service string) (*slog.Logger, error) {
	var l slog.Level
	if level != "" {
		if err := l.UnmarshalText([]byte(level)); err != nil {
			return nil, fmt.Errorf("log level %q: %w", level, err)
		}
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})
	return slog.New(h).With("service", service), nil
}
