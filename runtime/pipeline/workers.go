package pipeline

import (
	"errors"
	"math"
	"net/netip"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/flowid"
)

// workers runs a capture as Suricata's workers runmode does: every flow
// belongs to one worker, which decodes, tracks and inspects its frames;
// every worker sees every frame's time, so flows time out on the
// capture's clock whatever the number of workers. A flow goes to the
// worker that reaches its first frame first (claims, balancer), so the
// workers finish together however unequal the flows' costs. What the
// workers share across flows (thresholds, xbits) is used in capture
// order, so the alerts do not depend on the number of workers nor on
// which worker runs a flow.
type workers struct {
	engines []*engine.Engine
	pos     []position
	need    [][]atomic.Uint64 // need[i][j]: where worker j, parked, needs worker i to be; 0: not parked
	// defrag are the workers' defragmenters: a packet's fragments may
	// have other owners than its flow, so every worker reassembles every
	// packet; the first worker's is the engine's, whose counts are kept.
	defrag []*defrag.Defragmenter
	claims *claims
	// bounds are the flow table's size and timeouts (for all workers),
	// which bound the balancers' tables.
	bounds flow.Config
	// cpu is the CPU time each worker's thread used in the last run.
	cpu []time.Duration
}

// newWorkers makes n workers of root; fc is one worker's share of the
// flow configuration.
func newWorkers(root *engine.Engine, k engine.Kernel, n int, fc flow.Config) *workers {
	w := &workers{claims: newClaims(n, claimSlots), bounds: fc}
	w.bounds.MaxFlows *= n
	w.positions(n)
	root.Sequence(sequencer{w, 0})
	w.engines = append(w.engines, root)
	w.defrag = append(w.defrag, root.TakeDefrag())
	for i := 1; i < n; i++ {
		w.engines = append(w.engines, root.Fork(k, sequencer{w, i}))
		w.engines[i].TakeDefrag()
		w.defrag = append(w.defrag, defrag.New(fc.Defrag))
	}
	return w
}

// FlowOwner returns which of n live workers owns a decoded frame's flow:
// the flow id (a symmetric hash) of its owner key (ownerKey), so that a
// datagram's fragments, whose later parts carry no ports, go with it.
// Frames without an IP packet go to worker 0.
func FlowOwner(d *decode.Packet, err error, n int) int {
	k, ok := ownerKey(d, err)
	if !ok {
		return 0
	}
	return KeyOwner(k, n)
}

// ownerKey returns the key by which a decoded frame is given to a
// worker (ownerTuple's), false for a frame without an IP packet.
func ownerKey(d *decode.Packet, err error) (flowid.Key, bool) {
	t, ok := ownerOf(d, err)
	return flowid.Key{Src: flowid.Addr(t.src), Dst: flowid.Addr(t.dst), Sport: t.sport, Dport: t.dport,
		Proto: t.proto, Family: t.family, VLAN: t.vlans}, ok
}

// ownerTuple is what gives a frame its worker: its flow key, without the
// ports for UDP, ICMP and IP fragments; for an ICMP destination
// unreachable message, the key of the packet it quotes, whose flow it
// joins (as Suricata hashes it).
type ownerTuple struct {
	src, dst      netip.Addr
	sport, dport  uint16
	proto, family uint8
	vlans         [decode.MaxVLANs]uint16
}

// ownerOf returns a decoded frame's ownerTuple, false for a frame without
// an IP packet.
func ownerOf(d *decode.Packet, err error) (ownerTuple, bool) {
	if err != nil || d.Family == 0 {
		return ownerTuple{}, false
	}
	t := ownerTuple{src: d.Src, dst: d.Dst, proto: d.Proto, family: d.Family, vlans: d.VLANs}
	if q := &d.Quoted; q.Valid && d.L4 == decode.L4ICMP {
		t.src, t.dst, t.sport, t.dport, t.proto, t.family = q.Src, q.Dst, q.Sport, q.Dport, q.Proto, 4
	} else if d.L4 == decode.L4TCP || d.L4 == decode.L4UDP {
		t.sport, t.dport = d.Sport, d.Dport
	}
	if p := t.proto; p == 17 || p == 1 || p == 58 || d.L4 == decode.L4Fragment {
		t.sport, t.dport = 0, 0
	}
	return t, true
}

