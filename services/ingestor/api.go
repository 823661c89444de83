package ingestor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// Media types of POST /v1/articles.
const (
	MediaJSON   = "application/json"
	MediaNDJSON = "application/x-ndjson"
)

// DefaultMaxRequestBytes is the default limit on a request body.
const DefaultMaxRequestBytes = 10 << 20

// ArticlePublisher publishes prepared articles; *Publisher is one.
type ArticlePublisher interface {
	Publish(ctx context.Context, articles []events.Article) (Result, error)
}

// API serves POST /v1/articles.
type API struct {
	pub      ArticlePublisher
	decoder  Decoder
	maxBytes int64
	log      *slog.Logger
}

// errorBody is the JSON body of every 4xx and 5xx answer.
type errorBody struct {
	Error string `json:"error"`
	// Line is the first bad line of a batch, counting from 1.
	Line int `json:"line,omitempty"`
	// Field is the first bad field, when one is to blame.
	Field string `json:"field,omitempty"`
}

// ServeHTTP accepts one article (application/json) or a batch of JSON lines
// (application/x-ndjson). A batch is all or nothing: every line is decoded
// and validated before any is published. It answers 202 with a Result once
// every article is acknowledged by JetStream; 400 naming the first bad line
// and why; 413 above the size limit; 415 for another media type; 503 when
// publishing fails (retrying is safe).
func (api *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (media != MediaJSON && media != MediaNDJSON) {
		platform.WriteJSON(w, http.StatusUnsupportedMediaType, errorBody{Error: fmt.Sprintf("Content-Type must be %s or %s", MediaJSON, MediaNDJSON)})
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, api.maxBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		platform.WriteJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf("request body is larger than %d bytes", tooLarge.Limit)})
		return
	case err != nil:
		platform.WriteJSON(w, http.StatusBadRequest, errorBody{Error: "read request body: " + err.Error()})
		return
	}
	articles, err := api.decode(media, data)
	if err != nil {
		platform.WriteJSON(w, http.StatusBadRequest, badRequest(err))
		return
	}
	res, err := api.pub.Publish(r.Context(), articles)
	if err != nil {
		api.log.Error("publish articles", "count", len(articles), "published", res.Accepted+res.Duplicates, "err", err)
		w.Header().Set("Retry-After", "1")
		platform.WriteJSON(w, http.StatusServiceUnavailable, errorBody{Error: err.Error()})
		return
	}
	platform.WriteJSON(w, http.StatusAccepted, res)
}

func (api *API) decode(media string, data []byte) ([]events.Article, error) {
	if media == MediaJSON {
		a, err := api.decoder.Decode(data)
		return []events.Article{a}, err
	}
	articles, err := api.decoder.DecodeLines(data, 1)
	if err == nil && len(articles) == 0 {
		err = errors.New("the batch holds no articles")
	}
	return articles, err
}

func badRequest(err error) errorBody {
	body := errorBody{Error: err.Error()}
	var le *LineError
	if errors.As(err, &le) {
		body.Line = le.Line
	}
	var ve events.ValidationError
	if errors.As(err, &ve) && len(ve) > 0 {
		body.Field = ve[0].Field
	}
	return body
}
