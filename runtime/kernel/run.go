package kernel

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"
)

const (
	ethHeaderLen = 14
	// minPageFrame is less than the largest frame BPF_PROG_TEST_RUN
	// takes on any configuration (a page less the skb's head- and
	// tailroom): EINVAL for a longer frame means it is too long.
	minPageFrame = 2048
)

// shortIP reports an IPv4 or IPv6 frame without room for its fixed IP
// header: BPF_PROG_TEST_RUN refuses it (EINVAL).
func shortIP(pkt []byte) bool {
	switch uint16(pkt[12])<<8 | uint16(pkt[13]) {
	case 0x0800:
		return len(pkt) < ethHeaderLen+20
	case 0x86dd:
		return len(pkt) < ethHeaderLen+40
	}
	return false
}

// Result is what the classifier did with one packet.
type Result struct {
	Verdict int // VerdictOK or VerdictShot
	Events  []Event
}

// Run classifies pkt (an Ethernet frame) with BPF_PROG_TEST_RUN and
// returns the verdict and the events the run produced.
func (c *Classifier) Run(pkt []byte) (Result, error) {
	if len(pkt) < ethHeaderLen {
		return Result{}, fmt.Errorf("run classifier: %w: %d bytes, less than an Ethernet header", ErrFrameSize, len(pkt))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ret, err := c.objs.Classify.Run(&ebpf.RunOptions{Data: pkt})
	if err != nil {
		if errors.Is(err, unix.EINVAL) && (len(pkt) > minPageFrame || shortIP(pkt)) {
			return Result{}, fmt.Errorf("run classifier: %w: %d bytes: %w", ErrFrameSize, len(pkt), err)
		}
		return Result{}, fmt.Errorf("run classifier: %w", err)
	}
	var events []Event
	err = c.drain(func(raw []byte) error {
		ev, err := DecodeEvent(raw)
		events = append(events, ev)
		return err
	})
	return Result{Verdict: int(int32(ret)), Events: events}, err
}

// Bench classifies pkt repeat times in one BPF_PROG_TEST_RUN and returns
// the kernel-measured time per packet; the events are discarded.
func (c *Classifier) Bench(pkt []byte, repeat int) (time.Duration, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, d, err := c.objs.Classify.Benchmark(pkt, repeat, func() {})
	if err != nil {
		return 0, fmt.Errorf("benchmark classifier: %w", err)
	}
	return d, c.drain(func([]byte) error { return nil })
}

// drain hands every record in the ring buffer to fn without blocking.
func (c *Classifier) drain(fn func(raw []byte) error) error {
	c.events.SetDeadline(time.Now())
	var rec ringbuf.Record
	for {
		err := c.events.ReadInto(&rec)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read events: %w", err)
		}
		if err := fn(rec.RawSample); err != nil {
			return err
		}
	}
}