// KeyOwner returns which of n workers owns the flow of key k, its ports
// cleared as FlowOwner clears them.
func KeyOwner(k flowid.Key, n int) int {
	return int(flowid.Of(k) % uint64(n))
}

// run runs the capture on the workers, each reading it on its own, until
// the end or the first error; then the workers end their flows one after
// the other. src reads for worker 0, whose progress is reported.
func (w *workers) run(src *capture.Source, path string, progress func(n uint64)) error {
	n := len(w.engines)
	errs := make([]error, n)
	readErrs := make([]error, n)
	seqs := make([]uint64, n)
	var failed atomic.Bool
	var wg sync.WaitGroup
	w.cpu = make([]time.Duration, n)
	for i := range n {
		wg.Go(func() {
			runtime.LockOSThread() // the thread's CPU time is the worker's
			defer runtime.UnlockOSThread()
			start := threadCPU()
			defer func() { w.cpu[i] = threadCPU() - start }()
			s, report := src, progress
			if i > 0 {
				s, report = &capture.Source{}, nil
			}
			errs[i], readErrs[i], seqs[i] = w.worker(i, s, path, report, &failed)
			w.moveTo(i, math.MaxUint64) // no one waits for a worker done or stopped
		})
	}
	wg.Wait()
	for i, e := range w.engines {
		e.SetPcapCnt(seqs[i])
	}
	readErr := readErrs[0]
	if errors.Is(readErr, errStopped) {
		readErr = nil
	}
	return errors.Join(append([]error{readErr}, errs...)...)
}

// worker runs worker i: it reads every frame of the capture, decodes it,
// and inspects it when it owns the frame's flow (its balancer says),
// else only moves its flows' clock; every worker reassembles every fragmented packet (with
// its own defragmenter, worker 0's counted) and inspects those it owns.
// A frame is in the capture reader's buffer, valid during its turn. It
// returns the engine's error, the reader's and the frames read.
func (w *workers) worker(i int, src *capture.Source, path string, progress func(uint64), failed *atomic.Bool) (error, error, uint64) {
	n, e, df := len(w.engines), w.engines[i], w.defrag[i]
	var seq uint64
	var dec, whole decode.Packet
	var held heldFrame
	bal := newBalancer(i, n, w.claims, w.bounds)
	defer w.claims.done(i)
	var runErr error
	readErr := src.ReadFile(path, func(ts time.Time, frame []byte, rec uint64) error {
		if progress != nil && rec%100000 == 0 {
			progress(rec)
		}
		if failed.Load() {
			return errStopped
		}
		seq++
		link := src.Link
		frame, link.Header = held.hold(frame, link.Header)
		defer held.release()
		err := w.bounds.Decoder.Decode(frame, &dec)
		dec.Link = link
		owner := bal.owner(&dec, err, ts)
		w.moveTo(i, at(seq, owner == i))
		switch {
		case owner == i:
			_, runErr = e.FrameAt(seq, ts, &dec, err)
		case err == nil && dec.Family != 0:
			e.Advance(seq, ts)
		}
		if runErr == nil && err == nil && dec.L4 == decode.L4Fragment {
			if b := df.Add(ts, &dec); b != nil {
				werr := w.bounds.Decoder.Decode(b, &whole)
				whole.Link = link
				if bal.owner(&whole, werr, ts) == i {
					w.moveTo(i, at(seq, true))
					runErr = e.ReassembledAt(seq, ts, &whole, werr)
				}
			}
		}
		if runErr != nil {
			failed.Store(true)
			return errStopped
		}
		return nil
	})
	return runErr, readErr, seq
}

var errStopped = errors.New("stopped")
