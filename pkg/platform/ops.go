package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/watchwire/watchwire/pkg/events"
)

// Check reports whether one dependency is ready: nil when it is.
// It must return quickly.
type Check func(ctx context.Context) error

// Health holds the named readiness checks of the services in a process.
// It is safe for concurrent use.
type Health struct {
	mu     sync.Mutex
	checks map[string]Check
}

// NewHealth returns a Health with no checks: ready.
func NewHealth() *Health { return &Health{checks: map[string]Check{}} }

// Register adds or replaces the check called name (e.g. "nats", "watchlist").
func (h *Health) Register(name string, c Check) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checks[name] = c
}

// Ready runs every check and returns each one's result ("ok" or the error
// text), and whether all passed.
func (h *Health) Ready(ctx context.Context) (map[string]string, bool) {
	h.mu.Lock()
	checks := make(map[string]Check, len(h.checks))
	for n, c := range h.checks {
		checks[n] = c
	}
	h.mu.Unlock()
	results, ok := map[string]string{}, true
	for n, c := range checks {
		results[n] = "ok"
		if err := c(ctx); err != nil {
			results[n], ok = err.Error(), false
		}
	}
	return results, ok
}

// Failing lists the names of failing checks, sorted.
func (h *Health) Failing(ctx context.Context) []string {
	results, _ := h.Ready(ctx)
	var names []string
	for n, r := range results {
		if r != "ok" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// NewOpsMux returns a mux serving /metrics from g, /healthz (the process is
// alive: always 200) and /readyz (200 when every check of h passes, else
// 503; the JSON body gives each check's result). Services add their own
// routes to it.
func NewOpsMux(g prometheus.Gatherer, h *Health) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		results, ok := h.Ready(ctx)
		status, code := "ready", http.StatusOK
		if !ok {
			status, code = "not ready", http.StatusServiceUnavailable
		}
		WriteJSON(w, code, map[string]any{"status": status, "checks": results})
	})
	return mux
}

// WriteJSON answers an HTTP request with status code and v as JSON.
func WriteJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", events.ContentTypeJSON)
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// ShutdownTimeout bounds how long Serve waits for requests in flight.
const ShutdownTimeout = 10 * time.Second

// Serve serves h on ln until ctx ends, then shuts the server down
// gracefully, waiting up to ShutdownTimeout for requests in flight.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve HTTP on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down HTTP server on %s: %w", ln.Addr(), err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve HTTP on %s: %w", ln.Addr(), err)
	}
	return nil
}

// NewRegistry returns a Prometheus registry with the Go runtime and process
// collectors, which every service exports beside its own metrics.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// ServeOps serves h on ln in the background, outliving ctx, so that a
// service's last metrics can still be scraped while it drains. stop shuts
// the server down and returns what Serve returned.
func ServeOps(ctx context.Context, ln net.Listener, h http.Handler) (stop func() error) {
	opsCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	served := make(chan error, 1)
	go func() { served <- Serve(opsCtx, ln, h) }()
	return func() error {
		cancel()
		return <-served
	}
}
