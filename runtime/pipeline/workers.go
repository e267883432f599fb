package pipeline

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flowid"
)

// batchFrames is how many frames the reader hands the workers at once;
// batches in flight per worker are bounded by workerQueue.
const (
	batchFrames = 256
	workerQueue = 8
)

// frameRec is one frame of a batch and the worker that owns its flow.
type frameRec struct {
	ts    time.Time
	dec   decode.Packet // decoded once, by the reader
	err   error
	n     uint64 // the frame's number in the capture, from 1
	owner int
	whole bool // a packet the reader reassembled from fragments, ending at frame n
}

// ip reports an IP packet: it moves every worker's flow clock.
func (f *frameRec) ip() bool { return f.err == nil && f.dec.Family != 0 }

type batch struct {
	frames []frameRec
	arena  arena        // the frames' bytes
	left   atomic.Int32 // workers still reading it
}

// workers runs a capture as Suricata's workers runmode does: every flow
// (by its symmetric 5-tuple) belongs to one worker, which decodes, tracks
// and inspects its frames; every worker sees every frame's time, so flows
// time out on the capture's clock whatever the number of workers. What
// the workers share across flows (thresholds, xbits) is used in capture
// order, so the alerts do not depend on the number of workers.
type workers struct {
	engines []*engine.Engine
	pos     []position
	need    [][]atomic.Uint64    // need[i][j]: where worker j, parked, needs worker i to be; 0: not parked
	defrag  *defrag.Defragmenter // the reader's: fragments and their flow may have different owners
}

func newWorkers(root *engine.Engine, k engine.Kernel, n int) *workers {
	w := &workers{}
	w.positions(n)
	root.Sequence(sequencer{w, 0})
	w.engines = append(w.engines, root)
	w.defrag = root.TakeDefrag()
	for i := 1; i < n; i++ {
		w.engines = append(w.engines, root.Fork(k, sequencer{w, i}))
		w.engines[i].TakeDefrag()
	}
	return w
}

// owner returns the worker of a frame's flow (FlowOwner).
func owner(f *frameRec, n int) int {
	return FlowOwner(&f.dec, f.err, n)
}

// FlowOwner returns which of n workers owns a decoded frame's flow: its
// flow id (a symmetric hash of the flow key) without the ports for UDP,
// ICMP and IP fragments, so that a datagram's fragments, whose later
// parts carry no ports, go with it. Frames without an IP packet go to
// worker 0.
func FlowOwner(d *decode.Packet, err error, n int) int {
	if err != nil || d.Family == 0 {
		return 0
	}
	k := d.FlowKey()
	if p := d.Proto; p == 17 || p == 1 || p == 58 || d.L4 == decode.L4Fragment {
		k.Sport, k.Dport = 0, 0
	}
	return KeyOwner(k, n)
}

// KeyOwner returns which of n workers owns the flow of key k, its ports
// cleared as FlowOwner clears them.
func KeyOwner(k flowid.Key, n int) int {
	return int(flowid.Of(k) % uint64(n))
}

// run reads the capture and feeds the workers until the end or the first
// error; then the workers end their flows one after the other.
func (w *workers) run(src *capture.Source, path string, progress func(n uint64)) error {
	n := len(w.engines)
	queues := make([]chan *batch, n)
	free := make(chan *batch, n*workerQueue+2)
	errs := make([]error, n)
	var failed atomic.Bool
	var wg sync.WaitGroup
	for i := range queues {
		queues[i] = make(chan *batch, workerQueue)
		wg.Go(func() {
			e := w.engines[i]
			for b := range queues[i] {
				for j := range b.frames {
					f := &b.frames[j]
					if failed.Load() {
						w.moveTo(i, math.MaxUint64) // no one waits for a stopped worker
						break
					}
					mine := f.owner == i
					w.moveTo(i, at(f.n, mine))
					switch {
					case mine && f.whole:
						if err := e.ReassembledAt(f.n, f.ts, &f.dec, f.err); err != nil {
							errs[i] = err
							failed.Store(true)
						}
					case mine:
						if _, err := e.FrameAt(f.n, f.ts, &f.dec, f.err); err != nil {
							errs[i] = err
							failed.Store(true)
						}
					case f.ip():
						e.Advance(f.n, f.ts)
					}
				}
				if b.left.Add(-1) == 0 {
					select {
					case free <- b:
					default:
					}
				}
			}
			w.moveTo(i, math.MaxUint64)
		})
	}
	var seq uint64
	cur := newBatch(free, n)
	send := func() {
		for _, q := range queues {
			q <- cur
		}
		cur = newBatch(free, n)
	}
	readErr := src.ReadFile(path, func(ts time.Time, frame []byte, rec uint64) error {
		if progress != nil && rec%100000 == 0 {
			progress(rec)
		}
		if failed.Load() {
			return errStopped
		}
		seq++
		cur.frames = append(cur.frames, frameRec{ts: ts, n: seq})
		f := &cur.frames[len(cur.frames)-1]
		link := src.Link
		if link.Header != nil {
			link.Header = cur.arena.copy(link.Header)
		}
		f.err = decode.Decode(cur.arena.copy(frame), &f.dec)
		f.dec.Link = link
		f.owner = owner(f, n)
		if f.err == nil && f.dec.L4 == decode.L4Fragment {
			if whole := w.defrag.Add(ts, &f.dec); whole != nil {
				cur.frames = append(cur.frames, frameRec{ts: ts, n: seq, whole: true})
				g := &cur.frames[len(cur.frames)-1]
				g.err = decode.Decode(whole, &g.dec)
				g.dec.Link = link
				g.owner = owner(g, n)
			}
		}
		if len(cur.frames) >= batchFrames {
			send()
		}
		return nil
	})
	if len(cur.frames) > 0 {
		send()
	}
	for _, q := range queues {
		close(q)
	}
	wg.Wait()
	if errors.Is(readErr, errStopped) {
		readErr = nil
	}
	for _, e := range w.engines {
		e.SetPcapCnt(seq)
	}
	return errors.Join(append([]error{readErr}, errs...)...)
}

var errStopped = errors.New("stopped")

// newBatch takes a batch the workers are done with, or makes one.
func newBatch(free chan *batch, readers int) *batch {
	var b *batch
	select {
	case b = <-free:
		clear(b.frames)
		b.frames = b.frames[:0]
		b.arena.reset()
	default:
		b = &batch{frames: make([]frameRec, 0, batchFrames)}
	}
	b.left.Store(int32(readers))
	return b
}
