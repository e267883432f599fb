package bpflog

import (
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
)

// ReaderOptions tune a Reader; the zero value reads every record.
type ReaderOptions struct {
	// MinLevel: records below it are skipped (the kernel normally drops
	// them already, see SetLevel).
	MinLevel Level
	// Formats maps the format ids of records to their messages.
	Formats map[uint16]string
}

// Reader reads the records of one log.h ring buffer.
type Reader struct {
	rd    *ringbuf.Reader
	drops *ebpf.Map
	opts  ReaderOptions
}

// NewReader reads records from ring, the log.h ring buffer map (rc_log
// by default); drops is its drop counter map (rc_log_drops by default).
func NewReader(ring, drops *ebpf.Map, opts ReaderOptions) (*Reader, error) {
	rd, err := ringbuf.NewReader(ring)
	if err != nil {
		return nil, fmt.Errorf("log reader: %w", err)
	}
	return &Reader{rd: rd, drops: drops, opts: opts}, nil
}

// Read blocks until a record at or above the minimum level arrives. It
// returns an error wrapping os.ErrClosed after Close, and decoding errors
// (after which reading may go on).
func (r *Reader) Read() (Record, error) {
	for {
		raw, err := r.rd.Read()
		if err != nil {
			return Record{}, fmt.Errorf("log reader: %w", err)
		}
		rec, err := Decode(raw.RawSample, r.opts.Formats)
		if err != nil || rec.Level >= r.opts.MinLevel {
			return rec, err
		}
	}
}

// Dropped is how many records the kernel could not write because the
// ring was full.
func (r *Reader) Dropped() (uint64, error) {
	var perCPU []uint64
	if err := r.drops.Lookup(uint32(0), &perCPU); err != nil {
		return 0, fmt.Errorf("log drop counter: %w", err)
	}
	var n uint64
	for _, v := range perCPU {
		n += v
	}
	return n, nil
}

// Close interrupts Read and releases the reader; the maps stay open.
func (r *Reader) Close() error {
	return r.rd.Close()
}
