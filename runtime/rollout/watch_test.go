package rollout

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/codegen/object/sign"
	"github.com/rulec/rulec/internal/objtest"
)

// configMap lays out a volume as kubelet's atomic writer does: the file is
// a symlink into ..data, itself a symlink to a timestamped directory that
// a publication replaces with one rename.
type configMap struct {
	t   *testing.T
	dir string
	n   int
}

func (c *configMap) publish(data []byte) {
	c.t.Helper()
	c.n++
	ts := filepath.Join(c.dir, fmt.Sprintf("..2026_12_06_%02d", c.n))
	if err := os.Mkdir(ts, 0o755); err != nil {
		c.t.Fatal(err)
	}
	os.WriteFile(filepath.Join(ts, "ruleset.rco"), data, 0o644)
	tmp := filepath.Join(c.dir, "..data_tmp")
	os.Symlink(filepath.Base(ts), tmp)
	if err := os.Rename(tmp, filepath.Join(c.dir, "..data")); err != nil {
		c.t.Fatal(err)
	}
	if c.n == 1 {
		os.Symlink("..data/ruleset.rco", filepath.Join(c.dir, "ruleset.rco"))
	}
}

func TestWatcherFollowsConfigMapSwaps(t *testing.T) {
	cm := &configMap{t: t, dir: t.TempDir()}
	v1 := objtest.Encode(t, "alert udp any any -> any 53 (msg:\"v1\"; sid:1;)\n")
	v2 := objtest.Encode(t, "alert udp any any -> any 53 (msg:\"v2\"; sid:1; rev:2;)\nalert udp any any -> any 54 (msg:\"new\"; sid:2;)\n")
	cm.publish(v1)
	path := filepath.Join(cm.dir, "ruleset.rco")
	w, d1, err := NewWatcher(path, nil)
	if err != nil || d1 != Digest(v1) {
		t.Fatalf("watcher: %v, digest %s", err, d1)
	}
	if _, _, changed, _ := w.Poll(); changed {
		t.Fatal("unchanged object reported")
	}
	cm.publish(v2)
	d, o, changed, err := w.Poll()
	if !changed || err != nil || d != Digest(v2) || len(o.Rules) != 2 {
		t.Fatalf("after publishing v2: changed %v err %v digest %s", changed, err, d)
	}
	if _, _, changed, _ := w.Poll(); changed {
		t.Error("v2 reported twice")
	}
	// The same bytes published again are no change.
	cm.publish(v2)
	if _, _, changed, _ := w.Poll(); changed {
		t.Error("republished v2 reported")
	}
	// A corrupt object is reported once, with its error.
	bad := bytes.Clone(v2)
	bad[len(bad)/2] ^= 0xff
	cm.publish(bad)
	d, o, changed, err = w.Poll()
	if !changed || err == nil || o != nil || !strings.Contains(err.Error(), d[:12]) {
		t.Fatalf("corrupt: changed %v err %v", changed, err)
	}
	if _, _, changed, _ := w.Poll(); changed {
		t.Error("corrupt object reported twice")
	}
	// A path that is gone for a moment is no change.
	os.Remove(path)
	if _, _, changed, err := w.Poll(); changed || err != nil {
		t.Errorf("missing path: %v %v", changed, err)
	}
}

func TestWatcherVerifiesSignatures(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	dir := t.TempDir()
	path := filepath.Join(dir, "ruleset.rco")
	data := objtest.Encode(t, "alert udp any any -> any 53 (msg:\"v1\"; sid:1;)\n")
	os.WriteFile(path, sign.Sign(data, priv), 0o644)
	w, _, err := NewWatcher(path, pub)
	if err != nil {
		t.Fatal(err)
	}
	data2 := objtest.Encode(t, "alert udp any any -> any 53 (msg:\"v2\"; sid:1; rev:2;)\n")
	os.WriteFile(path, sign.Sign(data2, other), 0o644)
	if _, _, changed, err := w.Poll(); !changed || err == nil {
		t.Errorf("object signed by another key: changed %v err %v", changed, err)
	}
	os.WriteFile(path, sign.Sign(data2, priv), 0o644)
	if _, o, changed, err := w.Poll(); !changed || err != nil || o == nil {
		t.Errorf("object signed by the key: changed %v err %v", changed, err)
	}
}

func TestStateMetrics(t *testing.T) {
	var s State
	s.Loaded("abc", 1, 5, time.Unix(100, 0))
	s.Failed(fmt.Errorf("bad"))
	s.Loaded("def", 2, 6, time.Unix(200, 0))
	var b bytes.Buffer
	s.WriteMetrics(&b)
	for _, want := range []string{
		`rulec_ruleset_info{sha256="def",generation="2",rules="6"} 1`,
		"rulec_ruleset_loads_total 2",
		"rulec_ruleset_refused_total 1",
		"rulec_ruleset_loaded_timestamp_seconds 200",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
}
