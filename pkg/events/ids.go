package events

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// AlertID is the deterministic id of the alert for one entity named in one
// article: "al-" and the first 16 bytes of sha256(articleID NUL entityID) in
// hex. Consumers de-duplicate on it.
func AlertID(articleID, entityID string) string {
	return "al-" + digest(32, articleID, entityID)
}

// ScreenedMsgID is the Nats-Msg-Id of the screened event for an article
// screened against one watchlist version, so a redelivered article is not
// screened into a second event, while a new watchlist version may screen it again.
func ScreenedMsgID(articleID, watchlistVersion string) string {
	return "sc-" + digest(32, articleID, watchlistVersion)
}

// RetroAlertID is the deterministic id of the alert that retro-screening
// raises for one entity named in one article, found because watchlist
// version versionAdded (the "list@digest" that added the entity or the
// name) made it screenable: "al-" and 32 hex digits of sha256(articleID
// NUL entityID NUL versionAdded). It differs from the live AlertID of the
// same article and entity, and repeating a retro-screen repeats it.
func RetroAlertID(articleID, entityID, versionAdded string) string {
	return "al-" + digest(32, articleID, entityID, versionAdded)
}

// RetroScreenedMsgID is the Nats-Msg-Id of the retro screened event for
// an article screened again for the names watchlist version versionAdded
// added: "sr-" and 32 hex digits.
func RetroScreenedMsgID(articleID, versionAdded string) string {
	return "sr-" + digest(32, "retro", articleID, versionAdded)
}

// RetroJobKey is the key, in bucket BucketRetroJobs, of the retro-screening
// job for watchlist version versionAdded: "retro." and 32 hex digits.
func RetroJobKey(versionAdded string) string {
	return RetroJobKeyPrefix + digest(32, versionAdded)
}

// ArticleID is the deterministic id of an article that has none of its own:
// the source, a dash, and 24 hex digits of sha256 over the source and parts
// (for a feed item its guid, else its link and title), each NUL-separated.
// The same inputs give the same id across polls and restarts.
func ArticleID(source string, parts ...string) string {
	return source + "-" + digest(24, append([]string{source}, parts...)...)
}

func digest(hexLen int, parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))[:hexLen]
}

// CleanSource is the source an article or a suppression names for label:
// label itself when it is a valid source token, else SourceToken(label),
// else (nothing usable left) label unchanged, for validation to report.
// The ingestor and the suppressions API both apply it, so that a
// suppression by source names the token the articles carry.
func CleanSource(label string) string {
	if label == "" || ValidSource(label) {
		return label
	}
	if tok := SourceToken(label); tok != "" {
		return tok
	}
	return label
}

// SourceToken reduces a free-text source label to a valid source token:
// lower case, runs of other characters replaced by one '-', at most
// MaxSourceLen bytes. It returns "" when nothing usable is left.
func SourceToken(label string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > MaxSourceLen {
		s = strings.TrimRight(s[:MaxSourceLen], "-")
	}
	return s
}
