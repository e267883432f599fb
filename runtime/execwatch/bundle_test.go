package execwatch

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContainerOf(t *testing.T) {
	proc := newFakeProc(t)
	base := t.TempDir()
	withConfig := writeBundle(t, filepath.Join(base, "bundles", "web-1"), `{"hostname":"web","annotations":{"k":"v"}}`)
	broken := writeBundle(t, filepath.Join(base, "bundles", "broken"), `{"hostname":`)
	empty := filepath.Join(base, "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		inv  invocation
		cwd  string
		want Container
		err  string
	}{
		{"relative bundle", invocation{id: "cid", bundle: "bundles/web-1"}, base,
			Container{ID: "cid", Bundle: withConfig, Hostname: "web", Annotations: map[string]string{"k": "v"}}, ""},
		{"absolute bundle", invocation{id: "cid", bundle: withConfig + "/"}, empty,
			Container{ID: "cid", Bundle: withConfig, Hostname: "web", Annotations: map[string]string{"k": "v"}}, ""},
		{"bundle without config", invocation{id: "cid", bundle: empty}, base, Container{ID: "cid", Bundle: empty}, ""},
		{"working directory", invocation{}, withConfig,
			Container{ID: "web-1", Bundle: withConfig, Hostname: "web", Annotations: map[string]string{"k": "v"}}, ""},
		{"working directory without config", invocation{id: "cid"}, empty, Container{ID: "cid"}, ""},
		{"broken config", invocation{}, broken, Container{ID: "broken", Bundle: broken}, "config.json"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pid := uint32(200 + i)
			proc.add(pid, "/bin/true", []string{"runc"}, c.cwd)
			got, err := containerOf(proc.root, pid, process{inv: c.inv, cwd: c.cwd})
			if (c.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), c.err) {
				t.Errorf("error %v, want %q", err, c.err)
			}
			if got.ID != c.want.ID || got.Bundle != c.want.Bundle || got.Hostname != c.want.Hostname || !maps.Equal(got.Annotations, c.want.Annotations) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
