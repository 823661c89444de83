package refresh

import (
	"testing"
	"time"
)

func TestURLBackoff(t *testing.T) {
	o, err := Options{URLPoll: time.Minute, RetryMin: 10 * time.Second}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	s := &urlSource{o: o}
	for failures, want := range []time.Duration{time.Minute, 10 * time.Second, 20 * time.Second, 40 * time.Second, time.Minute, time.Minute} {
		if got := s.wait(failures); got != want {
			t.Errorf("after %d failures, wait %v, want %v", failures, got, want)
		}
	}
	if got := s.wait(1000); got != time.Minute {
		t.Errorf("after 1000 failures, wait %v, want the poll interval", got)
	}
}
