package events

import "strconv"

// SchemaVersion is the major version of every event type in this package.
// It changes only on a breaking change; fields may be added within a major
// version, so consumers must ignore fields they do not know.
const SchemaVersion = 1

// JetStream streams, subjects and durable consumers.
const (
	// StreamNews holds articles, one subject per source: news.articles.<source>.
	StreamNews = "NEWS"
	// StreamScreened holds screened events: articles with at least one match.
	StreamScreened = "SCREENED"
	// StreamDeadLetters holds messages a stage could not process: news.dlq.<stage>.
	StreamDeadLetters = "DLQ"

	SubjectArticlePrefix    = "news.articles."
	SubjectArticles         = SubjectArticlePrefix + ">"
	SubjectScreened         = "news.screened"
	SubjectDeadLetterPrefix = "news.dlq."
	SubjectDeadLetters      = SubjectDeadLetterPrefix + ">"

	// ConsumerTagger is the durable pull consumer on NEWS shared by all tagger replicas.
	ConsumerTagger = "tagger"
	// ConsumerAlerter is the durable pull consumer on SCREENED shared by all alerter replicas.
	ConsumerAlerter = "alerter"

	// BucketSeenArticles is the JetStream key-value bucket of article ids
	// already published, which catches repeats outside NEWS's duplicate window.
	BucketSeenArticles = "watchwire-seen-articles"

	// BucketWatchlists is the JetStream object store bucket through which
	// tagger replicas agree on a watchlist version: it holds the source
	// files of each list's version in use, as objects named
	// WatchlistObjectPrefix + "<list>/<file>", and retro-screening job specs.
	BucketWatchlists = "watchwire-watchlists"
	// WatchlistObjectPrefix starts the names of watchlist source objects.
	WatchlistObjectPrefix = "lists/"

	// BucketRetroJobs is the JetStream key-value bucket of retro-screening
	// jobs, one key per watchlist version that added names (RetroJobKey):
	// the replica that creates a key runs the job and checkpoints it there.
	BucketRetroJobs = "watchwire-retro-jobs"
	// RetroJobKeyPrefix starts every key of BucketRetroJobs.
	RetroJobKeyPrefix = "retro."
)

// Kafka.
const (
	// TopicAlerts receives one record per Alert, keyed by the alert's entity_id.
	TopicAlerts = "watchwire.alerts"
)

// Pipeline stages, as used in dead-letter subjects and metric labels.
const (
	StageIngestor = "ingestor"
	StageTagger   = "tagger"
	StageAlerter  = "alerter"
)

// Header names and values, on NATS messages and Kafka records.
const (
	// HeaderMsgID is JetStream's de-duplication header.
	HeaderMsgID = "Nats-Msg-Id"

	HeaderContentType   = "Content-Type"
	ContentTypeJSON     = "application/json"
	HeaderSchemaVersion = "Watchwire-Schema-Version"
	// HeaderAlertID carries Alert.AlertID on Kafka records.
	HeaderAlertID = "Watchwire-Alert-Id"
	// HeaderArticleID carries the article id on NATS messages.
	HeaderArticleID = "Watchwire-Article-Id"

	// Dead-letter headers, set on messages in news.dlq.<stage>. The payload
	// is the original message's payload, unchanged.
	HeaderDeadLetterStage   = "Watchwire-Dlq-Stage"
	HeaderDeadLetterReason  = "Watchwire-Dlq-Reason"
	HeaderDeadLetterError   = "Watchwire-Dlq-Error"
	HeaderDeadLetterSubject = "Watchwire-Dlq-Subject"
)

// Dead-letter reasons: a bounded set, used as a metric label.
const (
	// ReasonDecode: the payload is not JSON of the expected type.
	ReasonDecode = "decode"
	// ReasonSchema: the payload decodes but breaks the contract (Validate fails,
	// or an unsupported schema_version).
	ReasonSchema = "schema"
	// ReasonTooLarge: the payload or its output exceeds a size limit.
	ReasonTooLarge = "too_large"
)

// SchemaVersionHeader is SchemaVersion as a header value.
func SchemaVersionHeader() string { return strconv.Itoa(SchemaVersion) }

// ArticleSubject is the NEWS subject for articles from source, which must be
// a valid source token (see ValidSource).
func ArticleSubject(source string) string { return SubjectArticlePrefix + source }

// DeadLetterSubject is the subject for messages that stage could not process.
func DeadLetterSubject(stage string) string { return SubjectDeadLetterPrefix + stage }
