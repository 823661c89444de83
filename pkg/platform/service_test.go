package platform

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"log/slog"
	"strings"
	"testing"
)

func TestServiceMain(t *testing.T) {
	type cfg struct{ level, name string }
	for _, tc := range []struct {
		name   string
		args   []string
		run    error
		status int
		stderr string
	}{
		{"runs and stops", []string{"--name", "x"}, nil, 0, `"msg":"svc stopped"`},
		{"help", []string{"-h"}, nil, 0, "usage: svc [flags]"},
		{"bad flag", []string{"--nope"}, nil, 2, "flag provided but not defined"},
		{"bad log level", []string{"--log-level", "loud"}, nil, 2, "svc:"},
		{"run fails", nil, errors.New("boom"), 1, `"msg":"svc failed","service":"svc","err":"boom"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c cfg
			var got string
			var stderr bytes.Buffer
			status := Service{
				Name:    "svc",
				EnvHint: "--name: WATCHWIRE_NAME",
				Flags: func(fs *flag.FlagSet) {
					fs.StringVar(&c.level, "log-level", "", "level")
					fs.StringVar(&c.name, "name", "", "a name")
				},
				LogLevel: &c.level,
				Run: func(ctx context.Context, log *slog.Logger) error {
					got = c.name
					return tc.run
				},
			}.Main(tc.args, &stderr)
			if status != tc.status || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, stderr.String(), tc.status, tc.stderr)
			}
			if tc.name == "runs and stops" && got != "x" {
				t.Errorf("Run saw name %q, want the parsed flag", got)
			}
		})
	}
}
