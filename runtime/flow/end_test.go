package flow

import (
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

type ended struct {
	flow inspect.Flow
	end  inspect.End
}

func TestFlowEndReasonsAndStates(t *testing.T) {
	cfg := DefaultConfig()
	cfg.OtherTimeouts.New = time.Second
	tr, _ := newTracker(cfg)
	var ends []ended
	tr.OnFlowEnd(func(f *inspect.Flow) { ends = append(ends, ended{*f, f.End}) })

	closed := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(closed.handshake(), closed.c2s("GET / HTTP/1.0\r\n\r\n"), closed.close())...)
	open := newConn("10.0.0.1", "10.0.0.2", 40001, 80)
	feed(t, tr, open.handshake()...)
	synOnly := newConn("10.0.0.1", "10.0.0.2", 40002, 80)
	feed(t, tr, synOnly.handshake()[0])
	feed(t, tr, udp("10.0.0.1", "10.0.0.9", 5000, 5001, []byte("x")))
	// two seconds later the UDP flow has timed out
	if _, err := tr.Frame(tr.now.Add(2*time.Second), open.c2s("x")); err != nil {
		t.Fatal(err)
	}
	if len(ends) != 1 || ends[0].end.Reason != "timeout" || ends[0].end.State != "new" || ends[0].end.TCPState != "" || ends[0].flow.Proto != 17 {
		t.Fatalf("after timeout: %+v", ends)
	}
	tr.Flush()
	want := map[uint16]inspect.End{
		40000: {Reason: "shutdown", State: "closed", TCPState: "closed"},
		40001: {Reason: "shutdown", State: "established", TCPState: "established"},
		40002: {Reason: "shutdown", State: "new", TCPState: "syn_sent"},
	}
	if len(ends) != 4 {
		t.Fatalf("%d ends, want 4", len(ends))
	}
	for _, e := range ends[1:] {
		if w := want[e.flow.ClientPort]; e.end != w {
			t.Errorf("port %d: %+v, want %+v", e.flow.ClientPort, e.end, w)
		}
	}
	c := ends[1:]
	for _, e := range c {
		if e.flow.ClientPort == 40000 && (e.flow.TCPFlags[inspect.ToServer] != flagSYN|flagACK|flagFIN|0x08 || e.flow.TCPFlags[inspect.ToClient] != flagSYN|flagACK|flagFIN) {
			t.Errorf("flags %x", e.flow.TCPFlags)
		}
	}
}

func TestAppRecords(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	var recs, files []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) {
		if u.RecordType() == "fileinfo" {
			files = append(files, u)
			return
		}
		recs = append(recs, u)
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(),
		c.c2s("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"),
		c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), c.cAck())...)
	if len(recs) != 1 || recs[0].Fields["http"]["url"] != "/a" || recs[0].Fields["http"]["status"] != 200 {
		t.Fatalf("after the first response: %d records", len(recs))
	}
	// the response body is a file: its fileinfo record, server to client
	if len(files) != 1 || files[0].Dir != inspect.ToClient || files[0].Fields["fileinfo"]["filename"] != "/a" ||
		files[0].Fields["fileinfo"]["size"] != uint64(2) || files[0].Fields["http"]["url"] != "/a" {
		t.Fatalf("fileinfo records %d: %v", len(files), files)
	}
	tr.Flush()
	if len(recs) != 2 || recs[1].Fields["http"]["url"] != "/b" || recs[1].Fields["http"]["status"] != nil || recs[1].Tx != 2 {
		t.Fatalf("unanswered request not written at flow end: %d records", len(recs))
	}
}
