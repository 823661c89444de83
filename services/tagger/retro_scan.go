package tagger

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"

	"github.com/watchwire/watchwire/pkg/platform"
)

// Checkpoints and progress logs of a running retro job, at most this often.
const (
	retroCheckpointEvery = time.Second
	retroLogEvery        = 2 * time.Second
)

// runRetro is the one retro-screening worker of this replica: it runs the
// jobs it can claim, one at a time, and looks for more when one is created
// here and every half lease (to take over the jobs of replicas that died).
func (k *Keeper) runRetro(ctx context.Context) {
	for {
		k.runClaimable(ctx)
		select {
		case <-ctx.Done():
			return
		case <-k.wake:
		case <-time.After(k.cfg.Lease / 2):
		}
	}
}

// runClaimable runs jobs until none is left to claim, a job fails or ctx ends.
func (k *Keeper) runClaimable(ctx context.Context) {
	for ctx.Err() == nil {
		j, err := k.claim(ctx)
		if err != nil || j == nil {
			if err != nil && ctx.Err() == nil {
				k.log.Warn("looking for retro jobs", "err", err)
			}
			return
		}
		if err := k.runJob(ctx, j); err != nil {
			k.log.Warn("retro-screening interrupted; it resumes from its checkpoint", "job", j.key, "last_seq", j.state.LastSeq, "err", err)
			k.handBack(ctx, j) // if this fails, the lease frees it
			return
		}
	}
}

// runJob screens the articles of j's range for its spec's names, from its
// checkpoint on, until the range is done or ctx ends (then the job is
// checkpointed and handed back).
func (k *Keeper) runJob(ctx context.Context, j *retroJob) error {
	spec, err := k.loadSpec(ctx, j.state.Spec)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		j.state.Done, j.state.Error, j.state.Owner = true, err.Error(), ""
		k.log.Error("retro job has no spec: abandoned", "job", j.key, "err", err)
		return k.save(ctx, j)
	}
	if err != nil {
		return err
	}
	rs, err := newRetroScreen(spec, k.t.cfg.MinScore)
	if err != nil {
		return err
	}
	cons, err := k.js.OrderedConsumer(ctx, events.StreamNews, j.consumerConfig())
	if err != nil {
		return fmt.Errorf("reading %s: %w", events.StreamNews, err)
	}
	k.log.Info("retro-screening", "job", j.key, "version_added", spec.VersionAdded, "entities", len(spec.Entities),
		"names", spec.Names, "from", j.state.From, "resume_after", j.state.LastSeq, "end_seq", j.state.EndSeq)
	return k.scan(ctx, j, rs, cons)
}

// handBack checkpoints j with no owner, for any replica to claim, even
// as ctx ends.
func (k *Keeper) handBack(ctx context.Context, j *retroJob) error {
	j.state.Owner = ""
	return k.save(context.WithoutCancel(ctx), j)
}

// consumerConfig starts after the checkpoint, or at the look-back's start.
func (j *retroJob) consumerConfig() jetstream.OrderedConsumerConfig {
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{events.SubjectArticles}, InactiveThreshold: 30 * time.Second}
	if j.state.LastSeq > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, j.state.LastSeq+1
	} else {
		from := j.state.From
		cfg.DeliverPolicy, cfg.OptStartTime = jetstream.DeliverByStartTimePolicy, &from
	}
	return cfg
}

// scan reads j's range in batches of RetroBatch, pausing RetroPause between
// two, and checkpoints at most every retroCheckpointEvery.
func (k *Keeper) scan(ctx context.Context, j *retroJob, rs *retroScreen, cons jetstream.Consumer) error {
	saved, logged := time.Now(), time.Now()
	for {
		if ctx.Err() != nil {
			return k.handBack(ctx, j)
		}
		batch, err := cons.FetchNoWait(k.cfg.RetroBatch)
		if err != nil {
			return fmt.Errorf("reading %s: %w", events.StreamNews, err)
		}
		end, err := k.screenBatch(batch, j, rs)
		if err != nil {
			return err
		}
		k.t.metrics.retroProgress.Set(j.progress())
		if end {
			return k.finish(ctx, j, rs)
		}
		if time.Since(logged) >= retroLogEvery {
			k.logProgress(j, rs, "retro-screening progress")
			logged = time.Now()
		}
		if time.Since(saved) >= retroCheckpointEvery {
			if err := k.save(ctx, j); err != nil {
				return err
			}
			saved = time.Now()
		}
		platform.Pause(ctx, k.cfg.RetroPause)
	}
}

// screenBatch screens a batch's articles up to the range's end, and
// reports whether the range is done.
func (k *Keeper) screenBatch(batch jetstream.MessageBatch, j *retroJob, rs *retroScreen) (end bool, err error) {
	n := 0
	for msg := range batch.Messages() {
		n++
		if end || err != nil {
			continue // drain the batch
		}
		var md *jetstream.MsgMetadata
		if md, err = msg.Metadata(); err != nil {
			continue
		}
		seq := md.Sequence.Stream
		if seq > j.state.EndSeq {
			end = true
			continue
		}
		if err = k.screenAgain(msg, j, rs); err != nil {
			continue
		}
		j.state.LastSeq = seq
		if j.state.FirstSeq == 0 {
			j.state.FirstSeq = seq
		}
		end = seq >= j.state.EndSeq || md.NumPending == 0
	}
	if err == nil {
		err = batch.Error()
	}
	return end || (n == 0 && err == nil), err
}

