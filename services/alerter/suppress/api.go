package suppress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// maxRequestBytes bounds the body of POST /v1/suppressions.
const maxRequestBytes = 64 << 10

// API is the HTTP API of the suppressions:
//
//	POST   /v1/suppressions        add one (JSON Request); 201 with the stored Suppression,
//	                               400 {"error", "field"} naming the bad field
//	GET    /v1/suppressions        200 {"suppressions": [...]}, oldest first
//	DELETE /v1/suppressions/{key}  204, or 404 when no suppression has that key
//
// A failure of the store answers 503 with Retry-After.
type API struct {
	store *Store
	log   *slog.Logger
}

// NewAPI returns the API of store.
func NewAPI(store *Store, log *slog.Logger) *API { return &API{store: store, log: log} }

// Register adds the API's routes to mux.
func (api *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/suppressions", api.add)
	mux.HandleFunc("GET /v1/suppressions", api.list)
	mux.HandleFunc("DELETE /v1/suppressions/{key}", api.remove)
}

// Request is the body of POST /v1/suppressions: the entity, exactly one of
// article_id, source and phrase, who and why, and optionally an expiry as
// a time (expires_at, RFC 3339) or a duration from now (expires_in, e.g.
// "720h").
type Request struct {
	EntityID  string `json:"entity_id"`
	ArticleID string `json:"article_id,omitempty"`
	Source    string `json:"source,omitempty"`
	Phrase    string `json:"phrase,omitempty"`
	Who       string `json:"who"`
	Why       string `json:"why"`
	ExpiresAt string `json:"expires_at,omitempty"`
	ExpiresIn string `json:"expires_in,omitempty"`
}

// List is the body of GET /v1/suppressions.
type List struct {
	Suppressions []Suppression `json:"suppressions"`
}

type errorBody struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func (api *API) add(w http.ResponseWriter, r *http.Request) {
	s, err := decodeRequest(http.MaxBytesReader(w, r.Body, maxRequestBytes), time.Now())
	if err == nil {
		s, err = api.store.Add(r.Context(), s)
	}
	var tooLarge *http.MaxBytesError
	var bad *events.FieldError
	switch {
	case errors.As(err, &tooLarge):
		platform.WriteJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf("request body is larger than %d bytes", tooLarge.Limit)})
	case errors.As(err, &bad):
		platform.WriteJSON(w, http.StatusBadRequest, errorBody{Error: err.Error(), Field: bad.Field})
	case err != nil:
		api.unavailable(w, err)
	default:
		api.log.Info("suppression added", "key", s.Key, "kind", s.Kind, "entity_id", s.EntityID, "target", s.Target(), "who", s.Who)
		platform.WriteJSON(w, http.StatusCreated, s)
	}
}

func (api *API) list(w http.ResponseWriter, r *http.Request) {
	all, err := api.store.List(r.Context())
	if err != nil {
		api.unavailable(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, List{Suppressions: all})
}

func (api *API) remove(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	err := api.store.Remove(r.Context(), key)
	switch {
	case errors.Is(err, ErrNotFound):
		platform.WriteJSON(w, http.StatusNotFound, errorBody{Error: err.Error()})
	case err != nil:
		api.unavailable(w, err)
	default:
		api.log.Info("suppression removed", "key", key)
		w.WriteHeader(http.StatusNoContent)
	}
}

func (api *API) unavailable(w http.ResponseWriter, err error) {
	api.log.Warn("suppressions API", "err", err)
	w.Header().Set("Retry-After", "1")
	platform.WriteJSON(w, http.StatusServiceUnavailable, errorBody{Error: err.Error()})
}

// decodeRequest reads one Request and turns it into a Suppression; its
// errors are *events.FieldError (or *http.MaxBytesError).
func decodeRequest(body io.Reader, now time.Time) (Suppression, error) {
	data, err := io.ReadAll(body)
	if err != nil {
		return Suppression{}, fmt.Errorf("reading request body: %w", err)
	}
	var req Request
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return Suppression{}, jsonError(err)
	}
	if dec.More() {
		return Suppression{}, &events.FieldError{Field: "body", Reason: "trailing data after the JSON object"}
	}
	expires, err := req.expiry(now)
	if err != nil {
		return Suppression{}, err
	}
	return Suppression{
		EntityID: req.EntityID, ArticleID: req.ArticleID, Source: req.Source, Phrase: req.Phrase,
		Who: req.Who, Why: req.Why, ExpiresAt: expires,
	}, nil
}

// expiry is the request's expiry time, zero for none.
func (req Request) expiry(now time.Time) (time.Time, error) {
	switch {
	case req.ExpiresAt != "" && req.ExpiresIn != "":
		return time.Time{}, &events.FieldError{Field: "expires_in", Reason: "give expires_at or expires_in, not both"}
	case req.ExpiresAt != "":
		t, err := time.Parse(time.RFC3339, req.ExpiresAt)
		if err != nil {
			return time.Time{}, &events.FieldError{Field: "expires_at", Reason: fmt.Sprintf("%q is not an RFC 3339 time", req.ExpiresAt)}
		}
		return t.UTC(), nil
	case req.ExpiresIn != "":
		d, err := time.ParseDuration(req.ExpiresIn)
		if err != nil || d <= 0 {
			return time.Time{}, &events.FieldError{Field: "expires_in", Reason: fmt.Sprintf("%q is not a positive duration such as 720h", req.ExpiresIn)}
		}
		return now.Add(d).UTC(), nil
	}
	return time.Time{}, nil
}

// jsonError names the field of a JSON decoding error where it can.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return &events.FieldError{Field: typeErr.Field, Reason: fmt.Sprintf("must be a JSON %s", typeErr.Type)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		quoted := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if field, uerr := strconv.Unquote(quoted); uerr == nil && field != "" {
			return &events.FieldError{Field: field, Reason: "unknown field"}
		}
		return &events.FieldError{Field: "body", Reason: "unknown field " + quoted}
	}
	return &events.FieldError{Field: "body", Reason: "not a JSON object: " + err.Error()}
}
