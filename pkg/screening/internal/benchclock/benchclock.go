//go:build unix

// Package benchclock times the screening benchmarks in wall time and in
// CPU time of the whole process (benchmark, collector, runtime), which
// other programs running on the machine do not inflate. With
// GOMAXPROCS=1, CPU time is the work of one core.
package benchclock

import (
	"syscall"
	"testing"
	"time"
)

// Clock brackets the work to measure with Start and Stop.
type Clock struct {
	b          *testing.B
	cpu, since time.Duration
}

// Stopped stops and resets b's timer and returns a clock for it.
func Stopped(b *testing.B) *Clock {
	b.StopTimer()
	b.ResetTimer()
	return &Clock{b: b}
}

// Start starts both clocks.
func (c *Clock) Start() { c.b.StartTimer(); c.since = cpuTime() }

// Stop stops both clocks.
func (c *Clock) Stop() { c.cpu += cpuTime() - c.since; c.b.StopTimer() }

// ReportBuild reports the wall and CPU milliseconds of one build.
func (c *Clock) ReportBuild() {
	c.b.ReportMetric(float64(c.b.Elapsed().Milliseconds())/float64(c.b.N), "ms/build")
	c.b.ReportMetric(float64(c.cpu.Milliseconds())/float64(c.b.N), "cpu-ms/build")
}

// ReportThroughput reports the MB read per CPU second (b.SetBytes gives
// the MB per wall second).
func (c *Clock) ReportThroughput(bytesPerOp int64) {
	c.b.ReportMetric(float64(bytesPerOp)*float64(c.b.N)/1e6/c.cpu.Seconds(), "cpu-MB/s")
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
