package sink

import (
	"net"
	"time"
)

// writeTimeout bounds how long a slow socket reader may hold detection up
// for one record; past it the record is dropped and counted.
const writeTimeout = 50 * time.Millisecond

// retryEvery spaces reconnection attempts to an absent reader.
const retryEvery = time.Second

// dialTimeout bounds a connection attempt. Connecting to a unix socket
// succeeds or fails at once unless the reader's backlog is full, so this
// is rarely waited for; a busy machine must not make a present reader
// look absent.
const dialTimeout = time.Second

// socket writes records to a unix socket, reconnecting when the reader
// goes away, as Suricata's unix_stream and unix_dgram outputs do. A
// record sent while no reader listens is dropped.
type socket struct {
	network, path string
	c             net.Conn
	lastTry       time.Time
}

func newSocket(typ, path string) (*socket, error) {
	s := &socket{network: "unix", path: path}
	if typ == UnixDgram {
		s.network = "unixgram"
	}
	s.dial()
	return s, nil
}

func (s *socket) dial() {
	s.lastTry = time.Now()
	if c, err := net.DialTimeout(s.network, s.path, dialTimeout); err == nil {
		s.c = c
	}
}

func (s *socket) send(rec []byte) error {
	if s.c == nil && time.Since(s.lastTry) >= retryEvery {
		s.dial()
	}
	if s.c == nil {
		return net.ErrClosed
	}
	s.c.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := s.c.Write(rec); err != nil {
		s.c.Close()
		s.c = nil
		return err
	}
	return nil
}

func (s *socket) reopen() error {
	if s.c != nil {
		s.c.Close()
		s.c = nil
	}
	s.dial()
	return nil
}

func (s *socket) Close() error {
	if s.c == nil {
		return nil
	}
	return s.c.Close()
}
