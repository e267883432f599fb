package deploy

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImage builds the image with make image's script and runs rulec
// inside it: version, and the default rule set on the demo capture. With
// no image builder on the machine it skips; where one is installed, a
// failed build fails under CI=true and skips with the reason elsewhere.
func TestImage(t *testing.T) {
	if testing.Short() {
		t.Skip("image build skipped in -short mode")
	}
	if _, err := exec.LookPath("buildah"); err != nil {
		t.Skip("no image builder: install buildah (apt-get install buildah) to test the image")
	}
	const tag = "localhost/rulec:test"
	out, err := exec.Command("bash", "image/build.sh", tag).CombinedOutput()
	if err != nil {
		msg := fmt.Sprintf("image build: %v\n%s", err, out)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctr := strings.TrimSpace(run(t, "buildah", "from", "--pull-never", tag))
	t.Cleanup(func() { exec.Command("buildah", "rm", ctr).Run() })

	pcap := filepath.Join(t.TempDir(), "demo.pcap")
	gen := exec.Command("go", "run", "./cmd/demopcap", "-o", pcap)
	gen.Dir = ".."
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("demopcap: %v\n%s", err, out)
	}
	inside := func(args ...string) string {
		all := append([]string{"run", "--isolation", "chroot", "-v", pcap + ":/data/demo.pcap:ro", ctr, "--"}, args...)
		return run(t, "buildah", all...)
	}
	if v := inside("/usr/bin/rulec", "version"); !strings.HasPrefix(v, "rulec ") {
		t.Errorf("version: %q", v)
	}
	sum := inside("/usr/bin/rulec", "run", "/etc/rulec/ruleset.rco", "--pcap", "/data/demo.pcap")
	if !strings.Contains(sum, "alerts ") || strings.Contains(sum, "alerts                   0") {
		t.Errorf("no alerts on the demo capture inside the image:\n%s", sum)
	}
	if user := run(t, "buildah", "inspect", "--type", "image", "--format", "{{.OCIv1.Config.User}}", tag); strings.TrimSpace(user) != "65534:65534" {
		t.Errorf("image user %q, want non-root 65534:65534", user)
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
