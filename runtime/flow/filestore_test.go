package flow

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestFileStore: with force-filestore a closed HTTP response file is
// written as DIR/xx/SHA256 with its fileinfo record beside it, and its
// fileinfo record says stored with a file_id; past the store's byte
// budget a file is not stored and counted.
func TestFileStore(t *testing.T) {
	body := "%PDF-1.7 stored file"
	run := func(budget int64) (string, []*inspect.Unit, *Tracker) {
		dir := filepath.Join(t.TempDir(), "filestore")
		cfg := DefaultConfig()
		cfg.FileHashes = filehash.SHA256
		cfg.FileStore = &FileStore{Dir: dir, Force: true, WriteInfo: true, MaxBytes: budget}
		tr, _ := newTracker(cfg)
		var recs []*inspect.Unit
		tr.OnRecord(func(u *inspect.Unit) {
			if u.RecordType() == "fileinfo" {
				recs = append(recs, u)
			}
		})
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, concat(c.handshake(), c.c2s("GET /r.pdf HTTP/1.1\r\nHost: h\r\n\r\n"),
			c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"+body), c.cAck())...)
		return dir, recs, tr
	}
	dir, recs, tr := run(0)
	sum := sha256.Sum256([]byte(body))
	name := hex.EncodeToString(sum[:])
	got, err := os.ReadFile(filepath.Join(dir, name[:2], name))
	if err != nil || string(got) != body {
		t.Fatalf("stored file %q, %v", got, err)
	}
	if len(recs) != 1 || recs[0].Fields["fileinfo"]["stored"] != true || recs[0].Fields["fileinfo"]["file_id"] != uint64(1) {
		t.Fatalf("fileinfo %v", recs)
	}
	metas, _ := filepath.Glob(filepath.Join(dir, name[:2], name+".*.1.json"))
	if len(metas) != 1 {
		t.Fatalf("fileinfo files %v", metas)
	}
	var meta map[string]any
	data, _ := os.ReadFile(metas[0])
	if err := json.Unmarshal(data, &meta); err != nil || meta["event_type"] != "fileinfo" || meta["flow_id"] == nil {
		t.Errorf("fileinfo file %s: %v", data, err)
	}
	if tr.Limits()["file_store_not_stored"] != 0 {
		t.Error("a stored file counted as not stored")
	}
	_, recs, tr = run(5)
	if len(recs) != 1 || recs[0].Fields["fileinfo"]["stored"] != false || tr.Limits()["file_store_not_stored"] != 1 {
		t.Errorf("past the budget: %v, %d not stored", recs[0].Fields["fileinfo"], tr.Limits()["file_store_not_stored"])
	}
}

// TestBodyLimitsPerDirection: libhtp's request-body-limit and
// response-body-limit bound one direction each; the other keeps the
// default.
func TestBodyLimitsPerDirection(t *testing.T) {
	c := DefaultConfig()
	if err := c.Set("app-layer.protocols.http.libhtp.default-config.response-body-limit", "200kb"); err != nil {
		t.Fatal(err)
	}
	if c.HTTP.Limit(true) != 200<<10 || c.HTTP.Limit(false) != 100<<10 {
		t.Errorf("response %d request %d", c.HTTP.Limit(true), c.HTTP.Limit(false))
	}
	if err := c.Set("app-layer.protocols.http.libhtp.default-config.request-body-limit", "1kb"); err != nil || c.HTTP.Limit(false) != 1<<10 || c.HTTP.Limit(true) != 200<<10 {
		t.Errorf("request %d, %v", c.HTTP.Limit(false), err)
	}
}

// TestStoreDepth: a filestore rule lifts HTTP body limits to file-store
// stream-depth when it is over stream.reassembly.depth, else to that
// depth; without a file store nothing is lifted.
func TestStoreDepth(t *testing.T) {
	for _, c := range []struct {
		depth string
		want  int
	}{{"", 1 << 20}, {"no", 1 << 20}, {"512kb", 1 << 20}, {"2mb", 2 << 20}} {
		fs, err := NewFileStore(t.TempDir(), eve.FileStoreConfig{StreamDepth: c.depth})
		if err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig()
		cfg.FileStore, cfg.Filestore = fs, true
		if got := withDefaults(cfg).HTTP.StoreDepth; got != c.want {
			t.Errorf("stream-depth %q: lifted to %d, want %d", c.depth, got, c.want)
		}
	}
	cfg := DefaultConfig()
	cfg.Filestore = true
	if got := withDefaults(cfg).HTTP.StoreDepth; got != 0 {
		t.Errorf("no file store: lifted to %d", got)
	}
	if _, err := NewFileStore("d", eve.FileStoreConfig{StreamDepth: "lots"}); !errors.Is(err, ErrSize) {
		t.Errorf("bad stream-depth: %v", err)
	}
}
