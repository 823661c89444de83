package suppress_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/platform/apitest"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// serveAPI serves the suppressions API of a fresh store.
func serveAPI(t *testing.T) string {
	t.Helper()
	st, _ := openStore(t)
	mux := http.NewServeMux()
	suppress.NewAPI(st, quietLog()).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/v1/suppressions"
}

func TestAPIAddRejects(t *testing.T) {
	url := serveAPI(t)
	tests := []struct {
		name, body string
		wantCode   int
		wantField  string
	}{
		{"no who", `{"entity_id": "e-1", "phrase": "star", "why": "word"}`, 400, "who"},
		{"no target", `{"entity_id": "e-1", "who": "ana", "why": "word"}`, 400, "target"},
		{"two targets", `{"entity_id": "e-1", "source": "cnn", "article_id": "a-1", "who": "ana", "why": "word"}`, 400, "source"},
		{"unknown field", `{"entity_id": "e-1", "phrse": "star", "who": "ana", "why": "word"}`, 400, "phrse"},
		{"field with no name", `{"entity_id": "e-1", "": "star", "who": "ana", "why": "word"}`, 400, "body"},
		{"wrong type", `{"entity_id": 7, "phrase": "star", "who": "ana", "why": "word"}`, 400, "entity_id"},
		{"bad expires_at", `{"entity_id": "e-1", "phrase": "star", "who": "ana", "why": "word", "expires_at": "tomorrow"}`, 400, "expires_at"},
		{"past expires_at", `{"entity_id": "e-1", "phrase": "star", "who": "ana", "why": "word", "expires_at": "2001-01-01T00:00:00Z"}`, 400, "expires_at"},
		{"bad expires_in", `{"entity_id": "e-1", "phrase": "star", "who": "ana", "why": "word", "expires_in": "-1h"}`, 400, "expires_in"},
		{"not JSON", `entity_id=e-1`, 400, "body"},
		{"trailing data", `{"entity_id": "e-1", "phrase": "star", "who": "ana", "why": "word"} {}`, 400, "body"},
		{"too large", `{"why": "` + strings.Repeat("x", 70<<10) + `"}`, 413, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got struct{ Error, Field string }
			resp := apitest.Call(t, http.MethodPost, url, tc.body, &got)
			if resp.StatusCode != tc.wantCode || got.Field != tc.wantField || got.Error == "" {
				t.Errorf("POST = %d %+v, want %d naming field %q", resp.StatusCode, got, tc.wantCode, tc.wantField)
			}
		})
	}
}

func TestAPIAddListRemove(t *testing.T) {
	url := serveAPI(t)
	var added suppress.Suppression
	resp := apitest.Call(t, http.MethodPost, url, `{"entity_id": "vessel-star", "phrase": "Star", "who": "ana", "why": "the word", "expires_in": "720h"}`, &added)
	if resp.StatusCode != http.StatusCreated || added.Key == "" || added.Kind != suppress.KindPhrase || added.Who != "ana" {
		t.Fatalf("POST = %d %+v, want 201 with the stored suppression and its key", resp.StatusCode, added)
	}
	if d := time.Until(added.ExpiresAt); d < 719*time.Hour || d > 720*time.Hour {
		t.Errorf("expires_at = %v, want 720h from now", added.ExpiresAt)
	}
	var list suppress.List
	if resp := apitest.Call(t, http.MethodGet, url, "", &list); resp.StatusCode != http.StatusOK || len(list.Suppressions) != 1 || list.Suppressions[0].Key != added.Key {
		t.Fatalf("GET = %d %+v, want 200 with the added suppression", resp.StatusCode, list)
	}
	if resp := apitest.Call(t, http.MethodDelete, url+"/"+added.Key, "", nil); resp.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE = %d, want 204", resp.StatusCode)
	}
	var notFound struct{ Error string }
	if resp := apitest.Call(t, http.MethodDelete, url+"/"+added.Key, "", &notFound); resp.StatusCode != http.StatusNotFound || notFound.Error == "" {
		t.Errorf("DELETE again = %d %+v, want 404 with an error", resp.StatusCode, notFound)
	}
	var empty map[string]json.RawMessage
	if resp := apitest.Call(t, http.MethodGet, url, "", &empty); resp.StatusCode != http.StatusOK || string(empty["suppressions"]) != "[]" {
		t.Errorf("GET after DELETE = %d %s, want an empty list", resp.StatusCode, empty["suppressions"])
	}
}
