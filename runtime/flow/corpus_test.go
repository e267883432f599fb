package flow

import (
	"errors"
	"github.com/rulec/rulec/runtime/decode"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/inspect"
)

// runPcap feeds a pcap or pcapng file through a tracker and
// flushes it.
func runPcap(t *testing.T, path string, cfg Config) (*sink, Stats) {
	t.Helper()
	tr, s := newTracker(cfg)
	err := capture.ReadFile(path, func(ts time.Time, frame []byte, _ uint64) error {
		if _, err := tr.Frame(ts, frame); err != nil && !errors.Is(err, decode.ErrTruncated) && !errors.Is(err, decode.ErrCorrupt) {
			return err
		}
		return nil
	})
	if err != nil && !errors.Is(err, capture.ErrRecord) {
		t.Fatalf("%s: %v", path, err)
	}
	tr.Flush()
	return s, tr.Stats()
}

// TestSuricataVerifyPcaps runs every pcap of the suricata-verify corpus
// and checks what Suricata's own tests rely on in a few of them.
func TestSuricataVerifyPcaps(t *testing.T) {
	root := corpus.Dir(t, "suricata-verify")
	var pcaps []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".pcap") {
			pcaps = append(pcaps, p)
		}
		return nil
	})
	if len(pcaps) < 50 {
		t.Fatalf("only %d pcaps", len(pcaps))
	}
	for _, p := range pcaps {
		t.Run(strings.TrimPrefix(p, root+"/"), func(t *testing.T) {
			s, st := runPcap(t, p, DefaultConfig())
			if st.Packets == 0 || len(s.of(inspect.KindPacket)) != int(st.Packets) {
				t.Errorf("%d packets, %d packet units", st.Packets, len(s.of(inspect.KindPacket)))
			}
		})
	}
}

func TestSuricataVerifyExpectations(t *testing.T) {
	root := corpus.Dir(t, "suricata-verify")
	anyUnit := func(s *sink, dir inspect.Dir, buffer, want string) bool {
		for _, u := range s.withBuffer(buffer) {
			if (dir == 0 || u.dir == dir) && strings.Contains(strings.ToLower(u.buffers[buffer]), strings.ToLower(want)) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		dir   string
		check func(*sink) bool
	}{
		{"http-uri-spaces", func(s *sink) bool { return anyUnit(s, inspect.ToServer, "http.uri", " afterspace") }},
		{"http-missing-protocol", func(s *sink) bool {
			return anyUnit(s, inspect.ToServer, "http.header_names", "\r\nUser-Agent\r\n") && anyUnit(s, inspect.ToServer, "http.method", "GET")
		}},
		{"http-connection-toclient", func(s *sink) bool { return anyUnit(s, inspect.ToClient, "http.connection", "close") }},
		{"http-post-data-decompression", func(s *sink) bool {
			return anyUnit(s, inspect.ToServer, "http.request_body", "name") && !anyUnit(s, 0, "http.response_body", "name")
		}},
		{"http-encoding-gzip-uncompressed", func(s *sink) bool {
			return anyUnit(s, inspect.ToServer, "http.request_body", `"sdk_version":`)
		}},
		{"http-protocol-inspect-v2", func(s *sink) bool {
			return anyUnit(s, inspect.ToServer, "http.protocol", "HTTP/1.1") && anyUnit(s, inspect.ToClient, "http.protocol", "HTTP/1.1")
		}},
		{"tcp-split-handshake-01-4whs", func(s *sink) bool {
			return strings.Contains(s.stream(inspect.ToServer)+s.stream(inspect.ToClient), "EVIL")
		}},
		{"detect-http-uri/UriTestSig25", func(s *sink) bool { return anyUnit(s, inspect.ToServer, "http.uri", "/normalized uri") }},
		{"detect-http-uri/DetectEngineHttpRawUriTest01", func(s *sink) bool {
			return anyUnit(s, inspect.ToServer, "http.uri.raw", "/../a/b/../c/./d.html") && anyUnit(s, inspect.ToServer, "http.uri", "/a/c/d.html")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			pcaps, _ := filepath.Glob(filepath.Join(root, tc.dir, "*.pcap"))
			if len(pcaps) != 1 {
				t.Fatalf("%d pcaps in %s", len(pcaps), tc.dir)
			}
			s, st := runPcap(t, pcaps[0], DefaultConfig())
			if !tc.check(s) {
				t.Errorf("expectation not met; stats %+v", st)
			}
		})
	}
	t.Run("alert-no-3whs-established", func(t *testing.T) {
		s, _ := runPcap(t, filepath.Join(root, "alert-no-3whs-established", "no-3whs.pcap"), DefaultConfig())
		for _, u := range s.units {
			if strings.Contains(u.buffers["payload"], "MATCH?") && u.est {
				t.Errorf("%v unit with MATCH? on an established flow", u.kind)
			}
		}
	})
}
