package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// download is the frames of a TCP connection whose response carries
// body (Content-Length framed, 1400-byte segments) as /f.bin, each
// segment ACKed.
func download(body []byte) [][]byte {
	c := conn{src: netip.MustParseAddr("10.0.0.1"), dst: netip.MustParseAddr("10.0.0.2"), sport: 40000}
	req := "GET /f.bin HTTP/1.1\r\nHost: x\r\n\r\n"
	resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(body)) + string(body)
	cseq, sseq := uint32(101), uint32(501)
	frames := [][]byte{
		c.frame(true, 0x02, 100, 0, ""),
		c.frame(false, 0x12, 500, 101, ""),
		c.frame(true, 0x10, 101, 501, ""),
		c.frame(true, 0x18, cseq, sseq, req),
	}
	cseq += uint32(len(req))
	for len(resp) > 0 {
		n := min(len(resp), 1400)
		frames = append(frames, c.frame(false, 0x18, sseq, cseq, resp[:n]))
		sseq += uint32(n)
		resp = resp[n:]
		frames = append(frames, c.frame(true, 0x10, cseq, sseq, ""))
	}
	return append(frames, c.frame(true, 0x11, cseq, sseq, ""), c.frame(false, 0x11, sseq, cseq+1, ""),
		c.frame(true, 0x10, cseq+1, sseq+1, ""))
}

// liftRun runs rules over the download of body with the file store on
// or off (IPS mode) and returns the sids alerted, the fileinfo records
// and the number of drop records.
func liftRun(t *testing.T, rules string, store bool, body []byte) (sids []uint64, files []map[string]any, drops int) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.rules")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	fc := flow.DefaultConfig()
	if store {
		fc.FileStore = &flow.FileStore{Dir: filepath.Join(dir, "filestore")}
	}
	var out bytes.Buffer
	p, err := Open(compileObject(t, path), Config{Kernel: KernelReference, Flow: fc, EVE: &out, Offline: true, IPS: true,
		Records: eve.Types{"alert": true, "files": true, "drop": true, eve.DropFlowsAll: true}})
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Unix(1700000000, 0)
	for i, fr := range download(body) {
		if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*time.Millisecond), fr); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev struct {
			Type  string `json:"event_type"`
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			File map[string]any `json:"fileinfo"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		switch ev.Type {
		case "alert":
			sids = append(sids, ev.Alert.SID)
		case "fileinfo":
			files = append(files, ev.File)
		case "drop":
			drops++
		}
	}
	return sids, files, drops
}

// TestFilestoreLiftsBodyLimit: a filestore rule matching a response's
// file lifts the body limit (100 KiB) to the stream depth, as Suricata's
// filestore postmatch sets HTP_STREAM_DEPTH_SET: the 150 KiB file is
// tracked whole, so its sha256 is computed and a filesha256 drop rule
// matches it; the packets of the flow after the drop are dropped too.
// Without the file store, or when no filestore rule matches the file, the
// file is cut at the limit (TRUNCATED) and has no sha256 to match.
func TestFilestoreLiftsBodyLimit(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 150<<10/16)
	sum := sha256.Sum256(body)
	list := filepath.Join(t.TempDir(), "sha256.list")
	if err := os.WriteFile(list, []byte(hex.EncodeToString(sum[:])+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	drop := fmt.Sprintf("drop http any any -> any any (filesha256:%s; sid:2;)\n", list)
	store := func(ext string) string {
		return fmt.Sprintf("alert http any any -> any any (fileext:%q; filestore; sid:1;)\n", ext) + drop
	}

	sids, files, drops := liftRun(t, store("bin"), true, body)
	if !strings.Contains(fmt.Sprint(sids), "2") || len(files) != 1 {
		t.Fatalf("lifted: sids %v, files %v", sids, files)
	}
	if f := files[0]; f["state"] != "CLOSED" || f["size"] != float64(len(body)) || f["stored"] != true || f["sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("lifted file %v", f)
	}
	if drops != 5 { // the packet completing the file, every packet of the flow after it
		t.Errorf("lifted: %d drop records", drops)
	}

	for name, run := range map[string]func() ([]uint64, []map[string]any, int){
		"no file store":       func() ([]uint64, []map[string]any, int) { return liftRun(t, store("bin"), false, body) },
		"filestore not match": func() ([]uint64, []map[string]any, int) { return liftRun(t, store("exe"), true, body) },
	} {
		sids, files, drops := run()
		if strings.Contains(fmt.Sprint(sids), "2") || drops != 0 || len(files) != 1 {
			t.Fatalf("%s: sids %v, %d drops, files %v", name, sids, drops, files)
		}
		if f := files[0]; f["state"] != "TRUNCATED" || f["size"] != float64(100<<10) {
			t.Errorf("%s: file %v", name, f)
		}
	}
}