// finish marks j done, hands it back and removes its spec.
func (k *Keeper) finish(ctx context.Context, j *retroJob, rs *retroScreen) error {
	j.state.Done, j.state.Owner = true, ""
	if err := k.save(context.WithoutCancel(ctx), j); err != nil {
		return err
	}
	k.t.metrics.retroProgress.Set(1)
	k.logProgress(j, rs, "retro-screening done")
	if err := k.store.Delete(context.WithoutCancel(ctx), j.state.Spec); err != nil {
		k.log.Warn("deleting a finished retro job's spec", "object", j.state.Spec, "err", err)
	}
	return nil
}

func (k *Keeper) logProgress(j *retroJob, rs *retroScreen, msg string) {
	done, total := j.done()
	k.log.Info(msg, "job", j.key, "version_added", rs.spec.VersionAdded, "done", done, "total", total,
		"screened", j.state.Screened, "matches", j.state.Matches)
}

// done and total count NEWS sequences of the range: screened so far, and all.
func (j *retroJob) done() (done, total uint64) {
	if j.state.FirstSeq == 0 || j.state.EndSeq < j.state.FirstSeq {
		return 0, 0
	}
	return j.state.LastSeq - j.state.FirstSeq + 1, j.state.EndSeq - j.state.FirstSeq + 1
}

func (j *retroJob) progress() float64 {
	done, total := j.done()
	if total == 0 {
		return 0
	}
	return min(1, float64(done)/float64(total))
}

// screenAgain screens one retained article for the spec's names and
// publishes a retro screened event when it names one. An article that
// cannot be decoded or screened is counted and passed over: the live
// tagger dead-lettered it.
func (k *Keeper) screenAgain(msg jetstream.Msg, j *retroJob, rs *retroScreen) error {
	art, err := decodeArticle(msg.Data())
	var matches []engine.Match
	if err == nil {
		matches, err = rs.screen(art)
	}
	switch {
	case err != nil:
		k.t.metrics.retroArticles.WithLabelValues(retroInvalid).Inc()
	case len(matches) == 0:
		k.t.metrics.retroArticles.WithLabelValues(retroClean).Inc()
	default:
		if err := k.publishRetro(art, matches, rs.spec); err != nil {
			return err
		}
		k.t.metrics.retroArticles.WithLabelValues(retroMatch).Inc()
		j.state.Matches++
	}
	j.state.Screened++
	return nil
}

// publishRetro publishes a retro screened event and waits for its PubAck.
func (k *Keeper) publishRetro(art *events.Article, matches []engine.Match, spec retroSpec) error {
	ctx, cancel := context.WithTimeout(context.Background(), k.t.cfg.PublishTimeout)
	defer cancel()
	s := screenedEvent(art, spec.WatchlistVersion, matches)
	s.Retro, s.VersionAdded = true, spec.VersionAdded
	return k.t.publish(ctx, s, events.RetroScreenedMsgID(art.ID, spec.VersionAdded))
}

// retroScreen finds, in an article, the entries a new version made it
// name: those an engine over the entries with added names finds, less
// those an engine over their old versions found already.
type retroScreen struct {
	spec          retroSpec
	added, before Screener // before is nil when the old version listed none of them
	minScore      float64
}

func newRetroScreen(spec retroSpec, minScore float64) (*retroScreen, error) {
	rs := &retroScreen{spec: spec, minScore: minScore}
	var err error
	if rs.added, err = engine.New(subList(spec.VersionAdded, spec.Entities)); err != nil {
		return nil, fmt.Errorf("building the retro engine of %s: %w", spec.VersionAdded, err)
	}
	if len(spec.Previous) > 0 {
		if rs.before, err = engine.New(subList(spec.OldVersion, spec.Previous)); err != nil {
			return nil, fmt.Errorf("building the retro engine of %s: %w", spec.OldVersion, err)
		}
	}
	return rs, nil
}

// subList is a list of the given entries of version ("list@digest").
func subList(version string, entities []watchlist.Entity) *watchlist.List {
	name, digest, _ := strings.Cut(version, "@")
	return &watchlist.List{Name: name, Version: digest, Entities: entities}
}

func (rs *retroScreen) screen(art *events.Article) ([]engine.Match, error) {
	found, err := screenArticle(rs.added, art, rs.minScore)
	if err != nil || len(found) == 0 || rs.before == nil {
		return found, err
	}
	had, err := screenArticle(rs.before, art, rs.minScore)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(found, func(m engine.Match) bool {
		return slices.ContainsFunc(had, func(h engine.Match) bool { return h.EntityID == m.EntityID })
	}), nil
}
