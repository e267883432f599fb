package sink

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
)

// Types are Suricata's eve-log filetype names.
const (
	Regular    = "regular"
	UnixStream = "unix_stream"
	UnixDgram  = "unix_dgram"
	Syslog     = "syslog"
)

var (
	// ErrType reports a file type Suricata's eve-log does not have, or
	// one rulec does not write.
	ErrType = errors.New("unknown EVE file type")
	// ErrFacility reports a syslog facility name syslog does not have.
	ErrFacility = errors.New("unknown syslog facility")
)

// Config says where records go.
type Config struct {
	Type string // Regular (default), UnixStream, UnixDgram or Syslog
	// Path is the file or socket; for Syslog the local syslog socket
	// (default /dev/log).
	Path string
	// Facility and Identity are the syslog facility (default local5, as
	// Suricata) and tag (default rulec).
	Facility, Identity string
}

// Stats counts records.
type Stats struct {
	Records uint64 // records handed over
	Dropped uint64 // records the destination did not take (no reader, full, closed)
	Reopens uint64 // reopens and reconnects
}

// target delivers whole records to one destination.
type target interface {
	send(rec []byte) error
	reopen() error
	io.Closer
}

// Sink is an io.Writer taking EVE lines, possibly split across writes,
// and delivering each whole line as one record.
type Sink struct {
	mu      sync.Mutex
	t       target
	partial []byte
	records atomic.Uint64
	dropped atomic.Uint64
	reopens atomic.Uint64
}

// Open opens the destination cfg names.
func Open(cfg Config) (*Sink, error) {
	var t target
	var err error
	switch cfg.Type {
	case "", Regular:
		t, err = openFile(cfg.Path)
	case UnixStream, UnixDgram:
		t, err = newSocket(cfg.Type, cfg.Path)
	case Syslog:
		t, err = newSyslog(cfg)
	default:
		return nil, fmt.Errorf("%w %q (want %s, %s, %s or %s)", ErrType, cfg.Type, Regular, UnixStream, UnixDgram, Syslog)
	}
	if err != nil {
		return nil, err
	}
	return &Sink{t: t}, nil
}

// Write takes bytes of EVE lines and sends every completed line.
func (s *Sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.partial = append(s.partial, p...)
			break
		}
		rec := p[:i+1]
		if len(s.partial) > 0 {
			rec = append(s.partial, rec...)
			s.partial = s.partial[:0]
		}
		s.records.Add(1)
		if err := s.t.send(rec); err != nil {
			if errors.Is(err, errFatal) {
				return 0, err
			}
			s.dropped.Add(1)
		}
		p = p[i+1:]
	}
	return n, nil
}

// Reopen reopens a file (after logrotate moved it) or reconnects a
// socket, as Suricata does on SIGHUP.
func (s *Sink) Reopen() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reopens.Add(1)
	return s.t.reopen()
}

// Stats returns the counters.
func (s *Sink) Stats() Stats {
	return Stats{Records: s.records.Load(), Dropped: s.dropped.Load(), Reopens: s.reopens.Load()}
}

// Close closes the destination; a partial last line is dropped and counted.
func (s *Sink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.partial) > 0 {
		s.dropped.Add(1)
	}
	return s.t.Close()
}

// errFatal marks a write error that must stop the run (a full disk), as
// opposed to a consumer that is not there.
var errFatal = errors.New("EVE output failed")
