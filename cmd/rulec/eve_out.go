package main

import (
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/rulec/rulec/runtime/eve/sink"
)

// eveOut says where EVE records go: --eve, --eve-type, --eve-facility.
type eveOut struct {
	path, typ, facility string
}

// open opens the destination; "-" is stdout. A regular file is truncated
// offline and appended to live, as Suricata's append setting does; a
// device such as /dev/null is written as it is. The
// sink is nil for stdout and for no output.
func (e eveOut) open(stdout io.Writer, truncate bool) (io.Writer, *sink.Sink, error) {
	switch {
	case e.path == "" && e.typ != sink.Syslog:
		return nil, nil, nil
	case e.path == "-":
		return stdout, nil, nil
	case truncate && (e.typ == "" || e.typ == sink.Regular):
		if st, err := os.Stat(e.path); err == nil && st.Mode().IsRegular() {
			if err := os.Truncate(e.path, 0); err != nil {
				return nil, nil, err
			}
		}
	}
	s, err := sink.Open(sink.Config{Type: e.typ, Path: e.path, Facility: e.facility})
	if err != nil {
		return nil, nil, err
	}
	return s, s, nil
}

// withSinkMetrics serves h's metrics followed by the EVE output's.
func withSinkMetrics(h http.Handler, s *sink.Sink) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h.ServeHTTP(w, req)
		st := s.Stats()
		fmt.Fprintf(w, "# HELP rulec_eve_records_total EVE records written.\n# TYPE rulec_eve_records_total counter\nrulec_eve_records_total %d\n", st.Records)
		fmt.Fprintf(w, "# HELP rulec_eve_dropped_total EVE records the output did not take (no socket reader, a reader too slow).\n# TYPE rulec_eve_dropped_total counter\nrulec_eve_dropped_total %d\n", st.Dropped)
		fmt.Fprintf(w, "# HELP rulec_eve_reopens_total EVE output reopens (SIGHUP) and reconnects.\n# TYPE rulec_eve_reopens_total counter\nrulec_eve_reopens_total %d\n", st.Reopens)
	})
}
