package pipeline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/flow/http"
)

// reuseRecords is every record type and alert detail, so that whatever
// a record keeps of a frame is written.
var reuseRecords = eve.Types{"alert": true, "anomaly": true, "http": true, "dns": true, "tls": true, "ssh": true, "flow": true, "drop": true,
	eve.Ethernet: true, eve.AlertPacket: true, eve.AlertPayload: true, eve.AlertPayloadPrintable: true, eve.AlertPayloadLength: true}

// framesRun runs o on a capture handing the engine each frame in memory
// of its own (scribble false) or in one buffer overwritten after every
// frame, HTTP bodies overwritten when their transaction is finished and
// the tracker's packet reused (scribble true), and returns the EVE lines.
func framesRun(t *testing.T, o *object.Object, pcap string, ips, scribble bool) []string {
	t.Helper()
	http.ScribbleBodies, flow.FreshPackets, flow.ScribbleWindows = scribble, !scribble, scribble
	defer func() { http.ScribbleBodies, flow.FreshPackets, flow.ScribbleWindows = false, false, false }()
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Workers: 1, IPS: ips, Records: reuseRecords})
	if err != nil {
		t.Fatal(err)
	}
	var buf, hdr []byte
	src := capture.Source{}
	err = src.ReadFile(pcap, func(ts time.Time, frame []byte, _ uint64) error {
		link := src.Link
		if scribble {
			buf, hdr = append(buf[:0], frame...), append(hdr[:0], link.Header...)
			frame = buf
			if link.Header != nil {
				link.Header = hdr
			}
		} else {
			frame, link.Header = bytes.Clone(frame), bytes.Clone(link.Header)
		}
		p.Engine.SetLink(link)
		_, err := p.Engine.Frame(ts, frame)
		for _, b := range [][]byte{buf, hdr} {
			for i := range b {
				b[i] = 0xa5
			}
		}
		return err
	})
	if err != nil && !errors.Is(err, capture.ErrRecord) {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

// workersRun runs o on a capture with two workers, which hold their
// frames as mode says, and returns the EVE lines sorted.
func workersRun(t *testing.T, o *object.Object, pcap string, ips bool, mode int) []string {
	t.Helper()
	frameTest = mode
	defer func() { frameTest = frameShared }()
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Workers: 2, IPS: ips, Records: reuseRecords})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.RunPcap(pcap, nil); err != nil && !errors.Is(err, capture.ErrRecord) {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	slices.Sort(lines)
	return lines
}

// TestFramesNotKeptPastTheirTurn: the capture readers reuse their record
// buffer, the trackers their packet and the
// HTTP parsers the bodies of finished transactions, so nothing may keep a
// frame or its packet once the engine is done with it, nor a body once
// its transaction is finished. Every record type is written
// (alert packet and payload detail included), and overwriting each frame
// after its turn changes none of them.
func TestFramesNotKeptPastTheirTurn(t *testing.T) {
	sameRecords(t, compileObject(t, filepath.Join("..", "..", "rules")), demo.File(t))
}

// everyUnitRules alert on every packet and on every application-layer
// transaction rulec parses, so that each writes an alert with its detail.
const everyUnitRules = `alert ip any any -> any any (msg:"packet"; sid:9100001;)
alert http any any -> any any (msg:"http request"; http.method; content:!"|00|"; sid:9100002;)
alert http any any -> any any (msg:"http response"; http.stat_code; content:!"|00|"; sid:9100003;)
alert dns any any -> any any (msg:"dns query"; dns.query; content:!"|00|"; sid:9100004;)
alert tls any any -> any any (msg:"tls sni"; tls.sni; content:!"|00|"; sid:9100005;)
alert ssh any any -> any any (msg:"ssh"; ssh.software; content:!"|00|"; sid:9100006;)
alert http any any -> any any (msg:"request body"; http.request_body; content:"="; sid:9100008;)
alert http any any -> any any (msg:"response body"; file.data; content:"<"; sid:9100009;)
alert tcp any any -> any any (msg:"stream"; flow:established; content:!"|00 00 00 00 00 00 00 00 00 00|"; sid:9100007;)
alert http any any -> any any (msg:"request and its stream"; http.method; content:!"|00|"; pkt_data; content:"HTTP/1."; sid:9100010;)
alert http any any -> any any (msg:"response and its stream"; http.stat_code; content:!"|00|"; pkt_data; content:"HTTP/1."; sid:9100011;)
`

// TestFramesNotKeptCorpus is TestFramesNotKeptPastTheirTurn on the
// suricata-verify captures, with rules on every packet and transaction,
// and with ET Open on the real-traffic capture.
func TestFramesNotKeptCorpus(t *testing.T) {
	dir := t.TempDir()
	every := filepath.Join(dir, "every.rules")
	if err := os.WriteFile(every, []byte(everyUnitRules), 0o600); err != nil {
		t.Fatal(err)
	}
	var pcaps []string
	filepath.WalkDir(corpus.Dir(t, "suricata-verify"), func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".pcap") || strings.HasSuffix(p, ".pcapng")) {
			pcaps = append(pcaps, p)
		}
		return nil
	})
	sameRecords(t, compileObject(t, every), pcaps...)
	et := compileObject(t, corpus.Dir(t, "etopen"), filepath.Join("..", "..", "rules"))
	sameRecords(t, et, filepath.Join(corpus.Dir(t, "traffic"), "mixed.pcap"))
}

func sameRecords(t *testing.T, o *object.Object, pcaps ...string) {
	for _, pcap := range pcaps {
		for _, ips := range []bool{false, true} {
			want := framesRun(t, o, pcap, ips, false)
			if got := framesRun(t, o, pcap, ips, true); !slices.Equal(got, want) {
				t.Errorf("%s ips=%v: overwritten frames change the records:\n%s", pcap, ips, firstDiff(got, want))
				continue
			}
			want = workersRun(t, o, pcap, ips, frameFresh)
			if got := workersRun(t, o, pcap, ips, frameScribble); !slices.Equal(got, want) {
				t.Errorf("%s ips=%v: two workers with overwritten frames change the records:\n%s", pcap, ips, firstDiff(got, want))
			}
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + g + "\n want " + w
		}
	}
	return ""
}
